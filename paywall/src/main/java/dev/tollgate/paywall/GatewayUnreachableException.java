package dev.tollgate.paywall;

/**
 * The gateway did not answer: {@link Paywall} tells the reader so ({@code 502 gateway_unreachable})
 * instead of failing obscurely.
 */
public final class GatewayUnreachableException extends RuntimeException {
  public GatewayUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
