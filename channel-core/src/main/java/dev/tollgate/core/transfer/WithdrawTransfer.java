package dev.tollgate.core.transfer;

import static dev.tollgate.core.failure.FailureReason.INVALID_RESOLVER;
import static dev.tollgate.core.failure.FailureReason.INVALID_TRANSFER_STATE;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.failure.Rejection;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.value.Uint256;
import java.util.Optional;

/**
 * Takes funds out of the channel: the initiator locks {@code amount}, the responder resolves by
 * countersigning the withdraw commitment {@code data}, and the amount less the fee leaves the
 * channel (it is paid on chain by {@code withdraw}); the fee goes to the responder.
 */
public final class WithdrawTransfer implements TransferDefinition {
  public static final WithdrawTransfer INSTANCE = new WithdrawTransfer();
  public static final String RESOLVER_ENCODING = "tuple(bytes responderSignature)";

  private WithdrawTransfer() {}

  @Override
  public String name() {
    return "Withdraw";
  }

  @Override
  public String stateEncoding() {
    return WithdrawState.ENCODING;
  }

  @Override
  public String resolverEncoding() {
    return RESOLVER_ENCODING;
  }

  @Override
  public Optional<Rejection> checkCreate(Balance balance, TransferInitialState state, long now) {
    if (!(state instanceof WithdrawState w)) {
      return reject("Withdraw needs a withdraw state, got " + state);
    }
    if (!balance.amount1().isZero()) {
      return reject("withdraw responder balance must start at zero, got " + balance.amount1());
    }
    if (w.initiator().isZero() || w.responder().isZero()) {
      return reject("withdraw initiator and responder must be set");
    }
    if (w.data().isZero() || w.nonce().isZero()) {
      return reject("withdraw data and nonce must be set");
    }
    if (w.fee().compareTo(balance.amount0()) > 0) {
      return reject("withdraw fee " + w.fee() + " exceeds the amount " + balance.amount0());
    }
    if (!Secp256k1Signatures.isSignedBy(
        ChannelHashes.signedDigest(w.data()), w.initiatorSignature(), w.initiator())) {
      return reject("withdraw commitment is not signed by the initiator " + w.initiator());
    }
    return Optional.empty();
  }

  @Override
  public Outcome<Balance> resolve(
      Balance balance, TransferInitialState state, TransferResolver resolver, long now) {
    if (!(state instanceof WithdrawState w)) {
      return Outcome.fail(INVALID_TRANSFER_STATE, "not a withdraw transfer: " + state);
    }
    if (!(resolver instanceof WithdrawResolver r)) {
      return Outcome.fail(INVALID_RESOLVER, "Withdraw needs a responderSignature resolver");
    }
    if (r.responderSignature().isEmpty()) {
      return Outcome.ok(balance);
    }
    if (!Secp256k1Signatures.isSignedBy(
        ChannelHashes.signedDigest(w.data()), r.responderSignature().get(), w.responder())) {
      return Outcome.fail(
          INVALID_RESOLVER, "withdraw commitment is not signed by the responder " + w.responder());
    }
    if (w.fee().compareTo(balance.amount0()) > 0) {
      return Outcome.fail(
          INVALID_RESOLVER, "withdraw fee " + w.fee() + " exceeds the amount " + balance.amount0());
    }
    return Outcome.ok(balance.withAmounts(Uint256.ZERO, w.fee()));
  }

  private static Optional<Rejection> reject(String detail) {
    return Optional.of(Rejection.of(INVALID_TRANSFER_STATE, detail));
  }
}
