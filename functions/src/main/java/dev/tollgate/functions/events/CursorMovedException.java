package dev.tollgate.functions.events;

import java.util.OptionalLong;

/**
 * A watcher lost a race for the cursor: another run moved it after this one read it. Carries the
 * stored block, so the loser can tell how far the winner got.
 */
public final class CursorMovedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final OptionalLong expected;
  private final OptionalLong stored;

  public CursorMovedException(OptionalLong expected, OptionalLong stored) {
    super(
        "the watch cursor is no longer at "
            + describe(expected)
            + "; it is at "
            + describe(stored));
    this.expected = expected;
    this.stored = stored;
  }

  public OptionalLong expected() {
    return expected;
  }

  /** The block stored now; empty if there is no cursor. */
  public OptionalLong stored() {
    return stored;
  }

  private static String describe(OptionalLong block) {
    return block.isPresent() ? "block " + block.getAsLong() : "no block (no cursor)";
  }
}
