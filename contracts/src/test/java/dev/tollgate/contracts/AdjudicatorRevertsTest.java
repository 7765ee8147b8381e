package dev.tollgate.contracts;

import static dev.tollgate.contracts.ChannelSession.CHANNEL_TIMEOUT;
import static dev.tollgate.contracts.ChannelSession.aliceSignature;
import static dev.tollgate.contracts.ChannelSession.bobSignature;
import static dev.tollgate.contracts.ChannelSession.preImage;
import static dev.tollgate.contracts.ChannelSession.proof;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.generated.ChannelMastercopy;
import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.CoreTransferState;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.RemoteFunctionCall;

/**
 * Every way to misuse the adjudicator reverts with a reason that names the problem, and leaves the
 * stored dispute and the channel's holdings exactly as they were.
 */
class AdjudicatorRevertsTest extends OnChainTest {
  private ChannelSession session;
  private Channel older;
  private Channel latest;
  private Bytes32 locked;

  @BeforeEach
  void channelWithHistoryAndALockedPayment() throws Exception {
    session = fundedChannel(100_000, 900_000);
    session.pay(50_000, preImage(1));
    older = session.latest();
    session.lockPayment(10_000, preImage(2));
    locked = session.lockPayment(20_000, preImage(3));
    latest = session.latest();
  }

  @Test
  void signaturesByTheWrongKeysOrInTheWrongSlotsRevert() throws Exception {
    byte[] alice = aliceSignature(latest).toArray();
    byte[] bob = bobSignature(latest).toArray();
    byte[] carol =
        LocalChain.signer(chain.carol).sign(ChannelHashes.channelDigest(latest.state())).toArray();
    assertUnchangedAfterRevert(
        "ChannelAdjudicator: INVALID_ALICE_SIG", disputeWith(latest, carol, bob));
    assertUnchangedAfterRevert(
        "ChannelAdjudicator: INVALID_BOB_SIG", disputeWith(latest, alice, carol));
    assertUnchangedAfterRevert(
        "ChannelAdjudicator: INVALID_ALICE_SIG", disputeWith(latest, bob, alice));
    // Signatures over a different state (the older one) do not carry over.
    assertUnchangedAfterRevert(
        "ChannelAdjudicator: INVALID_ALICE_SIG",
        disputeWith(latest, aliceSignature(older).toArray(), bobSignature(older).toArray()));
  }

  @Test
  void highSAndMalformedSignaturesRevertWithTheirOwnReasons() throws Exception {
    byte[] alice = aliceSignature(latest).toArray();
    byte[] bob = bobSignature(latest).toArray();
    assertUnchangedAfterRevert(
        "LibChannelCrypto: HIGH_S_SIGNATURE", disputeWith(latest, highS(alice), bob));
    assertUnchangedAfterRevert(
        "LibChannelCrypto: HIGH_S_SIGNATURE", disputeWith(latest, alice, highS(bob)));
    assertUnchangedAfterRevert(
        "LibChannelCrypto: SIGNATURE_LENGTH", disputeWith(latest, Arrays.copyOf(alice, 64), bob));
  }

  @Test
  void aDisputeMustCarryAStrictlyHigherNonce() throws Exception {
    var undisputed = contract(session, chain.carol).getChannelDispute().send();
    disputeWith(latest, aliceSignature(latest).toArray(), bobSignature(latest).toArray()).send();
    assertThat(contract(session, chain.carol).getChannelDispute().send()).isNotEqualTo(undisputed);
    assertUnchangedAfterRevert(
        "ChannelAdjudicator: INVALID_NONCE",
        disputeWith(latest, aliceSignature(latest).toArray(), bobSignature(latest).toArray()));
    assertUnchangedAfterRevert(
        "ChannelAdjudicator: INVALID_NONCE",
        disputeWith(older, aliceSignature(older).toArray(), bobSignature(older).toArray()));
  }

  @Test
  void aStateOfAnotherChannelReverts() throws Exception {
    chain
        .factory(chain.alice)
        .createChannel(chain.alice.getAddress(), chain.carol.getAddress())
        .send();
    var otherChannel =
        chain.deployment.channelAddress(
            LocalChain.address(chain.alice), LocalChain.address(chain.carol));
    ChannelMastercopy other = chain.channel(otherChannel, chain.alice);
    var before = other.getChannelDispute().send();
    assertReverts(
        "ChannelAdjudicator: INVALID_CHANNEL",
        other.disputeChannel(
            ChannelStructs.of(latest.state()),
            aliceSignature(latest).toArray(),
            bobSignature(latest).toArray()));
    assertThat(other.getChannelDispute().send()).isEqualTo(before);
    assertConserved(session);
  }

  @Test
  void aTransferNotUnderTheDisputedRootReverts() throws Exception {
    disputeAndWait();
    ActiveTransfer transfer = latest.activeTransfers().get(locked);
    List<byte[]> rightProof = ChannelStructs.proof(proof(latest, locked));

    List<byte[]> tamperedProof = new ArrayList<>(rightProof);
    byte[] first = tamperedProof.get(0).clone();
    first[31] ^= 1;
    tamperedProof.set(0, first);
    assertTransferRevert(
        "ChannelAdjudicator: INVALID_MERKLE_PROOF",
        contract(session, chain.alice)
            .disputeTransfer(ChannelStructs.of(transfer.core()), tamperedProof));

    // The right proof does not vouch for a transfer whose amount was changed.
    CoreTransferState inflated = withAmount(transfer.core(), 900_000);
    assertTransferRevert(
        "ChannelAdjudicator: INVALID_MERKLE_PROOF",
        contract(session, chain.alice).disputeTransfer(ChannelStructs.of(inflated), rightProof));
  }

  @Test
  void defundingBeforeTheConsensusWindowEndsReverts() throws Exception {
    disputeWith(latest, aliceSignature(latest).toArray(), bobSignature(latest).toArray()).send();
    chain.anvil.advance(CHANNEL_TIMEOUT - 60);
    assertUnchangedAfterRevert(
        "ChannelAdjudicator: INVALID_PHASE",
        contract(session, chain.alice)
            .defundChannel(
                ChannelStructs.of(latest.state()), List.of(tokenHex()), List.of(BigInteger.ZERO)));
    ActiveTransfer transfer = latest.activeTransfers().get(locked);
    assertTransferRevert(
        "ChannelAdjudicator: INVALID_PHASE",
        contract(session, chain.alice)
            .disputeTransfer(
                ChannelStructs.of(transfer.core()), ChannelStructs.proof(proof(latest, locked))));
  }

  @Test
  void defundingTwiceReverts() throws Exception {
    disputeAndWait();
    defundToken(session, latest);
    BigInteger aliceCredit = exitable(chain.alice);
    assertUnchangedAfterRevert(
        "ChannelAdjudicator: CHANNEL_ALREADY_DEFUNDED",
        contract(session, chain.bob)
            .defundChannel(
                ChannelStructs.of(latest.state()), List.of(tokenHex()), List.of(BigInteger.ZERO)));
    assertThat(exitable(chain.alice)).isEqualTo(aliceCredit);

    ActiveTransfer transfer = latest.activeTransfers().get(locked);
    contract(session, chain.alice)
        .disputeTransfer(
            ChannelStructs.of(transfer.core()), ChannelStructs.proof(proof(latest, locked)))
        .send();
    RemoteFunctionCall<?> defund =
        contract(session, chain.alice)
            .defundTransfer(
                ChannelStructs.of(transfer.core()),
                transfer.initialState().encode(),
                new HashlockResolver(preImage(3)).encode(),
                new byte[0]);
    defund.send();
    BigInteger afterFirst = exitable(chain.alice);
    assertThat(afterFirst).isEqualTo(aliceCredit.add(BigInteger.valueOf(20_000)));
    assertTransferRevert("ChannelAdjudicator: TRANSFER_ALREADY_DEFUNDED", defund);
    assertThat(exitable(chain.alice)).isEqualTo(afterFirst);
  }

  @Test
  void theMastercopyItselfRefusesToBeUsed() {
    ChannelMastercopy mastercopy = chain.channel(chain.deployment.mastercopy(), chain.carol);
    assertReverts(
        "ChannelCore: ONLY_VIA_PROXY",
        mastercopy.setup(chain.carol.getAddress(), chain.bob.getAddress()));
  }

  @Test
  void aChannelIsSetUpOnlyOnce() throws Exception {
    assertReverts(
        "ChannelCore: ALREADY_SETUP",
        contract(session, chain.carol).setup(chain.carol.getAddress(), chain.bob.getAddress()));
    assertThat(contract(session, chain.carol).getAlice().send())
        .isEqualToIgnoringCase(chain.alice.getAddress());
  }

  private void disputeAndWait() throws Exception {
    disputeWith(latest, aliceSignature(latest).toArray(), bobSignature(latest).toArray()).send();
    chain.anvil.advance(CHANNEL_TIMEOUT);
  }

  private RemoteFunctionCall<?> disputeWith(Channel state, byte[] aliceSig, byte[] bobSig) {
    return contract(session, chain.alice)
        .disputeChannel(ChannelStructs.of(state.state()), aliceSig, bobSig);
  }

  private void assertUnchangedAfterRevert(String reason, RemoteFunctionCall<?> call)
      throws Exception {
    var before = contract(session, chain.carol).getChannelDispute().send();
    BigInteger held = chain.tokenBalance(session.address);
    assertReverts(reason, call);
    assertThat(contract(session, chain.carol).getChannelDispute().send()).isEqualTo(before);
    assertThat(chain.tokenBalance(session.address)).isEqualTo(held);
    assertConserved(session);
  }

  private void assertTransferRevert(String reason, RemoteFunctionCall<?> call) throws Exception {
    var before = contract(session, chain.carol).getTransferDispute(locked.toArray()).send();
    assertReverts(reason, call);
    assertThat(contract(session, chain.carol).getTransferDispute(locked.toArray()).send())
        .isEqualTo(before);
    assertConserved(session);
  }

  private BigInteger exitable(Credentials owner) throws Exception {
    return contract(session, chain.carol).getExitableAmount(tokenHex(), owner.getAddress()).send();
  }

  /** The same signature with s replaced by n − s and v flipped: valid for ecrecover, not low-s. */
  private static byte[] highS(byte[] signature) {
    byte[] out = signature.clone();
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    byte[] flipped = Uint256.of(Signature.CURVE_ORDER.subtract(s)).toWord();
    System.arraycopy(flipped, 0, out, 32, 32);
    out[64] = (byte) (signature[64] == 27 ? 28 : 27);
    return out;
  }

  private static CoreTransferState withAmount(CoreTransferState t, long amount) {
    Balance b = t.balance();
    return new CoreTransferState(
        t.channelAddress(),
        t.transferId(),
        t.transferDefinition(),
        t.initiator(),
        t.responder(),
        t.assetId(),
        new Balance(Uint256.of(amount), b.amount1(), b.to0(), b.to1()),
        t.transferTimeout(),
        t.initialStateHash());
  }
}
