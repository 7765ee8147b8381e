package dev.tollgate.functions.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads {@value #ENVIRONMENT_VARIABLE}: comma-separated {@code property=secretId} pairs, e.g.
 * {@code tollgate.paywall.secret=arn:aws:secretsmanager:...,tollgate.operator.token=gateway-token}.
 * A pair splits at its first {@code =} (a secret name may itself hold one); spaces around pairs and
 * their parts are ignored. Every error names the variable and the pair at fault.
 */
public final class SecretReferences {
  public static final String ENVIRONMENT_VARIABLE = "TOLLGATE_SECRET_ARNS";

  private SecretReferences() {}

  public static List<SecretReference> parse(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException(
          ENVIRONMENT_VARIABLE + " is set but empty: unset it to read no secrets");
    }
    String[] pairs = value.split(",", -1);
    List<SecretReference> references = new ArrayList<>(pairs.length);
    Map<String, Integer> seenAt = new HashMap<>();
    for (int i = 0; i < pairs.length; i++) {
      int number = i + 1;
      String pair = pairs[i].strip();
      if (pair.isEmpty()) {
        throw bad(number, pair, "empty (a doubled comma, or one at an end?)");
      }
      int equals = pair.indexOf('=');
      if (equals < 0) {
        throw bad(number, pair, "no '=': expected property=secretId");
      }
      String property = pair.substring(0, equals).strip();
      String secretId = pair.substring(equals + 1).strip();
      if (property.isEmpty()) {
        throw bad(number, pair, "no property before '='");
      }
      SecretReference reference;
      try {
        reference = new SecretReference(property, secretId);
      } catch (IllegalArgumentException e) {
        throw bad(number, pair, e.getMessage());
      }
      Integer earlier = seenAt.putIfAbsent(property, number);
      if (earlier != null) {
        throw bad(number, pair, "property '" + property + "' was already given by pair " + earlier);
      }
      references.add(reference);
    }
    return List.copyOf(references);
  }

  private static IllegalArgumentException bad(int number, String pair, String problem) {
    return new IllegalArgumentException(
        ENVIRONMENT_VARIABLE + ": pair " + number + " ('" + pair + "'): " + problem);
  }
}
