package dev.tollgate.functions.snapstart;

/**
 * A priming request did not get the answer a working gateway gives. Thrown before a snapshot (or
 * from the init phase when priming runs there) so that a misconfigured function fails to publish
 * instead of being snapshotted broken.
 */
public final class PrimingFailedException extends RuntimeException {
  public PrimingFailedException(String message) {
    super(message);
  }
}
