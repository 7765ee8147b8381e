package dev.tollgate.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.failure.FailureReason;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.failure.Rejection;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import java.security.MessageDigest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HashlockTransferTest {
  private static final HashlockTransfer HASHLOCK = HashlockTransfer.INSTANCE;
  private static final Address INITIATOR = Address.fromHex("0x" + "a1".repeat(20));
  private static final Address RESPONDER = Address.fromHex("0x" + "b2".repeat(20));
  private static final Bytes32 PREIMAGE = Bytes32.fromHex("0x" + "5e".repeat(32));
  private static final Bytes32 LOCK_HASH = HashlockTransfer.lockHash(PREIMAGE);
  private static final long NOW = 1_700_000_000L;
  private static final Balance LOCKED = balance(100, 0);

  @Test
  void lockHashIsSha256OfTheAbiEncodedPreimage() throws Exception {
    // abi.encode(bytes32) is the 32 bytes themselves.
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(PREIMAGE.toArray());
    assertThat(LOCK_HASH).isEqualTo(Bytes32.of(expected));
  }

  @Test
  void encodingsAreVectorsHashlockEncodings() {
    assertThat(HASHLOCK.stateEncoding()).isEqualTo("tuple(bytes32 lockHash, uint256 expiry)");
    assertThat(HASHLOCK.resolverEncoding()).isEqualTo("tuple(bytes32 preImage)");
  }

  // ---- create ----

  @Test
  void createAcceptsAnUnexpiredLock() {
    assertThat(HASHLOCK.checkCreate(LOCKED, lock(NOW + 1), NOW)).isEmpty();
  }

  @Test
  void createAcceptsExpiryZeroAsNeverExpiring() {
    assertThat(HASHLOCK.checkCreate(LOCKED, lock(0), NOW)).isEmpty();
    assertThat(HASHLOCK.checkCreate(LOCKED, lock(0), Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void createRejectsAZeroAmount() {
    assertRejected(
        HASHLOCK.checkCreate(balance(0, 0), lock(0), NOW),
        FailureReason.INVALID_TRANSFER_STATE,
        "greater than zero");
  }

  @Test
  void createRejectsANonzeroResponderAmount() {
    assertRejected(
        HASHLOCK.checkCreate(balance(100, 7), lock(0), NOW),
        FailureReason.INVALID_TRANSFER_STATE,
        "responder balance must start at zero, got 7");
  }

  @Test
  void createRejectsAZeroLockHash() {
    assertRejected(
        HASHLOCK.checkCreate(LOCKED, new HashlockState(Bytes32.ZERO, Uint256.ZERO), NOW),
        FailureReason.INVALID_TRANSFER_STATE,
        "lockHash must not be zero");
  }

  @Test
  void createRejectsAnExpiryEqualToNow() {
    assertRejected(
        HASHLOCK.checkCreate(LOCKED, lock(NOW), NOW),
        FailureReason.TRANSFER_EXPIRED,
        "expiry " + NOW + " is not after now (" + NOW + ")");
  }

  @Test
  void createRejectsAnExpiryInThePast() {
    assertRejected(
        HASHLOCK.checkCreate(LOCKED, lock(NOW - 60), NOW),
        FailureReason.TRANSFER_EXPIRED,
        String.valueOf(NOW - 60));
  }

  @Test
  void createRejectsAWithdrawState() {
    assertRejected(
        HASHLOCK.checkCreate(LOCKED, withdrawState(), NOW),
        FailureReason.INVALID_TRANSFER_STATE,
        "needs a hashlock state");
  }

  // ---- resolve ----

  @Test
  void theRightPreimagePaysTheResponderTheFullAmount() {
    Outcome<Balance> out =
        HASHLOCK.resolve(LOCKED, lock(NOW + 3600), new HashlockResolver(PREIMAGE), NOW);
    assertThat(out.isOk()).isTrue();
    assertThat(out.value()).isEqualTo(balance(0, 100));
    assertThat(out.value().to0()).isEqualTo(INITIATOR);
    assertThat(out.value().to1()).isEqualTo(RESPONDER);
  }

  @Test
  void theRightPreimagePaysWhenTheLockNeverExpires() {
    Outcome<Balance> out = HASHLOCK.resolve(LOCKED, lock(0), new HashlockResolver(PREIMAGE), NOW);
    assertThat(out.value()).isEqualTo(balance(0, 100));
  }

  @Test
  void aWrongPreimageIsAnInvalidResolver() {
    Bytes32 wrong = Bytes32.fromHex("0x" + "5f".repeat(32));
    Outcome<Balance> out =
        HASHLOCK.resolve(LOCKED, lock(NOW + 3600), new HashlockResolver(wrong), NOW);
    assertFailed(out, FailureReason.INVALID_RESOLVER, "does not hash to lockHash " + LOCK_HASH);
  }

  @Test
  void theLockHashItselfIsNotAPreimage() {
    Outcome<Balance> out = HASHLOCK.resolve(LOCKED, lock(0), new HashlockResolver(LOCK_HASH), NOW);
    assertFailed(out, FailureReason.INVALID_RESOLVER, "does not hash to lockHash");
  }

  @Test
  void theRightPreimageAfterExpiryIsRefused() {
    Outcome<Balance> out =
        HASHLOCK.resolve(LOCKED, lock(NOW - 1), new HashlockResolver(PREIMAGE), NOW);
    assertFailed(out, FailureReason.TRANSFER_EXPIRED, "expired at " + (NOW - 1));
  }

  @Test
  void theRightPreimageExactlyAtExpiryIsRefused() {
    Outcome<Balance> out = HASHLOCK.resolve(LOCKED, lock(NOW), new HashlockResolver(PREIMAGE), NOW);
    assertFailed(out, FailureReason.TRANSFER_EXPIRED, "only a cancel resolves it");
  }

  @Test
  void cancelReturnsTheBalanceUnchanged() {
    Outcome<Balance> out =
        HASHLOCK.resolve(LOCKED, lock(NOW + 3600), HashlockResolver.cancel(), NOW);
    assertThat(out.value()).isEqualTo(LOCKED);
  }

  @Test
  void cancelWorksAfterExpiry() {
    Outcome<Balance> out =
        HASHLOCK.resolve(LOCKED, lock(NOW - 3600), HashlockResolver.cancel(), NOW);
    assertThat(out.value()).isEqualTo(LOCKED);
  }

  @Test
  void cancelIsTheZeroPreimage() {
    assertThat(HashlockResolver.cancel().preImage()).isEqualTo(Bytes32.ZERO);
    assertThat(HashlockResolver.cancel().isCancel()).isTrue();
    assertThat(new HashlockResolver(PREIMAGE).isCancel()).isFalse();
  }

  @Test
  void resolveRefusesAWithdrawResolver() {
    Outcome<Balance> out = HASHLOCK.resolve(LOCKED, lock(0), WithdrawResolver.cancel(), NOW);
    assertFailed(out, FailureReason.INVALID_RESOLVER, "preImage resolver");
  }

  @Test
  void resolveRefusesAWithdrawState() {
    Outcome<Balance> out =
        HASHLOCK.resolve(LOCKED, withdrawState(), new HashlockResolver(PREIMAGE), NOW);
    assertFailed(out, FailureReason.INVALID_TRANSFER_STATE, "not a hashlock transfer");
  }

  @Test
  void resolverToStringHidesThePreimage() {
    assertThat(new HashlockResolver(PREIMAGE).toString())
        .doesNotContain(PREIMAGE.toHex().substring(2, 20))
        .contains("hidden");
  }

  private static HashlockState lock(long expiry) {
    return new HashlockState(LOCK_HASH, Uint256.of(expiry));
  }

  private static Balance balance(long initiatorAmount, long responderAmount) {
    return new Balance(
        Uint256.of(initiatorAmount), Uint256.of(responderAmount), INITIATOR, RESPONDER);
  }

  private static WithdrawState withdrawState() {
    byte[] sig = new byte[65];
    sig[31] = 1;
    sig[63] = 1;
    sig[64] = 27;
    return new WithdrawState(
        Signature.of(sig),
        INITIATOR,
        RESPONDER,
        Bytes32.fromHex("0x" + "d0".repeat(32)),
        Uint256.ONE,
        Uint256.ZERO,
        Address.ZERO,
        new byte[0]);
  }

  private static void assertRejected(
      Optional<Rejection> rejection, FailureReason reason, String detailFragment) {
    assertThat(rejection).isPresent();
    assertThat(rejection.get().reason()).isEqualTo(reason);
    assertThat(rejection.get().detail()).contains(detailFragment);
  }

  private static void assertFailed(
      Outcome<Balance> out, FailureReason reason, String detailFragment) {
    assertThat(out.isOk()).as("outcome %s", out).isFalse();
    assertThat(out.rejection().reason()).isEqualTo(reason);
    assertThat(out.rejection().detail()).contains(detailFragment);
  }
}
