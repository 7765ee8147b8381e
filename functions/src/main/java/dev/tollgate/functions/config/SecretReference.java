package dev.tollgate.functions.config;

import java.util.Objects;

/**
 * One configuration property whose value is a Secrets Manager secret: {@code secretId} is the
 * secret's ARN or name. Only the gateway's own properties ({@value #PROPERTY_PREFIX}...) may come
 * from secrets, so a deployment cannot reach Micronaut's or the SDK's settings this way.
 */
public record SecretReference(String property, String secretId) {
  public static final String PROPERTY_PREFIX = "tollgate.";

  public SecretReference {
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(secretId, "secretId");
    if (!property.startsWith(PROPERTY_PREFIX) || property.length() == PROPERTY_PREFIX.length()) {
      throw new IllegalArgumentException(
          "property '" + property + "' is not under " + PROPERTY_PREFIX);
    }
    if (property.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("property '" + property + "' contains whitespace");
    }
    if (secretId.isBlank()) {
      throw new IllegalArgumentException("property '" + property + "' has no secret id");
    }
  }
}
