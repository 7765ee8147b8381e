package dev.tollgate.functions.config;

import dev.tollgate.functions.GatewayHandler;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Run in a child JVM by {@link SecretsContextConfigurerTest}: builds the gateway as the Lambda
 * runtime does (GatewayHandler's no-argument constructor, in the environment the test set) and
 * prints, for each property named in the arguments, {@code digest <property> <SHA-256 of its value,
 * hex>} or {@code digest <property> absent}. Never the value itself.
 */
public final class PrintPropertyDigests {
  static final String PREFIX = "digest ";

  private PrintPropertyDigests() {}

  public static void main(String[] properties) throws NoSuchAlgorithmException {
    GatewayHandler handler = new GatewayHandler();
    try {
      ApplicationContext context = handler.getApplicationContext();
      for (String property : properties) {
        Optional<String> value = context.getProperty(property, String.class);
        System.out.println(
            PREFIX + property + " " + (value.isPresent() ? sha256(value.get()) : "absent"));
      }
    } finally {
      handler.close();
    }
  }

  static String sha256(String value) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
  }
}
