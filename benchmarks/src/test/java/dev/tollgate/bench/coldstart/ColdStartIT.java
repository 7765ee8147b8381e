package dev.tollgate.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.functions.harness.GatewayStack;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One cold start of the gateway function as the cold-start benchmark drives it, so the benchmark
 * cannot rot: the Lambda package that {@code package} built, under the real runtime interface
 * client, against the local Runtime API and a real stack. The runtime client takes the SnapStart
 * init path (the gateway's priming before the "checkpoint", {@code /restore/next}, the reseed after
 * it) and then serves two real paid requests, each answered 200 with a settled {@code
 * PAYMENT-RESPONSE} that the payer's channel-core accepts; the channel's money adds up after.
 */
class ColdStartIT {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(100_000);

  @TempDir Path work;

  @Test
  void aColdStartAnswersItsFirstPaidRequestWithASettlement() throws Exception {
    LambdaPackage pkg = LambdaPackage.unpack(work);
    try (GatewayStack stack = GatewayStack.start();
        LocalRuntimeApi api = LocalRuntimeApi.start()) {
      PaidLane lane = PaidLane.open(stack, DEPOSIT);
      Path log = work.resolve("environment.log");

      EnvironmentRun.Timings timings =
          EnvironmentRun.run(
              pkg,
              api,
              GatewayEnvironment.of(stack.properties()),
              lane,
              new LambdaChild.Launch(
                  Variant.SNAPSTART_HOOKS, new LambdaChild.Archive.None(), log, List.of()),
              1,
              "cold-start-it");

      assertThat(lane.paid()).as("paid requests settled").isEqualTo(2);
      lane.checkConservation();
      assertThat(timings.restoreNanos()).as("the runtime asked for its restore").isPresent();
      assertThat(timings.initNanos()).isLessThan(timings.firstAnswerNanos());
      assertThat(Files.readString(log))
          .contains("primed in")
          .contains("health, quote, unopened-channel payment, sign+recover")
          .contains("reseeded after restore: quote nonces");
    }
  }
}
