package dev.tollgate.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.functions.GatewayApplication;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.StoredTables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Opening a channel costs a fresh key and one request, so an attacker could open them by the
 * thousand; the gateway takes at most {@code per-source} setups from one source address and {@code
 * per-payer} for one payer per window. Over the limit the answer is {@code 429 rate_limited} with
 * {@code Retry-After}, and nothing is stored. The source is API Gateway's {@code sourceIp} behind
 * the Lambda, the connection's remote address on Netty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SetupRateLimitLambdaTest {
  private static final int PER_SOURCE = 5;
  private static final long WINDOW = 3_600;

  private GatewayStack stack;

  @BeforeAll
  void start() throws Exception {
    stack =
        GatewayStack.start(
            Map.of(
                "tollgate.signer.mode",
                "local",
                "tollgate.signer.private-key",
                GatewayStack.GATEWAY_KEY,
                "tollgate.channels.setup-limit.per-source",
                PER_SOURCE,
                "tollgate.channels.setup-limit.per-payer",
                1,
                "tollgate.channels.setup-limit.window-seconds",
                WINDOW));
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void setupSpamFromOneSourceIsRateLimited() {
    String spammer = "198.51.100.7";
    for (int i = 0; i < PER_SOURCE; i++) {
      LambdaInvoker.Response opened = open(spammer, setupOf(HttpPayer.newPayer(stack)));
      assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    }
    HttpPayer next = HttpPayer.newPayer(stack);
    ChannelUpdate setup = setupOf(next);
    StoredTables tables = StoredTables.of(stack);
    StoredTables.Snapshot before = tables.snapshot();

    LambdaInvoker.Response limited = open(spammer, setup);

    assertThat(limited.status()).isEqualTo(429);
    JsonNode body = ChannelJson.parse(limited.body());
    assertThat(body.get("error").asText()).isEqualTo("rate_limited");
    assertThat(body.get("detail").asText()).contains(spammer).contains("at most " + PER_SOURCE);
    long retryAfter = Long.parseLong(limited.header("Retry-After"));
    assertThat(retryAfter).isBetween(1L, WINDOW);
    assertThat(tables.snapshot()).as("a refused setup stores nothing").isEqualTo(before);

    LambdaInvoker.Response elsewhere = open("203.0.113.9", setup);
    assertThat(elsewhere.status()).as("another source is not limited").isEqualTo(201);
    LambdaInvoker.Response repeat = open(spammer, setup);
    assertThat(repeat.status()).as("a stored setup sent again takes nothing").isEqualTo(201);
  }

  @Test
  void forgedSetupsInAPayersNameDoNotUseUpItsAllowance() {
    HttpPayer victim = HttpPayer.newPayer(stack);
    ChannelUpdate real = setupOf(victim);
    ChannelUpdate attackers = setupOf(HttpPayer.newPayer(stack));
    ChannelUpdate forged =
        new ChannelUpdate(
            real.channelAddress(),
            real.fromIdentifier(),
            real.toIdentifier(),
            real.nonce(),
            real.balance(),
            real.assetId(),
            real.details(),
            real.aliceSignature(),
            attackers.bobSignature());
    for (int i = 0; i < 3; i++) {
      LambdaInvoker.Response refused = open("192.0.2." + (10 + i), forged);
      assertThat(refused.status()).isEqualTo(402);
      assertThat(refused.body()).contains("bad_signature");
    }

    LambdaInvoker.Response opened = open("192.0.2.20", real);

    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
  }

  @Test
  void setupSpamOverNettyIsRateLimitedByTheRemoteAddress() throws Exception {
    Map<String, Object> properties = new HashMap<>(stack.properties());
    properties.put("tollgate.tables.create", false);
    properties.put("micronaut.server.host", "127.0.0.1");
    properties.put("micronaut.server.port", -1);
    try (ApplicationContext netty = GatewayApplication.start(properties)) {
      URI channels = netty.getBean(EmbeddedServer.class).getURI().resolve("/channels");
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      for (int i = 0; i < PER_SOURCE; i++) {
        assertThat(post(http, channels, setupOf(HttpPayer.newPayer(stack))).statusCode())
            .isEqualTo(201);
      }

      HttpResponse<String> limited = post(http, channels, setupOf(HttpPayer.newPayer(stack)));

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.body()).contains("rate_limited").contains("127.0.0.1");
      assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
          .isBetween(1L, WINDOW);
    }
  }

  private static ChannelUpdate setupOf(HttpPayer payer) {
    return payer.payer().setup(HttpPayer.CHANNEL_TIMEOUT, HttpPayer.now());
  }

  private LambdaInvoker.Response open(String sourceIp, ChannelUpdate setup) {
    return stack
        .lambda()
        .send(
            LambdaInvoker.request("POST", "/channels")
                .header("content-type", "application/json")
                .body(HttpPayer.body("update", setup))
                .sourceIp(sourceIp));
  }

  private static HttpResponse<String> post(HttpClient http, URI uri, ChannelUpdate setup)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(HttpPayer.body("update", setup)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
