package dev.tollgate.client;

/**
 * The gateway could not be reached (connection refused, timed out), or a resource server said it
 * could not reach it ({@code 502}). Nothing was paid by a call that failed this way before its
 * payment was sent. One that failed after had sent its payment again as many times as {@link
 * TollgateClient.Builder#paymentRetries} allows, all in vain: the gateway may have taken it or not,
 * and the next paid call finds out from the gateway's history (a {@code 409}, then a catch-up) and
 * counts it once; {@link TollgateClient#catchUp()} finds out at once.
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
