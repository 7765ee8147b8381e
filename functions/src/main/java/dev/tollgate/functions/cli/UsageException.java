package dev.tollgate.functions.cli;

/** The command line itself is wrong (a missing, unknown or malformed option): exit status 2. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
