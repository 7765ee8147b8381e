package dev.tollgate.functions.config;

/**
 * A property's secret could not be read, or holds no usable value. The message names the property
 * and the secret id, never a value.
 */
public final class SecretUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient SecretReference reference;

  SecretUnavailableException(SecretReference reference, String problem, Throwable cause) {
    super(
        reference.property()
            + ": secret '"
            + reference.secretId()
            + "' "
            + problem
            + " (from "
            + SecretReferences.ENVIRONMENT_VARIABLE
            + ")",
        cause);
    this.reference = reference;
  }

  public SecretReference reference() {
    return reference;
  }
}
