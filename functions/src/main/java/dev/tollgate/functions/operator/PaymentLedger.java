package dev.tollgate.functions.operator;

import java.util.List;
import java.util.function.Consumer;

/**
 * The gateway's payments, by the time they were paid: what the operator's revenue and payment
 * reports read. Written by the channel store as it records each resolve, never by this port.
 */
public interface PaymentLedger {
  /**
   * Hands {@code each} every payment with {@code fromMillis <= paidAt < toMillis}, in no particular
   * order, one call at a time (never two at once), without holding them all in memory.
   */
  void paidBetween(long fromMillis, long toMillis, Consumer<Payment> each);

  /**
   * The newest payments, at most {@code limit}, newest first ({@link Payment#NEWEST_FIRST}),
   * looking back from {@code nowMillis} as far as the ledger keeps a short listing cheap (the
   * adapter says how far).
   */
  List<Payment> latest(long nowMillis, int limit);
}
