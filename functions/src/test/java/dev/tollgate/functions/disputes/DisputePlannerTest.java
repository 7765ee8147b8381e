package dev.tollgate.functions.disputes;

import static dev.tollgate.functions.adapter.dynamodb.TestChannels.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.merkle.MerkleTree;
import dev.tollgate.core.port.AdjudicatorReader.OnChainDispute;
import dev.tollgate.core.port.AdjudicatorReader.OnChainTransferDispute;
import dev.tollgate.core.port.ChannelWrite;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.transfer.TransferResolver;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.adapter.dynamodb.TestChannels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The planner's every branch on real channel-core channels: a funded channel after payments. */
class DisputePlannerTest {
  private static final long CONSENSUS = 2_000_000_000L;
  private static final long DEFUND = CONSENSUS + 86_400;

  private final TestChannels channels = new TestChannels();
  private final Address gateway = channels.gateway.signer().address();

  /** Two payments; the second's resolve is unacknowledged, so its transfer is in our state. */
  private final StoredChannel stored = paidTwice();

  private final Channel ours = stored.latestDoubleSigned();
  private final ActiveTransfer owed = ours.activeTransfers().values().iterator().next();
  private final Map<Bytes32, TransferResolver> resolvers =
      Map.of(owed.transferId(), new HashlockResolver(TestChannels.preImage(2)));

  /** The channel after the first payment's create: older than {@link #ours}. */
  private Channel older;

  private StoredChannel paidTwice() {
    TestChannels.Opened opened = channels.opened(10_000);
    StoredChannel s = opened.write().next();
    ChannelWrite first = channels.payment(opened.payer(), s, 300, TestChannels.preImage(1));
    older = first.next().latestDoubleSigned();
    ChannelWrite second =
        channels.payment(opened.payer(), first.next(), 400, TestChannels.preImage(2));
    return second.next();
  }

  private OnChainDispute disputed(long nonce) {
    return new OnChainDispute(
        ChannelHashes.stateHash(ours.state()), nonce, ours.state().merkleRoot(), CONSENSUS, DEFUND);
  }

  private DisputeView view(
      OnChainDispute chain,
      long now,
      OnChainTransferDispute transfer,
      Uint256 defundNonce,
      Uint256 exitable) {
    Map<Bytes32, OnChainTransferDispute> transfers = new HashMap<>();
    if (transfer != null) {
      transfers.put(owed.transferId(), transfer);
    }
    boolean isOurs = chain.channelStateHash().equals(ChannelHashes.stateHash(ours.state()));
    return new DisputeView(
        gateway,
        ours,
        isOurs ? Optional.of(ours) : Optional.empty(),
        resolvers,
        chain,
        now,
        transfers,
        Map.of(TOKEN, defundNonce),
        Map.of(TOKEN, exitable));
  }

  private DisputeStep plan(OnChainDispute chain, long now) {
    return DisputePlanner.next(view(chain, now, null, Uint256.ZERO, Uint256.ZERO));
  }

  @Test
  void anOlderDisputedStateIsAnsweredWithTheNewestDoubleSignedOneInsideTheWindow() {
    OnChainDispute stale =
        new OnChainDispute(Bytes32.ZERO, ours.nonce() - 3, Bytes32.ZERO, CONSENSUS, DEFUND);

    assertThat(plan(stale, CONSENSUS - 1)).isEqualTo(new DisputeStep.Defend(ours));
  }

  @Test
  void anOlderStateLeftStandingIsStillCollectedAndOnlyThenReportedLost() {
    OnChainDispute stale =
        new OnChainDispute(
            ChannelHashes.stateHash(older.state()),
            older.nonce(),
            older.state().merkleRoot(),
            CONSENSUS,
            DEFUND);
    Map<Bytes32, TransferResolver> olderResolvers =
        Map.of(older.activeTransfers().firstKey(), new HashlockResolver(TestChannels.preImage(1)));
    DisputeView missed =
        new DisputeView(
            gateway,
            ours,
            Optional.of(older),
            olderResolvers,
            stale,
            CONSENSUS,
            Map.of(),
            Map.of(TOKEN, Uint256.ZERO),
            Map.of(TOKEN, Uint256.ZERO));
    DisputeView collected =
        new DisputeView(
            gateway,
            ours,
            Optional.of(older),
            olderResolvers,
            stale,
            CONSENSUS,
            Map.of(
                older.activeTransfers().firstKey(),
                new OnChainTransferDispute(Bytes32.ZERO, DEFUND, true)),
            Map.of(TOKEN, older.state().defundNonces().get(0)),
            Map.of(TOKEN, Uint256.ZERO));

    assertThat(DisputePlanner.next(missed)).isInstanceOf(DisputeStep.DisputeTransfer.class);
    assertThat(DisputePlanner.next(collected))
        .isInstanceOfSatisfying(
            DisputeStep.Lost.class,
            lost -> assertThat(lost.why()).contains("consensus window closed"));
  }

  @Test
  void aNewerRecordedStateIsCollectedAndAnUnrecordedOneIsLost() {
    Channel latest = stored.latest();
    OnChainDispute newer =
        new OnChainDispute(
            ChannelHashes.stateHash(latest.state()),
            latest.nonce(),
            latest.state().merkleRoot(),
            CONSENSUS,
            DEFUND);
    OnChainDispute otherState =
        new OnChainDispute(Bytes32.ZERO, ours.nonce(), Bytes32.ZERO, CONSENSUS, DEFUND);
    DisputeView recorded =
        new DisputeView(
            gateway,
            ours,
            Optional.of(latest),
            Map.of(),
            newer,
            CONSENSUS,
            Map.of(),
            Map.of(TOKEN, Uint256.ZERO),
            Map.of(TOKEN, Uint256.ZERO));

    assertThat(plan(newer, CONSENSUS - 1))
        .isEqualTo(new DisputeStep.Wait(CONSENSUS, "consensus window"));
    assertThat(DisputePlanner.next(recorded))
        .isEqualTo(new DisputeStep.DefundChannel(latest.state(), List.of(TOKEN), List.of(0)));
    assertThat(plan(otherState, CONSENSUS))
        .isInstanceOfSatisfying(
            DisputeStep.Lost.class,
            lost -> assertThat(lost.why()).contains("none the gateway recorded"));
    assertThat(plan(new OnChainDispute(Bytes32.ZERO, 0, Bytes32.ZERO, 0, 0), 0))
        .isInstanceOf(DisputeStep.Lost.class);
  }

  @Test
  void theGatewaysOwnStateWaitsForTheConsensusWindowToClose() {
    assertThat(plan(disputed(ours.nonce()), CONSENSUS - 1))
        .isEqualTo(new DisputeStep.Wait(CONSENSUS, "consensus window"));
  }

  @Test
  void inTheDefundWindowTheOwedTransferIsDisputedWithAProofOfItsLeaf() {
    DisputeStep step = plan(disputed(ours.nonce()), CONSENSUS);

    assertThat(step)
        .isInstanceOfSatisfying(
            DisputeStep.DisputeTransfer.class,
            t -> {
              assertThat(t.transfer()).isEqualTo(owed);
              assertThat(MerkleTree.verify(t.merkleProof(), ours.state().merkleRoot(), owed.leaf()))
                  .isTrue();
            });
  }

  @Test
  void aDisputedTransferIsClaimedWithThePreImageUntilItsOwnWindowCloses() {
    OnChainTransferDispute open = new OnChainTransferDispute(owed.leaf(), DEFUND + 10, false);
    DisputeStep claim =
        DisputePlanner.next(
            view(disputed(ours.nonce()), DEFUND + 9, open, Uint256.ZERO, Uint256.ZERO));
    DisputeStep late =
        DisputePlanner.next(
            view(disputed(ours.nonce()), DEFUND + 10, open, Uint256.ZERO, Uint256.ZERO));

    assertThat(claim)
        .isEqualTo(
            new DisputeStep.DefundTransfer(owed, new HashlockResolver(TestChannels.preImage(2))));
    assertThat(late)
        .isInstanceOfSatisfying(
            DisputeStep.Lost.class,
            lost ->
                assertThat(lost.why())
                    .contains("transfer " + owed.transferId() + " expired on chain"));
  }

  @Test
  void afterTheTransferTheChannelIsDefundedThenTheGatewayExitsThenItIsSettled() {
    OnChainTransferDispute done = new OnChainTransferDispute(owed.leaf(), DEFUND + 10, true);
    Uint256 stateDefundNonce = ours.state().defundNonces().get(0);

    assertThat(
            DisputePlanner.next(
                view(disputed(ours.nonce()), CONSENSUS + 5, done, Uint256.ZERO, Uint256.ZERO)))
        .isEqualTo(new DisputeStep.DefundChannel(ours.state(), List.of(TOKEN), List.of(0)));
    assertThat(
            DisputePlanner.next(
                view(disputed(ours.nonce()), CONSENSUS + 5, done, stateDefundNonce, Uint256.ONE)))
        .isEqualTo(new DisputeStep.Exit(TOKEN));
    assertThat(
            DisputePlanner.next(
                view(disputed(ours.nonce()), CONSENSUS + 5, done, stateDefundNonce, Uint256.ZERO)))
        .isEqualTo(new DisputeStep.Settled());
  }

  @Test
  void whatTheDefundWindowClosedOnIsReportedLost() {
    DisputeStep step = plan(disputed(ours.nonce()), DEFUND);

    assertThat(step)
        .isInstanceOfSatisfying(
            DisputeStep.Lost.class,
            lost ->
                assertThat(lost.why())
                    .contains("transfer " + owed.transferId() + " was not disputed")
                    .contains("were not defunded"));
  }

  @Test
  void aTransferWithoutTheGatewaysPreImageIsNotClaimed() {
    DisputeView noResolver =
        new DisputeView(
            gateway,
            ours,
            Optional.of(ours),
            Map.of(),
            disputed(ours.nonce()),
            CONSENSUS,
            Map.of(),
            Map.of(TOKEN, Uint256.ZERO),
            Map.of(TOKEN, Uint256.ZERO));

    assertThat(DisputePlanner.next(noResolver)).isInstanceOf(DisputeStep.DefundChannel.class);
    assertThat(OwedTransfers.total(gateway, Map.of(), ours)).isEqualTo(Uint256.ZERO);
    assertThat(OwedTransfers.total(gateway, resolvers, ours)).isEqualTo(Uint256.of(400));
  }

  @Test
  void aFinishedDisputeOnlyReopens() {
    assertThat(DisputeStage.SETTLED.after(new DisputeStep.Wait(0, "")))
        .isEqualTo(DisputeStage.SETTLED);
    assertThatThrownBy(() -> DisputeStage.SETTLED.after(new DisputeStep.Exit(TOKEN)))
        .hasMessageContaining("from SETTLED to CLAIMING");
    assertThatThrownBy(() -> DisputeStage.CLAIMING.after(new DisputeStep.Defend(ours)))
        .hasMessageContaining("from CLAIMING to DEFENDED");
    assertThat(DisputeStage.LOST.canMoveTo(DisputeStage.OPEN)).isTrue();
  }
}
