package dev.tollgate.client;

/**
 * The gateway could not be reached (connection refused, timed out), or a resource server said it
 * could not reach it ({@code 502}). Nothing was paid by a call that failed this way before its
 * payment was sent; one that failed after is reconciled from the gateway's history on the next
 * call.
 */
public final class GatewayUnreachableException extends TollgateException {
  private static final long serialVersionUID = 1L;

  public GatewayUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }

  public GatewayUnreachableException(String message) {
    super(message);
  }
}
