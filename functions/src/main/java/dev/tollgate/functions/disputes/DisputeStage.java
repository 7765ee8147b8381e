package dev.tollgate.functions.disputes;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where the gateway stands in a channel's dispute. The table of allowed moves keeps a stored record
 * from going backwards: a settled or lost dispute only reopens when the chain shows a new one.
 */
public enum DisputeStage {
  /** Seen on chain; the gateway has not needed to act yet. */
  OPEN,
  /** The gateway answered an older state with its newer double-signed one. */
  DEFENDED,
  /** The defund window is open and the gateway is claiming transfers and its balance. */
  CLAIMING,
  /** Everything owed to the gateway has left the channel. */
  SETTLED,
  /** The chain holds something the gateway could not enforce; an operator must look. */
  LOST;

  private static final Map<DisputeStage, Set<DisputeStage>> ALLOWED =
      Map.of(
          OPEN, EnumSet.of(DEFENDED, CLAIMING, SETTLED, LOST),
          DEFENDED, EnumSet.of(CLAIMING, SETTLED, LOST),
          CLAIMING, EnumSet.of(SETTLED, LOST),
          SETTLED, EnumSet.of(OPEN),
          LOST, EnumSet.of(OPEN));

  public boolean canMoveTo(DisputeStage next) {
    return next == this || ALLOWED.get(this).contains(next);
  }

  public boolean isFinished() {
    return this == SETTLED || this == LOST;
  }

  /** The stage after taking {@code step}; a wait leaves it where it is. */
  public DisputeStage after(DisputeStep step) {
    DisputeStage next;
    if (step instanceof DisputeStep.Defend) {
      next = DEFENDED;
    } else if (step instanceof DisputeStep.Settled) {
      next = SETTLED;
    } else if (step instanceof DisputeStep.Lost) {
      next = LOST;
    } else if (step instanceof DisputeStep.Wait) {
      next = this;
    } else {
      next = CLAIMING;
    }
    if (!canMoveTo(next)) {
      throw new IllegalStateException("a dispute cannot move from " + this + " to " + next);
    }
    return next;
  }
}
