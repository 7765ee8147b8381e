package dev.tollgate.functions.operator;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.Comparator;
import java.util.Objects;

/**
 * One payment to the gateway: a hashlock transfer {@code payer} locked in {@code channel} for the
 * gateway, which the gateway resolved with its preimage at {@code paidAt} (epoch milliseconds).
 */
public record Payment(
    Bytes32 transferId,
    Address channel,
    Address payer,
    Address asset,
    Uint256 amount,
    long paidAt) {

  /** Newest first; payments of the same millisecond by transfer id, so the order is total. */
  public static final Comparator<Payment> NEWEST_FIRST =
      Comparator.comparingLong(Payment::paidAt).thenComparing(Payment::transferId).reversed();

  public Payment {
    Objects.requireNonNull(transferId, "transferId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(payer, "payer");
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(amount, "amount");
    if (paidAt < 0) {
      throw new IllegalArgumentException("paidAt must not be negative, got " + paidAt);
    }
  }
}
