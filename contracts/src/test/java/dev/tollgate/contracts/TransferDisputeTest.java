package dev.tollgate.contracts;

import static dev.tollgate.contracts.ChannelSession.CHANNEL_TIMEOUT;
import static dev.tollgate.contracts.ChannelSession.TRANSFER_TIMEOUT;
import static dev.tollgate.contracts.ChannelSession.preImage;
import static dev.tollgate.contracts.ChannelSession.proof;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.value.Bytes32;
import org.junit.jupiter.api.Test;

/**
 * Payments still locked in the channel when it is disputed: proven against the disputed merkle
 * root, then paid to the responder with the preimage, or returned to the initiator once the
 * transfer's own dispute window has passed.
 */
class TransferDisputeTest extends OnChainTest {

  @Test
  void aLockedPaymentIsPaidToTheResponderWhoRevealsThePreimage() throws Exception {
    ChannelSession session = fundedChannel(0, 1_000_000);
    session.pay(50_000, preImage(1));
    // Three payments left locked, so the proof of the middle one has more than one step.
    session.lockPayment(10_000, preImage(2));
    Bytes32 owed = session.lockPayment(20_000, preImage(3));
    session.lockPayment(30_000, preImage(4));
    Channel latest = session.latest();
    assertThat(proof(latest, owed)).hasSizeGreaterThan(1);

    disputeAndWaitForDefundWindow(session, latest);
    defundToken(session, latest);
    disputeTransfer(session, latest, owed);

    ActiveTransfer transfer = latest.activeTransfers().get(owed);
    var defunded =
        contract(session, chain.alice)
            .defundTransfer(
                ChannelStructs.of(transfer.core()),
                transfer.initialState().encode(),
                new HashlockResolver(preImage(3)).encode(),
                new byte[0])
            .send();
    assertEmitted(defunded, "ChannelMastercopy", "TransferDefunded", session.address);

    // Alice: 50,000 paid off chain + 20,000 proven on chain. The other two locks are undisputed
    // and stay in the channel until someone defunds them.
    assertThat(exit(session, chain.alice)).isEqualTo(70_000);
    assertThat(exit(session, chain.bob)).isEqualTo(1_000_000 - 50_000 - 60_000);
    assertThat(chain.tokenBalance(session.address)).isEqualTo(40_000);
    assertConserved(session);
  }

  @Test
  void aPaymentNobodyResolvesReturnsToTheInitiatorAfterItsWindow() throws Exception {
    ChannelSession session = fundedChannel(0, 500_000);
    Bytes32 locked = session.lockPayment(125_000, preImage(9));
    Channel latest = session.latest();

    disputeAndWaitForDefundWindow(session, latest);
    disputeTransfer(session, latest, locked);
    chain.anvil.advance(TRANSFER_TIMEOUT);

    ActiveTransfer transfer = latest.activeTransfers().get(locked);
    // Anyone may settle an expired transfer; it goes back to bob as it was locked.
    contract(session, chain.carol)
        .defundTransfer(
            ChannelStructs.of(transfer.core()),
            transfer.initialState().encode(),
            new byte[0],
            new byte[0])
        .send();
    defundToken(session, latest);

    assertThat(exit(session, chain.bob)).isEqualTo(500_000);
    assertThat(
            contract(session, chain.carol)
                .getExitableAmount(tokenHex(), chain.alice.getAddress())
                .send())
        .isZero();
    assertThat(chain.tokenBalance(session.address)).isZero();
    assertConserved(session);
  }

  @Test
  void anyoneCanSubmitTheResolverTheResponderSigned() throws Exception {
    ChannelSession session = fundedChannel(0, 300_000);
    Bytes32 locked = session.lockPayment(40_000, preImage(5));
    Channel latest = session.latest();
    disputeAndWaitForDefundWindow(session, latest);
    disputeTransfer(session, latest, locked);

    ActiveTransfer transfer = latest.activeTransfers().get(locked);
    byte[] resolver = new HashlockResolver(preImage(5)).encode();
    byte[] aliceConsent =
        session
            .alice
            .signer()
            .sign(ChannelHashes.signedDigest(ChannelHashes.resolverCommitment(locked, resolver)))
            .toArray();
    // Carol's own signature over the same resolver does not count.
    byte[] carolConsent =
        LocalChain.signer(chain.carol)
            .sign(ChannelHashes.signedDigest(ChannelHashes.resolverCommitment(locked, resolver)))
            .toArray();
    assertReverts(
        "ChannelAdjudicator: INVALID_RESOLVER_SIG",
        contract(session, chain.carol)
            .defundTransfer(
                ChannelStructs.of(transfer.core()),
                transfer.initialState().encode(),
                resolver,
                carolConsent));
    contract(session, chain.carol)
        .defundTransfer(
            ChannelStructs.of(transfer.core()),
            transfer.initialState().encode(),
            resolver,
            aliceConsent)
        .send();
    defundToken(session, latest);

    assertThat(exit(session, chain.alice)).isEqualTo(40_000);
    assertThat(exit(session, chain.bob)).isEqualTo(260_000);
    assertConserved(session);
  }

  void disputeAndWaitForDefundWindow(ChannelSession session, Channel state) throws Exception {
    dispute(session, state, chain.alice);
    chain.anvil.advance(CHANNEL_TIMEOUT);
  }

  void disputeTransfer(ChannelSession session, Channel state, Bytes32 transferId) throws Exception {
    var receipt =
        contract(session, chain.alice)
            .disputeTransfer(
                ChannelStructs.of(state.activeTransfers().get(transferId).core()),
                ChannelStructs.proof(proof(state, transferId)))
            .send();
    assertEmitted(receipt, "ChannelMastercopy", "TransferDisputed", session.address);
    assertThat(
            contract(session, chain.carol)
                .getTransferDispute(transferId.toArray())
                .send()
                .transferStateHash)
        .isEqualTo(state.activeTransfers().get(transferId).leaf().toArray());
  }
}
