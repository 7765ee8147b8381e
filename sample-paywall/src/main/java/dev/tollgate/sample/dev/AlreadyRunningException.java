package dev.tollgate.sample.dev;

/** Another local stack holds the lock, or a port the stack needs is taken. */
public final class AlreadyRunningException extends RuntimeException {
  public AlreadyRunningException(String message) {
    super(message);
  }
}
