package dev.tollgate.core.transfer;

import static dev.tollgate.core.failure.FailureReason.INVALID_RESOLVER;
import static dev.tollgate.core.failure.FailureReason.INVALID_TRANSFER_STATE;
import static dev.tollgate.core.failure.FailureReason.TRANSFER_EXPIRED;

import dev.tollgate.core.abi.ChannelAbi;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.failure.Rejection;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Pays the responder when it reveals the preimage of {@code lockHash =
 * sha256(abi.encode(preImage))} before {@code expiry}; the zero preimage cancels and returns the
 * funds to the initiator.
 */
public final class HashlockTransfer implements TransferDefinition {
  public static final HashlockTransfer INSTANCE = new HashlockTransfer();
  public static final String STATE_ENCODING = "tuple(bytes32 lockHash, uint256 expiry)";
  public static final String RESOLVER_ENCODING = "tuple(bytes32 preImage)";

  private HashlockTransfer() {}

  public static Bytes32 lockHash(Bytes32 preImage) {
    try {
      return Bytes32.of(
          MessageDigest.getInstance("SHA-256").digest(ChannelAbi.encodeWord(preImage)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }

  @Override
  public String name() {
    return "HashlockTransfer";
  }

  @Override
  public String stateEncoding() {
    return STATE_ENCODING;
  }

  @Override
  public String resolverEncoding() {
    return RESOLVER_ENCODING;
  }

  @Override
  public Optional<Rejection> checkCreate(Balance balance, TransferInitialState state, long now) {
    if (!(state instanceof HashlockState lock)) {
      return reject(
          INVALID_TRANSFER_STATE, "HashlockTransfer needs a hashlock state, got " + state);
    }
    if (balance.amount0().isZero()) {
      return reject(INVALID_TRANSFER_STATE, "hashlock amount must be greater than zero");
    }
    if (!balance.amount1().isZero()) {
      return reject(
          INVALID_TRANSFER_STATE,
          "hashlock responder balance must start at zero, got " + balance.amount1());
    }
    if (lock.lockHash().isZero()) {
      return reject(INVALID_TRANSFER_STATE, "hashlock lockHash must not be zero");
    }
    if (isExpired(lock.expiry(), now)) {
      return reject(
          TRANSFER_EXPIRED, "hashlock expiry " + lock.expiry() + " is not after now (" + now + ")");
    }
    return Optional.empty();
  }

  @Override
  public Outcome<Balance> resolve(
      Balance balance, TransferInitialState state, TransferResolver resolver, long now) {
    if (!(state instanceof HashlockState lock)) {
      return Outcome.fail(INVALID_TRANSFER_STATE, "not a hashlock transfer: " + state);
    }
    if (!(resolver instanceof HashlockResolver key)) {
      return Outcome.fail(INVALID_RESOLVER, "HashlockTransfer needs a preImage resolver");
    }
    if (key.isCancel()) {
      return Outcome.ok(balance);
    }
    if (isExpired(lock.expiry(), now)) {
      return Outcome.fail(
          TRANSFER_EXPIRED,
          "hashlock expired at " + lock.expiry() + " (now " + now + "); only a cancel resolves it");
    }
    if (!lockHash(key.preImage()).equals(lock.lockHash())) {
      return Outcome.fail(
          INVALID_RESOLVER, "preImage does not hash to lockHash " + lock.lockHash());
    }
    return Outcome.ok(balance.withAmounts(Uint256.ZERO, balance.amount0()));
  }

  private static boolean isExpired(Uint256 expiry, long now) {
    return !expiry.isZero() && expiry.value().compareTo(java.math.BigInteger.valueOf(now)) <= 0;
  }

  private static Optional<Rejection> reject(
      dev.tollgate.core.failure.FailureReason reason, String detail) {
    return Optional.of(Rejection.of(reason, detail));
  }
}
