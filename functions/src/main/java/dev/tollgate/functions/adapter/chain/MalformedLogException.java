package dev.tollgate.functions.adapter.chain;

/**
 * A log that carries one of the catalogue's topics but not the data that event has. Tollgate reads
 * logs only from its own factory and channels and from configured tokens, so this means a wrong
 * address in the configuration or a contract that is not Tollgate's: the read stops rather than
 * guess.
 */
public final class MalformedLogException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public MalformedLogException(String log, String problem) {
    super("malformed " + log + ": " + problem);
  }
}
