package dev.tollgate.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.failure.FailureReason;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.failure.Rejection;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WithdrawTransferTest {
  private static final WithdrawTransfer WITHDRAW = WithdrawTransfer.INSTANCE;
  private static final LocalKeySigner INITIATOR = LocalKeySigner.fromHex("0x" + "0a".repeat(32));
  private static final LocalKeySigner RESPONDER = LocalKeySigner.fromHex("0x" + "0b".repeat(32));
  private static final Address CHANNEL = Address.fromHex("0x" + "cc".repeat(20));
  private static final Address ASSET = Address.fromHex("0x" + "ee".repeat(20));
  private static final long NOW = 1_700_000_000L;
  private static final Uint256 FEE = Uint256.of(10);
  private static final Balance LOCKED = balance(100, 0);

  /** The commitment both parties sign: pay 90 of ASSET to the initiator, no call. */
  private static final Bytes32 COMMITMENT =
      ChannelHashes.withdrawCommitment(
          new WithdrawData(
              CHANNEL,
              ASSET,
              INITIATOR.address(),
              Uint256.of(90),
              Uint256.ONE,
              Address.ZERO,
              new byte[0]));

  private static final Signature INITIATOR_SIG = signCommitment(INITIATOR, COMMITMENT);
  private static final Signature RESPONDER_SIG = signCommitment(RESPONDER, COMMITMENT);
  private static final WithdrawState STATE = state(INITIATOR_SIG, COMMITMENT, Uint256.ONE, FEE);

  @Test
  void encodingsAreVectorsWithdrawEncodings() {
    assertThat(WITHDRAW.stateEncoding())
        .isEqualTo(
            "tuple(bytes initiatorSignature, address initiator, address responder, bytes32 data,"
                + " uint256 nonce, uint256 fee, address callTo, bytes callData)");
    assertThat(WITHDRAW.resolverEncoding()).isEqualTo("tuple(bytes responderSignature)");
  }

  // ---- create ----

  @Test
  void createAcceptsACommitmentSignedByTheInitiator() {
    assertThat(WITHDRAW.checkCreate(LOCKED, STATE, NOW)).isEmpty();
  }

  @Test
  void createAcceptsAFeeEqualToTheAmount() {
    assertThat(
            WITHDRAW.checkCreate(
                LOCKED, state(INITIATOR_SIG, COMMITMENT, Uint256.ONE, Uint256.of(100)), NOW))
        .isEmpty();
  }

  @Test
  void createRejectsACommitmentSignedBySomeoneElse() {
    WithdrawState signedByResponder = state(RESPONDER_SIG, COMMITMENT, Uint256.ONE, FEE);
    assertRejected(
        WITHDRAW.checkCreate(LOCKED, signedByResponder, NOW),
        "not signed by the initiator " + INITIATOR.address());
  }

  @Test
  void createRejectsASignatureOverTheBareCommitmentWithoutTheVectorPrefix() {
    WithdrawState unprefixed = state(INITIATOR.sign(COMMITMENT), COMMITMENT, Uint256.ONE, FEE);
    assertRejected(WITHDRAW.checkCreate(LOCKED, unprefixed, NOW), "not signed by the initiator");
  }

  @Test
  void createRejectsASignatureOverAnotherCommitment() {
    Bytes32 other = Bytes32.fromHex("0x" + "0d".repeat(32));
    WithdrawState mismatched =
        state(signCommitment(INITIATOR, other), COMMITMENT, Uint256.ONE, FEE);
    assertRejected(WITHDRAW.checkCreate(LOCKED, mismatched, NOW), "not signed by the initiator");
  }

  @Test
  void createRejectsAFeeAboveTheAmount() {
    WithdrawState greedy = state(INITIATOR_SIG, COMMITMENT, Uint256.ONE, Uint256.of(101));
    assertRejected(
        WITHDRAW.checkCreate(LOCKED, greedy, NOW), "withdraw fee 101 exceeds the amount 100");
  }

  @Test
  void createRejectsZeroData() {
    WithdrawState noData = state(INITIATOR_SIG, Bytes32.ZERO, Uint256.ONE, FEE);
    assertRejected(WITHDRAW.checkCreate(LOCKED, noData, NOW), "data and nonce must be set");
  }

  @Test
  void createRejectsAZeroNonce() {
    WithdrawState noNonce = state(INITIATOR_SIG, COMMITMENT, Uint256.ZERO, FEE);
    assertRejected(WITHDRAW.checkCreate(LOCKED, noNonce, NOW), "data and nonce must be set");
  }

  @Test
  void createRejectsAZeroInitiator() {
    WithdrawState noInitiator =
        new WithdrawState(
            INITIATOR_SIG,
            Address.ZERO,
            RESPONDER.address(),
            COMMITMENT,
            Uint256.ONE,
            FEE,
            Address.ZERO,
            new byte[0]);
    assertRejected(
        WITHDRAW.checkCreate(LOCKED, noInitiator, NOW), "initiator and responder must be set");
  }

  @Test
  void createRejectsAZeroResponder() {
    WithdrawState noResponder =
        new WithdrawState(
            INITIATOR_SIG,
            INITIATOR.address(),
            Address.ZERO,
            COMMITMENT,
            Uint256.ONE,
            FEE,
            Address.ZERO,
            new byte[0]);
    assertRejected(
        WITHDRAW.checkCreate(LOCKED, noResponder, NOW), "initiator and responder must be set");
  }

  @Test
  void createRejectsANonzeroResponderAmount() {
    assertRejected(
        WITHDRAW.checkCreate(balance(100, 3), STATE, NOW),
        "responder balance must start at zero, got 3");
  }

  @Test
  void createRejectsAHashlockState() {
    HashlockState hashlock =
        new HashlockState(Bytes32.fromHex("0x" + "44".repeat(32)), Uint256.ZERO);
    assertRejected(WITHDRAW.checkCreate(LOCKED, hashlock, NOW), "needs a withdraw state");
  }

  // ---- resolve ----

  @Test
  void theResponderSignaturePaysTheFeeToTheResponderAndZeroToTheInitiator() {
    Outcome<Balance> out =
        WITHDRAW.resolve(LOCKED, STATE, WithdrawResolver.signed(RESPONDER_SIG), NOW);
    assertThat(out.isOk()).as("outcome %s", out).isTrue();
    assertThat(out.value()).isEqualTo(balance(0, 10));
    assertThat(out.value().to0()).isEqualTo(INITIATOR.address());
    assertThat(out.value().to1()).isEqualTo(RESPONDER.address());
  }

  @Test
  void aZeroFeeWithdrawLeavesNothingInTheTransfer() {
    WithdrawState free = state(INITIATOR_SIG, COMMITMENT, Uint256.ONE, Uint256.ZERO);
    Outcome<Balance> out =
        WITHDRAW.resolve(LOCKED, free, WithdrawResolver.signed(RESPONDER_SIG), NOW);
    assertThat(out.value()).isEqualTo(balance(0, 0));
  }

  @Test
  void theInitiatorsSignatureDoesNotResolve() {
    Outcome<Balance> out =
        WITHDRAW.resolve(LOCKED, STATE, WithdrawResolver.signed(INITIATOR_SIG), NOW);
    assertFailed(
        out, FailureReason.INVALID_RESOLVER, "not signed by the responder " + RESPONDER.address());
  }

  @Test
  void aResponderSignatureOverAnotherCommitmentDoesNotResolve() {
    Signature overOther = signCommitment(RESPONDER, Bytes32.fromHex("0x" + "0d".repeat(32)));
    Outcome<Balance> out = WITHDRAW.resolve(LOCKED, STATE, WithdrawResolver.signed(overOther), NOW);
    assertFailed(out, FailureReason.INVALID_RESOLVER, "not signed by the responder");
  }

  @Test
  void cancelReturnsTheBalanceUnchanged() {
    Outcome<Balance> out = WITHDRAW.resolve(LOCKED, STATE, WithdrawResolver.cancel(), NOW);
    assertThat(out.value()).isEqualTo(LOCKED);
  }

  @Test
  void aNullSignatureOptionalIsTheCancel() {
    assertThat(new WithdrawResolver(null)).isEqualTo(WithdrawResolver.cancel());
    assertThat(WithdrawResolver.cancel().responderSignature()).isEmpty();
  }

  @Test
  void resolveRefusesAHashlockResolver() {
    Outcome<Balance> out = WITHDRAW.resolve(LOCKED, STATE, HashlockResolver.cancel(), NOW);
    assertFailed(out, FailureReason.INVALID_RESOLVER, "responderSignature resolver");
  }

  @Test
  void resolveRefusesAHashlockState() {
    HashlockState hashlock =
        new HashlockState(Bytes32.fromHex("0x" + "44".repeat(32)), Uint256.ZERO);
    Outcome<Balance> out =
        WITHDRAW.resolve(LOCKED, hashlock, WithdrawResolver.signed(RESPONDER_SIG), NOW);
    assertFailed(out, FailureReason.INVALID_TRANSFER_STATE, "not a withdraw transfer");
  }

  @Test
  void cancelEncodesAs65ZeroBytes() {
    byte[] encoded = WithdrawResolver.cancel().encode();
    // offset to the tuple, offset to the bytes inside it, length, then 65 bytes padded to 96
    assertThat(encoded).hasSize(6 * 32);
    assertThat(encoded[31]).isEqualTo((byte) 0x20);
    assertThat(encoded[63]).isEqualTo((byte) 0x20);
    assertThat(encoded[95]).isEqualTo((byte) 65);
    assertThat(Arrays.copyOfRange(encoded, 96, 192)).containsOnly((byte) 0);
  }

  @Test
  void aSignedResolverEncodesTheSignatureBytes() {
    byte[] encoded = WithdrawResolver.signed(RESPONDER_SIG).encode();
    assertThat(encoded).hasSize(6 * 32);
    assertThat(encoded[95]).isEqualTo((byte) 65);
    assertThat(Arrays.copyOfRange(encoded, 96, 161)).isEqualTo(RESPONDER_SIG.toArray());
    assertThat(Arrays.copyOfRange(encoded, 161, 192)).containsOnly((byte) 0);
  }

  private static Signature signCommitment(LocalKeySigner signer, Bytes32 commitment) {
    return signer.sign(ChannelHashes.signedDigest(commitment));
  }

  private static WithdrawState state(
      Signature initiatorSig, Bytes32 data, Uint256 nonce, Uint256 fee) {
    return new WithdrawState(
        initiatorSig,
        INITIATOR.address(),
        RESPONDER.address(),
        data,
        nonce,
        fee,
        Address.ZERO,
        new byte[0]);
  }

  private static Balance balance(long initiatorAmount, long responderAmount) {
    return new Balance(
        Uint256.of(initiatorAmount),
        Uint256.of(responderAmount),
        INITIATOR.address(),
        RESPONDER.address());
  }

  private static void assertRejected(Optional<Rejection> rejection, String detailFragment) {
    assertThat(rejection).isPresent();
    assertThat(rejection.get().reason()).isEqualTo(FailureReason.INVALID_TRANSFER_STATE);
    assertThat(rejection.get().detail()).contains(detailFragment);
  }

  private static void assertFailed(
      Outcome<Balance> out, FailureReason reason, String detailFragment) {
    assertThat(out.isOk()).as("outcome %s", out).isFalse();
    assertThat(out.rejection().reason()).isEqualTo(reason);
    assertThat(out.rejection().detail()).contains(detailFragment);
  }
}
