package dev.tollgate.functions.adapter.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeesTest {
  @Test
  void aBumpRoundsUpAndAlwaysRaisesByAtLeastOneWei() {
    Fees bumped = fees(100, 8).bumped(1_250);
    assertThat(bumped).isEqualTo(fees(113, 9));
    assertThat(fees(0, 0).bumped(1_250)).isEqualTo(fees(1, 1));
    assertThat(fees(80, 40).bumped(1_250)).isEqualTo(fees(90, 45));
  }

  @Test
  void everyBumpOfAnEighthIsAtLeastAnEighth() {
    Random random = new Random(3);
    for (int i = 0; i < 1_000; i++) {
      BigInteger tip = new BigInteger(40, random);
      BigInteger max = tip.add(new BigInteger(50, random));
      Fees bumped = new Fees(max, tip).bumped(1_250);
      assertThat(bumped.maxFeePerGas().multiply(BigInteger.valueOf(8)))
          .isGreaterThanOrEqualTo(max.multiply(BigInteger.valueOf(9)));
      assertThat(bumped.maxPriorityFeePerGas().multiply(BigInteger.valueOf(8)))
          .isGreaterThanOrEqualTo(tip.multiply(BigInteger.valueOf(9)));
    }
  }

  @Test
  void theMarketLeavesRoomForTheBaseFeeToDouble() {
    assertThat(Fees.market(BigInteger.valueOf(50), BigInteger.valueOf(2))).isEqualTo(fees(102, 2));
    assertThat(fees(100, 8).atLeast(fees(90, 20))).isEqualTo(fees(100, 20));
  }

  @Test
  void impossibleFeesAndBumpsAreRefused() {
    assertThatThrownBy(() -> fees(5, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxFeePerGas 5 is below maxPriorityFeePerGas 6");
    assertThatThrownBy(() -> fees(5, 1).bumped(0)).hasMessageContaining("got 0");
    assertThatThrownBy(() -> SenderSettings.defaults().withMaxReplacements(-1))
        .hasMessageContaining("maxReplacements");
    assertThatThrownBy(
            () ->
                new SenderSettings(
                    20,
                    Duration.ofMillis(1),
                    Duration.ofMillis(1),
                    999,
                    1,
                    Duration.ofMillis(1),
                    1))
        .hasMessageContaining("feeBumpBasisPoints must be at least 1000");
  }

  private static Fees fees(long max, long tip) {
    return new Fees(BigInteger.valueOf(max), BigInteger.valueOf(tip));
  }
}
