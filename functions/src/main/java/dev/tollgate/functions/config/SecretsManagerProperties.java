package dev.tollgate.functions.config;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Reads each referenced secret's current value (its {@code SecretString}, stripped of surrounding
 * whitespace) as the referenced property. A secret that cannot be read, has only a binary value or
 * an empty one fails the whole load: a gateway must not start with a property it was told to take
 * from a secret missing, or falling back to a plain one.
 */
public final class SecretsManagerProperties {
  private static final Logger LOG = LoggerFactory.getLogger("tollgate.config");

  private final SecretsManagerClient secrets;

  public SecretsManagerProperties(SecretsManagerClient secrets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /** Property name to value, in the order of {@code references}. */
  public Map<String, Object> load(List<SecretReference> references) {
    Objects.requireNonNull(references, "references");
    Map<String, Object> properties = new LinkedHashMap<>();
    for (SecretReference reference : references) {
      properties.put(reference.property(), read(reference));
    }
    LOG.info(
        "read {} configuration propert(ies) from Secrets Manager",
        properties.size(),
        kv("action", "read-secrets"),
        kv("properties", List.copyOf(properties.keySet())),
        kv("secretIds", references.stream().map(SecretReference::secretId).toList()));
    return properties;
  }

  private String read(SecretReference reference) {
    GetSecretValueResponse response;
    try {
      response =
          secrets.getSecretValue(
              GetSecretValueRequest.builder().secretId(reference.secretId()).build());
    } catch (ResourceNotFoundException e) {
      throw new SecretUnavailableException(reference, "was not found", e);
    } catch (SdkException e) {
      // The SDK's messages carry the service's error and request id, never a secret's value.
      throw new SecretUnavailableException(reference, "could not be read: " + e.getMessage(), e);
    }
    String value = response.secretString();
    if (value == null) {
      throw new SecretUnavailableException(
          reference, "has no SecretString (a binary secret?): store the value as text", null);
    }
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      throw new SecretUnavailableException(reference, "is empty", null);
    }
    return stripped;
  }
}
