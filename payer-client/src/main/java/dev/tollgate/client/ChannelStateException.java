package dev.tollgate.client;

/**
 * The channel state cannot be trusted as it is: the gateway answered with an update this client's
 * channel-core refuses (a bad signature, a resolve of another transfer, a history that does not
 * chain), or the state file belongs to another key, gateway or channel, or cannot be read. The
 * client keeps its last good state and signs nothing on top of the bad one.
 */
public final class ChannelStateException extends TollgateException {
  private static final long serialVersionUID = 1L;

  public ChannelStateException(String message) {
    super(message);
  }

  public ChannelStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
