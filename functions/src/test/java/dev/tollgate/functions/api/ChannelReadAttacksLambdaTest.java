package dev.tollgate.functions.api;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.read.SignedRead;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.StoredTables;
import dev.tollgate.x402.X402Headers;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A stranger after a victim's channel through the Lambda handler: a channel read is the payer's (a
 * {@code TOLLGATE-AUTH} signed read, bound to the method, the path with its query, the channel and
 * a time within {@code tollgate.channels.read-skew-seconds}) or the operator's, and no refusal
 * hands anyone a double-signed state. The gateway's clock is the test's, so times are exact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelReadAttacksLambdaTest {
  private static final String OPERATOR_TOKEN = "operator-token-for-the-read-attacks-0123";
  private static final long SKEW = 300;
  private static final Address UNKNOWN =
      Address.fromHex("0x00000000000000000000000000000000000000aa");

  private final AtomicLong seconds = new AtomicLong(System.currentTimeMillis() / 1000);
  private final LocalKeySigner stranger = LocalKeySigner.random(new SecureRandom());
  private GatewayStack stack;
  private HttpPayer victim;
  private HttpPayer other;

  @BeforeAll
  void start() throws Exception {
    Map<String, Object> properties = new HashMap<>();
    properties.put("tollgate.signer.mode", "local");
    properties.put("tollgate.signer.private-key", GatewayStack.GATEWAY_KEY);
    properties.put("tollgate.operator.token", OPERATOR_TOKEN);
    stack = GatewayStack.start(properties);
    Clock clock = seconds::get;
    stack.register(clock);
    victim = HttpPayer.funded(stack, BigInteger.valueOf(100_000));
    other = HttpPayer.funded(stack, BigInteger.valueOf(100_000));
    assertThat(victim.get(ARTICLES + "victims-article").status()).isEqualTo(200);
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void strangerReadsAVictimsChannelWithoutAHeader() {
    for (String path : List.of(channelPath(victim), updatesPath(victim))) {
      LambdaInvoker.Response r = stack.lambda().get(path, Map.of());

      assertUnauthorized(r, "no TOLLGATE-AUTH header");
      assertShowsNoSignatureOf(victim, r);
    }
  }

  @Test
  void strangerSignsWithItsOwnKey() {
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();
    for (String path : List.of(channelPath(victim), updatesPath(victim))) {
      LambdaInvoker.Response r = read(path, strangersHeader(path, victim.channel()));

      assertUnauthorized(r, "not signed by the channel's payer");
      assertShowsNoSignatureOf(victim, r);
    }
    assertThat(StoredTables.of(stack).snapshot())
        .as("a refused read stores nothing")
        .isEqualTo(before);
  }

  @Test
  void payersHeaderReplayedOnAnotherChannel() {
    String header = victim.readHeader("GET", channelPath(victim));

    LambdaInvoker.Response r = read(channelPath(other), header);

    assertUnauthorized(r, "not signed by the channel's payer");
    assertShowsNoSignatureOf(other, r);
  }

  @Test
  void headerForTheChannelReplayedOnItsUpdates() {
    String header = victim.readHeader("GET", channelPath(victim));

    LambdaInvoker.Response updates = read(updatesPath(victim), header);
    LambdaInvoker.Response otherQuery =
        read(
            channelPath(victim) + "/updates?after=1&limit=100",
            victim.readHeader("GET", updatesPath(victim)));

    assertUnauthorized(updates, "not signed by the channel's payer");
    assertUnauthorized(otherQuery, "not signed by the channel's payer");
    assertShowsNoSignatureOf(victim, updates);
  }

  @Test
  void expiredHeaderIsRefusedAndOneAtTheSkewIsServed() {
    String path = channelPath(victim);
    String atTheEdge = victim.readHeader("GET", path);
    String tooOld = signedAt(path, seconds.get() - SKEW - 1);
    long start = seconds.get();
    try {
      seconds.addAndGet(SKEW);
      assertThat(read(path, atTheEdge).status()).as("exactly %s s old", SKEW).isEqualTo(200);
      seconds.set(start);

      LambdaInvoker.Response r = read(path, tooOld);

      assertUnauthorized(r, "expired");
      assertThat(detail(r)).contains((SKEW + 1) + " s old");
      assertShowsNoSignatureOf(victim, r);
    } finally {
      seconds.set(start);
    }
  }

  @Test
  void futureHeaderIsRefused() {
    String path = updatesPath(victim);

    LambdaInvoker.Response r = read(path, signedAt(path, seconds.get() + SKEW + 7));

    assertUnauthorized(r, "in the future");
    assertThat(detail(r)).contains((SKEW + 7) + " s in the future");
    assertThat(read(path, signedAt(path, seconds.get() + SKEW)).status()).isEqualTo(200);
  }

  @Test
  void malformedHeaderIsRefusedNamingIt() {
    LambdaInvoker.Response r = read(channelPath(victim), "12345.0x1234");

    assertUnauthorized(r, "malformed");
    assertThat(detail(r)).contains("0x1234");
  }

  @Test
  void unknownChannelLooksTheSameAsABadSignatureToAStranger() {
    String unknownPath = "/channels/" + UNKNOWN.toChecksumHex();
    String knownPath = channelPath(victim);

    LambdaInvoker.Response unknown = read(unknownPath, strangersHeader(unknownPath, UNKNOWN));
    LambdaInvoker.Response known = read(knownPath, strangersHeader(knownPath, victim.channel()));
    LambdaInvoker.Response unknownBare = stack.lambda().get(unknownPath, Map.of());
    LambdaInvoker.Response knownBare = stack.lambda().get(knownPath, Map.of());

    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.body()).isEqualTo(known.body());
    assertThat(unknownBare.status()).isEqualTo(401);
    assertThat(unknownBare.body()).isEqualTo(knownBare.body());
    // Only the operator learns which channels exist.
    LambdaInvoker.Response operator =
        stack.lambda().get(unknownPath, Map.of("authorization", "Bearer " + OPERATOR_TOKEN));
    assertThat(operator.status()).isEqualTo(404);
    assertThat(error(operator)).isEqualTo("unknown_channel");
  }

  @Test
  void payersOwnSignedReadIsServed() {
    LambdaInvoker.Response channel = victim.readChannel();
    LambdaInvoker.Response updates = victim.read(updatesPath(victim));

    assertThat(channel.status()).as(channel.body()).isEqualTo(200);
    assertThat(
            ChannelJson.channel(ChannelJson.parse(channel.body()).get("latest"), "latest").state())
        .isEqualTo(victim.payer().view().state());
    assertThat(updates.status()).as(updates.body()).isEqualTo(200);
    assertThat(HttpPayer.updates(updates)).isNotEmpty();
  }

  @Test
  void operatorTokenReadsAnyChannelAndAWrongTokenDoesNot() {
    Map<String, String> operator = Map.of("authorization", "Bearer " + OPERATOR_TOKEN);
    Map<String, String> guess = Map.of("authorization", "Bearer not-the-operators-token-0000");

    assertThat(stack.lambda().get(channelPath(victim), operator).status()).isEqualTo(200);
    assertThat(stack.lambda().get(updatesPath(victim), operator).status()).isEqualTo(200);
    LambdaInvoker.Response wrong = stack.lambda().get(channelPath(victim), guess);
    assertUnauthorized(wrong, "the bearer token is not the operator's");
    assertShowsNoSignatureOf(victim, wrong);
  }

  /**
   * Every 409 a stranger can provoke with the victim's captured traffic: a stale payment header at
   * {@code /paid}, the same stale create at the transfers route, the victim's spent create there.
   */
  @Test
  void strangerCannotObtainADoubleSignedStateFromAnyRefusal() {
    HttpPayer laptop = victim.twin();
    HttpPayer.Paid onThePhone = victim.get(ARTICLES + "phone");
    assertThat(onThePhone.status()).isEqualTo(200);
    String stalePath = ARTICLES + "laptop";
    var quote = laptop.quote(stalePath);
    ChannelUpdate staleCreate = laptop.createFor(quote);
    String stale = HttpPayer.paymentHeader(stalePath, quote, staleCreate);
    ChannelUpdate spent = X402Headers.decodePaymentSignature(onThePhone.header()).value().payload();
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();
    String transfers = "/channels/" + victim.channel() + "/transfers";

    List<LambdaInvoker.Response> refusals =
        List.of(
            stack.lambda().get(stalePath, Map.of(X402Headers.PAYMENT_SIGNATURE, stale)),
            victim.post(transfers, HttpPayer.body("update", staleCreate)),
            victim.post(transfers, HttpPayer.body("update", spent)));

    for (LambdaInvoker.Response r : refusals) {
      assertThat(r.status()).as(r.body()).isEqualTo(409);
      assertShowsNoSignatureOf(victim, r);
      assertThat(ChannelJson.parse(r.body()).has("latestUpdate")).isFalse();
    }
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
  }

  private LambdaInvoker.Response read(String path, String header) {
    return stack.lambda().get(path, Map.of(SignedRead.HEADER, header));
  }

  private String strangersHeader(String path, Address channel) {
    return SignedRead.sign(stranger, "GET", path, channel, seconds.get()).header();
  }

  private String signedAt(String path, long at) {
    return SignedRead.sign(victim.payer().party().signer(), "GET", path, victim.channel(), at)
        .header();
  }

  private static String channelPath(HttpPayer payer) {
    return "/channels/" + payer.channel();
  }

  private static String updatesPath(HttpPayer payer) {
    return "/channels/" + payer.channel() + "/updates?after=0&limit=100";
  }

  private static void assertUnauthorized(LambdaInvoker.Response r, String detail) {
    assertThat(r.status()).as(r.body()).isEqualTo(401);
    assertThat(error(r)).isEqualTo("unauthorized");
    assertThat(detail(r)).contains(detail);
  }

  /** Neither signature of any state of {@code payer}'s channel, in the body or any header. */
  private void assertShowsNoSignatureOf(HttpPayer payer, LambdaInvoker.Response r) {
    String shown = everythingShown(r);
    List<String> signatures = signaturesOf(payer);
    assertThat(signatures).isNotEmpty();
    for (String signature : signatures) {
      assertThat(shown).doesNotContain(signature);
    }
  }

  private List<String> signaturesOf(HttpPayer payer) {
    LambdaInvoker.Response r =
        stack.lambda().get(updatesPath(payer), Map.of("authorization", "Bearer " + OPERATOR_TOKEN));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    for (ChannelUpdate u : HttpPayer.updates(r)) {
      u.aliceSignature().ifPresent(s -> out.add(s.toHex().substring(2).toLowerCase(Locale.ROOT)));
      u.bobSignature().ifPresent(s -> out.add(s.toHex().substring(2).toLowerCase(Locale.ROOT)));
    }
    return out;
  }

  private static String everythingShown(LambdaInvoker.Response r) {
    StringBuilder out = new StringBuilder(r.body() == null ? "" : r.body());
    r.headers()
        .forEach(
            (name, values) -> {
              for (String value : values) {
                out.append('\n').append(value);
                try {
                  out.append('\n')
                      .append(
                          new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException notBase64) {
                  // shown as it is
                }
              }
            });
    return out.toString().toLowerCase(Locale.ROOT);
  }

  private static String error(LambdaInvoker.Response r) {
    JsonNode body = ChannelJson.parse(r.body());
    return body.path("error").asText();
  }

  private static String detail(LambdaInvoker.Response r) {
    return ChannelJson.parse(r.body()).path("detail").asText();
  }
}
