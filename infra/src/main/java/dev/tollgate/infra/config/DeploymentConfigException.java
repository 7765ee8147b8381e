package dev.tollgate.infra.config;

/** A deployment setting that is missing or malformed; the message names the setting. */
public final class DeploymentConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DeploymentConfigException(String message) {
    super(message);
  }
}
