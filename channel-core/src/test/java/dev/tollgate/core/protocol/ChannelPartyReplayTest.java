package dev.tollgate.core.protocol;

import static dev.tollgate.core.protocol.ChannelFixture.NOW;
import static dev.tollgate.core.protocol.ChannelFixture.okOrFail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.failure.FailureReason;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Bytes32;
import org.junit.jupiter.api.Test;

/**
 * A party following the other side: its answers ({@code takeIn}) and its history ({@code replay}).
 */
class ChannelPartyReplayTest {
  private final ChannelFixture f = new ChannelFixture();

  @Test
  void aSingleSignedUpdateIsCountersignedAndADoubleSignedOneTakenAsItIs() {
    Channel funded = f.funded(0, 10_000);
    Bytes32 preImage = ChannelFixture.preImage(1);
    Channel created =
        f.round(funded, f.bob, f.alice, f.hashlock(f.bob, f.alice, 1_000, preImage, 0), f.inputs());
    Transition resolve =
        okOrFail(
            f.alice.propose(
                created,
                new UpdateParams.Resolve(
                    ChannelFixture.createdTransferId(created), new HashlockResolver(preImage)),
                f.inputs()));

    Transition countersigned = okOrFail(f.bob.takeIn(created, resolve.update(), f.inputs()));
    assertThat(countersigned.update().isDoubleSigned()).isTrue();
    Transition taken = okOrFail(f.bob.takeIn(created, countersigned.update(), f.inputs()));
    assertThat(ChannelJson.toJson(taken.next()))
        .isEqualTo(ChannelJson.toJson(countersigned.next()));
  }

  @Test
  void aRecordedDepositIsReplayedOnTheTotalsBothSigned() {
    Channel open = f.open();
    Channel funded = f.funded(0, 10_000);
    ChannelUpdate deposit = funded.latestUpdate().orElseThrow();

    // without chain inputs the deposit update cannot be checked ...
    assertThat(f.bob.takeIn(open, deposit, f.inputs()).rejection().reason())
        .isEqualTo(FailureReason.NO_NEW_DEPOSIT);
    // ... replayed from history, its own signed totals stand in for the chain's
    Transition replayed = okOrFail(f.bob.replay(open, deposit, NOW));
    assertThat(ChannelJson.toJson(replayed.next())).isEqualTo(ChannelJson.toJson(funded));
  }
}
