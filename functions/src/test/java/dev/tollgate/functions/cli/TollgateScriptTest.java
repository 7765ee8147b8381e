package dev.tollgate.functions.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.functions.adapter.kms.KmsSigner;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./tollgate gateway-address}, run as an operator runs it, in a process of
 * its own against moto. It is given this test's classpath (TOLLGATE_FUNCTIONS_CLASSPATH) so that it
 * does not start a Maven build inside the one running this test.
 */
class TollgateScriptTest {
  private static final long DEADLINE_SECONDS = 60;

  @TempDir Path output;

  @Test
  void gatewayAddressPrintsTheAddressTheKmsKeySignsAsAndPassesOnTheExitStatus() throws Exception {
    try (MotoKms moto = MotoKms.start()) {
      String keyId = moto.signingKey().keyId();

      Run run =
          tollgate(
              "gateway-address", "--endpoint", moto.endpoint(), "--kms-key-id", keyId, "--json");

      assertThat(run.status()).as("%s", run).isZero();
      JsonNode json = new ObjectMapper().readTree(run.out());
      Bytes32 digest =
          Bytes32.of(
              new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
                24, 25, 26, 27, 28, 29, 30, 31, 32
              });
      Signature signature = new KmsSigner(moto.kms, keyId).sign(digest);
      assertThat(json.get("address").asText())
          .isEqualTo(Secp256k1Signatures.recover(digest, signature).orElseThrow().toChecksumHex());
      assertThat(json.get("kmsKeyId").asText()).isEqualTo(keyId);
      assertThat(run.err()).as("nothing but the result: no log lines, no build").isEmpty();

      Run misspelt =
          tollgate("gateway-address", "--endpoint", moto.endpoint(), "--kms-keyid", keyId);

      assertThat(misspelt.status()).as("%s", misspelt).isEqualTo(2);
      assertThat(misspelt.err()).startsWith("tollgate gateway-address: unknown option --kms-keyid");
    }
  }

  private Run tollgate(String... args) throws IOException, InterruptedException {
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    Path script = root.resolve("tollgate");
    assertThat(Files.isExecutable(script)).as("%s is an executable script", script).isTrue();
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(output, "tollgate-", ".out");
    Path err = Files.createTempFile(output, "tollgate-", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    Map<String, String> environment = builder.environment();
    environment.put("TOLLGATE_FUNCTIONS_CLASSPATH", testClasspath());
    // the java that runs this test, ahead of any other on the PATH
    environment.put(
        "PATH",
        Path.of(System.getProperty("java.home"), "bin")
            + File.pathSeparator
            + environment.getOrDefault("PATH", ""));
    Process process = builder.start();
    try {
      if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError(
            "./tollgate "
                + String.join(" ", args)
                + " still running after "
                + DEADLINE_SECONDS
                + " s; stderr:\n"
                + Files.readString(err, StandardCharsets.UTF_8));
      }
    } finally {
      process.destroyForcibly();
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Surefire runs tests from a manifest-only jar, and names the real classpath separately. */
  private static String testClasspath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  private record Run(int status, String out, String err) {
    @Override
    public String toString() {
      return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
