package dev.tollgate.core.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The reference vectors computed by ethers (channel-core/src/test/js/generate-vectors.mjs), which
 * the build writes before the tests run. Missing vectors fail the tests: a skipped comparison would
 * let an encoding drift unnoticed.
 */
public final class ReferenceVectors {
  private static JsonNode root;

  private ReferenceVectors() {}

  public static synchronized JsonNode root() {
    if (root == null) {
      String file = System.getProperty("tollgate.vectors");
      if (file == null || !Files.exists(Path.of(file))) {
        throw new IllegalStateException(
            "reference vectors not found at "
                + file
                + "; run the tests through Maven (./mvnw verify), which generates them with ethers");
      }
      try {
        root = new ObjectMapper().readTree(Path.of(file).toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  public static Stream<JsonNode> section(String name) {
    JsonNode array = root().get(name);
    if (array == null || !array.isArray()) {
      throw new IllegalStateException("reference vectors have no section " + name);
    }
    return StreamSupport.stream(array.spliterator(), false);
  }
}
