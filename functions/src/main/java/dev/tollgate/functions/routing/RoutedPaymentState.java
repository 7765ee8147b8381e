package dev.tollgate.functions.routing;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a routed payment stands at the hub, recorded with each step so that a hub that crashed
 * between two steps knows, from the stored state alone, what it owes each side. The transitions are
 * the only ones allowed; anything else is a bug, refused rather than stored.
 *
 * <pre>
 *   RECEIVED ──► FORWARDED ──► DOWNSTREAM_RESOLVED ──► SETTLED
 *      │             │
 *      └─────────────┴──► CANCELLED   (the reader's transfer cancelled: its balance comes back)
 * </pre>
 */
public enum RoutedPaymentState {
  /** The reader's create is countersigned on the reader–hub channel; nothing forwarded yet. */
  RECEIVED,
  /** The hub signed the forwarded create on the hub–publisher channel and handed it over. */
  FORWARDED,
  /**
   * The publisher resolved the forwarded transfer: the hub holds the preimage and owes itself the
   * reader's transfer.
   */
  DOWNSTREAM_RESOLVED,
  /** The hub resolved the reader's transfer with the same preimage: the payment is complete. */
  SETTLED,
  /**
   * The reader's transfer was cancelled (the forward failed or the publisher refused); the
   * forwarded transfer, if any, was never resolved and is cancelled too.
   */
  CANCELLED;

  private static final Map<RoutedPaymentState, Set<RoutedPaymentState>> NEXT =
      Map.of(
          RECEIVED, EnumSet.of(FORWARDED, CANCELLED),
          FORWARDED, EnumSet.of(DOWNSTREAM_RESOLVED, CANCELLED),
          DOWNSTREAM_RESOLVED, EnumSet.of(SETTLED),
          SETTLED, EnumSet.noneOf(RoutedPaymentState.class),
          CANCELLED, EnumSet.noneOf(RoutedPaymentState.class));

  public boolean canMoveTo(RoutedPaymentState next) {
    return NEXT.get(this).contains(next);
  }

  /** {@code next}, if this state may move there; otherwise the attempt is named and refused. */
  public RoutedPaymentState moveTo(RoutedPaymentState next) {
    if (!canMoveTo(next)) {
      throw new IllegalStateException("a routed payment cannot move from " + this + " to " + next);
    }
    return next;
  }

  /**
   * Whether the hub may still cancel the reader's transfer: only before the publisher resolved,
   * since after that the preimage is out and the hub must claim, not cancel.
   */
  public boolean mayCancel() {
    return canMoveTo(CANCELLED);
  }

  public boolean isFinal() {
    return NEXT.get(this).isEmpty();
  }
}
