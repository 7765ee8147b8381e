package dev.tollgate.sample.site;

/** The gateway did not answer: the site tells the reader so instead of failing obscurely. */
public final class GatewayUnreachableException extends RuntimeException {
  public GatewayUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
