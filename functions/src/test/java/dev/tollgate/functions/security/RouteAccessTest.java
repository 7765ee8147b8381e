package dev.tollgate.functions.security;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.GatewayApplication;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.StoredTables;
import dev.tollgate.functions.harness.TestPayer;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.X402Headers;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * docs/SECURITY.md's route table, checked against the gateway on real HTTP (Netty on loopback, over
 * the stack's DynamoDB Local and anvil): the table lists exactly the routes the gateway serves, and
 * each answers a stranger's best attempt on a victim's channel as the table says, storing nothing
 * when it refuses and never showing a signature of the victim's channel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteAccessTest {
  private static final String OPERATOR_TOKEN = "operator-token-for-the-route-table-0123";

  private GatewayStack stack;
  private ApplicationContext netty;
  private HttpPayer victim;
  private StrangerRequests stranger;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void start() throws Exception {
    Map<String, Object> properties = new HashMap<>();
    properties.put("tollgate.signer.mode", "local");
    properties.put("tollgate.signer.private-key", GatewayStack.GATEWAY_KEY);
    properties.put("tollgate.operator.token", OPERATOR_TOKEN);
    stack = GatewayStack.start(properties);
    victim = HttpPayer.funded(stack, BigInteger.valueOf(100_000));
    HttpPayer.Paid paid = victim.get(ARTICLES + "victims-article");
    assertThat(paid.status()).as("the victim's own payment").isEqualTo(200);
    Bytes32 openTransfer = lockedTransferOf(victim);
    // A deposit on chain that the victim has not reconciled yet: the stranger's attempt to
    // reconcile it is refused for its signature, not for want of a deposit.
    stack.fund(victim.channel(), BigInteger.ONE);

    Map<String, Object> served = new HashMap<>(stack.properties());
    served.put("tollgate.tables.create", false);
    served.put("micronaut.server.host", "127.0.0.1");
    served.put("micronaut.server.port", -1);
    netty = GatewayApplication.start(served);
    URI base = netty.getBean(EmbeddedServer.class).getURI();

    String captured =
        ChannelJson.write(X402Headers.decodePaymentSignature(paid.header()).value().toJson());
    TestPayer strangersOwn =
        TestPayer.random(stack.network(), victim.payer().view().state().alice(), stack.rules());
    stranger =
        new StrangerRequests(
            base,
            new StrangerRequests.Victim(
                victim.channel(),
                openTransfer,
                () -> nextDeposit(victim),
                () -> victim.createFor(victim.quote(ARTICLES + "next")),
                () -> victim.withdrawCreate(victim.withdrawData(victim.payer().address(), 1_000)),
                victim.payer().address(),
                captured,
                ARTICLES + "victims-article",
                () ->
                    HttpPayer.body(
                        "update", strangersOwn.setup(HttpPayer.CHANNEL_TIMEOUT, HttpPayer.now()))),
            netty.getBean(Clock.class));
  }

  @AfterAll
  void stop() {
    if (netty != null) {
      netty.close();
    }
    stack.close();
  }

  @Test
  void theTableListsExactlyTheRoutesTheGatewayServes() {
    Set<String> served =
        netty
            .getBean(Router.class)
            .uriRoutes()
            .filter(r -> !r.getHttpMethodName().equals("HEAD"))
            .map(
                r ->
                    r.getHttpMethodName()
                        + " "
                        + r.getUriMatchTemplate()
                            .toString()
                            .replaceAll("\\{\\?[^}]*}", "")
                            .replaceAll("\\{\\+([a-zA-Z]+)}", "{$1+}"))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(new TreeSet<>(RouteTable.fromDocs().rows().keySet())).isEqualTo(served);
  }

  @Test
  void everyRouteAnswersAStrangerAsTheTableSays() throws Exception {
    List<String> secrets = victimsSignatures();
    assertThat(secrets).as("the victim's channel has signed states").isNotEmpty();
    SoftAssertions softly = new SoftAssertions();
    for (RouteTable.Row row : RouteTable.fromDocs().rows().values()) {
      HttpRequest attempt =
          stranger
              .attemptOn(row.routeKey())
              .orElseThrow(() -> new AssertionError("no stranger's attempt on " + row.routeKey()));
      StoredTables.Snapshot before = StoredTables.of(stack).snapshot();
      HttpResponse<String> answer = http.send(attempt, HttpResponse.BodyHandlers.ofString());
      String seen = everythingShown(answer);

      softly
          .assertThat(answer.statusCode())
          .as("%s: status (body %s)", row.routeKey(), answer.body())
          .isEqualTo(row.status());
      if (row.error() != null) {
        softly.assertThat(errorOf(answer)).as("%s: error", row.routeKey()).isEqualTo(row.error());
      }
      if (answer.statusCode() >= 400) {
        softly
            .assertThat(StoredTables.of(stack).snapshot())
            .as("%s: a refusal stores nothing", row.routeKey())
            .isEqualTo(before);
      }
      // A row the document marks as a known weakness shows what it shows; every other must not.
      for (String signature : row.knownWeakness() ? List.<String>of() : secrets) {
        softly
            .assertThat(seen)
            .as("%s: shows a signature of the victim's channel", row.routeKey())
            .doesNotContain(signature);
      }
    }
    softly.assertAll();
  }

  /** Every signature on every state of the victim's channel, as the operator can read them. */
  private List<String> victimsSignatures() {
    var r =
        stack
            .lambda()
            .get(
                "/channels/" + victim.channel() + "/updates?after=0&limit=100",
                Map.of("authorization", "Bearer " + OPERATOR_TOKEN));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    for (ChannelUpdate u : HttpPayer.updates(r)) {
      u.aliceSignature().ifPresent(s -> out.add(s.toHex().substring(2).toLowerCase(Locale.ROOT)));
      u.bobSignature().ifPresent(s -> out.add(s.toHex().substring(2).toLowerCase(Locale.ROOT)));
    }
    return out;
  }

  /** The body and every header, base64 headers decoded, in lower case. */
  private static String everythingShown(HttpResponse<String> answer) {
    StringBuilder out = new StringBuilder(answer.body());
    answer
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              for (String value : values) {
                out.append('\n').append(name).append(": ").append(value);
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

  /** The refusal's name: {@code error}, or a settlement's {@code errorReason}. */
  private static String errorOf(HttpResponse<String> answer) {
    try {
      JsonNode body = ChannelJson.parse(answer.body());
      for (String field : List.of("error", "errorReason", "invalidReason")) {
        if (body.path(field).isTextual()) {
          return body.get(field).asText();
        }
      }
      return null;
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  /** A payment to the gateway whose preimage only the victim holds, left locked. */
  private Bytes32 lockedTransferOf(HttpPayer payer) {
    PaymentRequirements quote = payer.quote(ARTICLES + "locked");
    Bytes32 preImage = randomPreImage();
    ChannelUpdate create =
        payer
            .payer()
            .pay(
                quote.asset(),
                Uint256.of(500),
                HashlockTransfer.lockHash(preImage),
                Uint256.ZERO,
                quote.extra().transferTimeout().value().longValueExact(),
                HttpPayer.now());
    var r =
        payer.post("/channels/" + payer.channel() + "/transfers", HttpPayer.body("update", create));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    payer.payer().accept(HttpPayer.updates(r), ChainInputs.at(HttpPayer.now()));
    return ((UpdateDetails.Create) create.details()).transferId();
  }

  private static Bytes32 randomPreImage() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return Bytes32.of(bytes);
  }

  /** The victim's next deposit update, one unit above what its channel has reconciled. */
  private ChannelUpdate nextDeposit(HttpPayer payer) {
    var state = payer.payer().view().state();
    int i = state.assetIndex(stack.token());
    Uint256 processed = state.processedDepositsB().get(i);
    return payer
        .payer()
        .deposit(
            stack.token(),
            new DepositTotals(Uint256.ZERO, Uint256.of(processed.value().add(BigInteger.ONE))),
            HttpPayer.now());
  }
}
