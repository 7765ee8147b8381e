package dev.tollgate.functions.snapstart;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.StoredTables;
import dev.tollgate.functions.paywall.QuoteNonces;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The priming hooks on a real gateway (anvil, DynamoDB Local, the Lambda handler): priming runs the
 * paid request's path as far as the channel read and changes nothing stored; after a restore, the
 * quotes draw from a fresh generator; and the gateway still takes real payments afterwards.
 */
class GatewayPrimingStackTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(100_000);
  private static final Set<String> WRITES =
      Set.of(
          "putItem",
          "updateItem",
          "deleteItem",
          "transactWriteItems",
          "batchWriteItem",
          "createTable",
          "deleteTable",
          "updateTable",
          "updateTimeToLive");

  private static final DynamoCalls dynamo = new DynamoCalls();
  private static final List<CountingRandom> generators = new ArrayList<>();
  private static GatewayStack stack;
  private static HttpPayer payer;
  private static GatewayPriming priming;

  @BeforeAll
  static void start() throws Exception {
    stack =
        GatewayStack.startInProcess(
            Map.of(
                "tollgate.signer.mode",
                "local",
                "tollgate.signer.private-key",
                GatewayStack.GATEWAY_KEY),
            dynamo::wrap);
    stack.register(new QuoteNonces(newGenerator(), GatewayPrimingStackTest::newGenerator));
    payer = HttpPayer.funded(stack, DEPOSIT);
    assertThat(payer.get(ARTICLES + "before").status()).isEqualTo(200);
    LambdaInvoker lambda = stack.lambda();
    priming = GatewayPriming.of(lambda.handler(), lambda.context());
  }

  private static synchronized CountingRandom newGenerator() {
    CountingRandom generator = new CountingRandom();
    generators.add(generator);
    return generator;
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void primingReachesTheChannelTableAndWritesNothing() throws Exception {
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();
    assertThat(before.itemCount()).as("the paid channel's items").isPositive();
    int mark = dynamo.mark();

    priming.beforeCheckpoint(null);

    List<String> calls = dynamo.since(mark);
    assertThat(calls).as("the unopened channel's read").contains("getItem");
    assertThat(calls).noneMatch(WRITES::contains);
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
  }

  @Test
  void primingRunsEveryStepOfAGatewayWithAPaywall() {
    assertThat(priming.prime())
        .containsExactly("health", "quote", "unopened-channel payment", "sign+recover");
  }

  @Test
  void afterARestoreQuotesDrawFromAFreshGenerator() throws Exception {
    CountingRandom current = generators.get(generators.size() - 1);
    int draws = current.draws();
    payer.quote(ARTICLES + "drawn");
    assertThat(current.draws()).as("a quote draws from the context's nonces").isEqualTo(draws + 1);

    priming.afterRestore(null);

    CountingRandom fresh = generators.get(generators.size() - 1);
    assertThat(fresh).isNotSameAs(current);
    payer.quote(ARTICLES + "drawn-again");
    assertThat(fresh.draws()).isEqualTo(1);
    assertThat(current.draws()).isEqualTo(draws + 1);
  }

  @Test
  void aPrimedAndRestoredGatewayStillTakesPayments() throws Exception {
    priming.beforeCheckpoint(null);
    priming.afterRestore(null);

    HttpPayer.Paid paid = payer.get(ARTICLES + "after");

    assertThat(paid.status()).as(paid.response().body()).isEqualTo(200);
    assertThat(paid.settlement().success()).isTrue();
  }
}
