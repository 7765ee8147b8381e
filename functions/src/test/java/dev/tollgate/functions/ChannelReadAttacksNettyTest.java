package dev.tollgate.functions;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.read.SignedRead;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.StoredTables;
import dev.tollgate.x402.X402Headers;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The signed-read attacks over the Netty server, where the path a payer signed is the request
 * line's (not API Gateway's rawPath): a read is the channel's payer's, for that one method, path,
 * query and channel, at a time near the server's clock, or the operator's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelReadAttacksNettyTest {
  private static final String OPERATOR_TOKEN = "operator-token-for-the-netty-reads-0123";
  private static final long SKEW = 300;

  private final LocalKeySigner stranger = LocalKeySigner.random(new SecureRandom());
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private GatewayStack stack;
  private ApplicationContext netty;
  private URI base;
  private Clock serverClock;
  private HttpPayer victim;
  private HttpPayer other;

  @BeforeAll
  void start() throws Exception {
    Map<String, Object> properties = new HashMap<>();
    properties.put("tollgate.signer.mode", "local");
    properties.put("tollgate.signer.private-key", GatewayStack.GATEWAY_KEY);
    properties.put("tollgate.operator.token", OPERATOR_TOKEN);
    stack = GatewayStack.start(properties);
    victim = HttpPayer.funded(stack, BigInteger.valueOf(100_000));
    other = HttpPayer.funded(stack, BigInteger.valueOf(100_000));
    assertThat(victim.get(ARTICLES + "victims-article").status()).isEqualTo(200);
    Map<String, Object> served = new HashMap<>(stack.properties());
    served.put("tollgate.tables.create", false);
    served.put("micronaut.server.host", "127.0.0.1");
    served.put("micronaut.server.port", -1);
    netty = GatewayApplication.start(served);
    base = netty.getBean(EmbeddedServer.class).getURI();
    serverClock = netty.getBean(Clock.class);
  }

  @AfterAll
  void stop() {
    if (netty != null) {
      netty.close();
    }
    stack.close();
  }

  @Test
  void strangerReadsAVictimsChannelWithoutAHeader() throws Exception {
    for (String path : List.of(channelPath(victim), updatesPath(victim))) {
      HttpResponse<String> r = get(path, Map.of());

      assertUnauthorized(r, "no TOLLGATE-AUTH header");
      assertShowsNoSignatureOf(victim, r);
    }
  }

  @Test
  void strangerSignsWithItsOwnKey() throws Exception {
    String path = updatesPath(victim);

    HttpResponse<String> r = read(path, strangersHeader(path, victim.channel()));

    assertUnauthorized(r, "not signed by the channel's payer");
    assertShowsNoSignatureOf(victim, r);
  }

  @Test
  void payersHeaderReplayedOnAnotherChannel() throws Exception {
    HttpResponse<String> r = read(channelPath(other), payersHeader(victim, channelPath(victim)));

    assertUnauthorized(r, "not signed by the channel's payer");
    assertShowsNoSignatureOf(other, r);
  }

  @Test
  void headerForTheChannelReplayedOnItsUpdates() throws Exception {
    HttpResponse<String> r = read(updatesPath(victim), payersHeader(victim, channelPath(victim)));

    assertUnauthorized(r, "not signed by the channel's payer");
    assertShowsNoSignatureOf(victim, r);
  }

  @Test
  void expiredAndFutureHeadersAreRefused() throws Exception {
    String path = channelPath(victim);
    // The server's clock only moves on, so a read signed this far back is only ever older.
    HttpResponse<String> old =
        read(path, payersHeaderAt(victim, path, serverClock.nowSeconds() - SKEW - 60));
    HttpResponse<String> ahead =
        read(path, payersHeaderAt(victim, path, serverClock.nowSeconds() + SKEW + 600));

    assertUnauthorized(old, "expired");
    assertUnauthorized(ahead, "in the future");
    assertShowsNoSignatureOf(victim, old);
    assertShowsNoSignatureOf(victim, ahead);
  }

  @Test
  void unknownChannelLooksTheSameAsABadSignatureToAStranger() throws Exception {
    Address unknown = Address.fromHex("0x00000000000000000000000000000000000000bb");
    String unknownPath = "/channels/" + unknown.toChecksumHex();

    HttpResponse<String> absent = read(unknownPath, strangersHeader(unknownPath, unknown));
    HttpResponse<String> notTheirs =
        read(channelPath(victim), strangersHeader(channelPath(victim), victim.channel()));

    assertThat(absent.statusCode()).isEqualTo(401);
    assertThat(absent.body()).isEqualTo(notTheirs.body());
    HttpResponse<String> operator =
        get(unknownPath, Map.of("Authorization", "Bearer " + OPERATOR_TOKEN));
    assertThat(operator.statusCode()).isEqualTo(404);
    assertThat(ChannelJson.parse(operator.body()).get("error").asText())
        .isEqualTo("unknown_channel");
  }

  /** The header's name in lower case, as browsers and HTTP/2 send it. */
  @Test
  void payersOwnSignedReadIsServed() throws Exception {
    String path = updatesPath(victim);

    HttpResponse<String> updates = get(path, Map.of("tollgate-auth", payersHeader(victim, path)));
    HttpResponse<String> channel =
        read(channelPath(victim), payersHeader(victim, channelPath(victim)));

    assertThat(updates.statusCode()).as(updates.body()).isEqualTo(200);
    assertThat(ChannelJson.parse(updates.body()).get("updates").size()).isPositive();
    assertThat(channel.statusCode()).as(channel.body()).isEqualTo(200);
    assertThat(ChannelJson.parse(channel.body()).get("nonce").asLong())
        .isEqualTo(victim.payer().view().nonce());
  }

  @Test
  void operatorTokenReadsAnyChannel() throws Exception {
    HttpResponse<String> r =
        get(updatesPath(other), Map.of("Authorization", "Bearer " + OPERATOR_TOKEN));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void strangerCannotObtainADoubleSignedStateFromAStalePaymentsRefusal() throws Exception {
    HttpPayer laptop = victim.twin();
    assertThat(victim.get(ARTICLES + "phone").status()).isEqualTo(200);
    String path = ARTICLES + "laptop";
    var quote = laptop.quote(path);
    String stale = HttpPayer.paymentHeader(path, quote, laptop.createFor(quote));
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();

    HttpResponse<String> r = get(path, Map.of(X402Headers.PAYMENT_SIGNATURE, stale));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
    assertShowsNoSignatureOf(victim, r);
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
  }

  private HttpResponse<String> read(String path, String header) throws Exception {
    return get(path, Map.of(SignedRead.HEADER, header));
  }

  private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String strangersHeader(String path, Address channel) {
    return SignedRead.sign(stranger, "GET", path, channel, serverClock.nowSeconds()).header();
  }

  private String payersHeader(HttpPayer payer, String path) {
    return payersHeaderAt(payer, path, serverClock.nowSeconds());
  }

  private static String payersHeaderAt(HttpPayer payer, String path, long at) {
    return SignedRead.sign(payer.payer().party().signer(), "GET", path, payer.channel(), at)
        .header();
  }

  private static String channelPath(HttpPayer payer) {
    return "/channels/" + payer.channel();
  }

  private static String updatesPath(HttpPayer payer) {
    return "/channels/" + payer.channel() + "/updates?after=0&limit=100";
  }

  private static void assertUnauthorized(HttpResponse<String> r, String detail) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
    assertThat(ChannelJson.parse(r.body()).get("error").asText()).isEqualTo("unauthorized");
    assertThat(ChannelJson.parse(r.body()).get("detail").asText()).contains(detail);
  }

  private void assertShowsNoSignatureOf(HttpPayer payer, HttpResponse<String> r) {
    StringBuilder shown = new StringBuilder(r.body());
    r.headers()
        .map()
        .forEach(
            (name, values) -> {
              for (String value : values) {
                shown.append('\n').append(value);
                try {
                  shown
                      .append('\n')
                      .append(
                          new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException notBase64) {
                  // shown as it is
                }
              }
            });
    String seen = shown.toString().toLowerCase(Locale.ROOT);
    List<String> signatures = signaturesOf(payer);
    assertThat(signatures).isNotEmpty();
    for (String signature : signatures) {
      assertThat(seen).doesNotContain(signature);
    }
  }

  private List<String> signaturesOf(HttpPayer payer) {
    var r =
        stack.lambda().get(updatesPath(payer), Map.of("authorization", "Bearer " + OPERATOR_TOKEN));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    for (ChannelUpdate u : HttpPayer.updates(r)) {
      u.aliceSignature().ifPresent(s -> out.add(s.toHex().substring(2).toLowerCase(Locale.ROOT)));
      u.bobSignature().ifPresent(s -> out.add(s.toHex().substring(2).toLowerCase(Locale.ROOT)));
    }
    return out;
  }
}
