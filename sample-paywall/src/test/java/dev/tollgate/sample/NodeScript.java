package dev.tollgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the repository's node scripts from its root (where node_modules is) and reads the
 * JSON object it prints last; the test fails, with the script's output, if it does not finish in
 * time or exits non-zero.
 */
public final class NodeScript {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NodeScript() {}

  /**
   * {@code script} relative to the repository's root, e.g. {@code sample-paywall/src/e2e/x.mjs}.
   */
  public static JsonNode run(String script, List<String> args, long timeoutMinutes)
      throws IOException, InterruptedException {
    Path root = Path.of(System.getProperty("tollgate.root"));
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(root.resolve(script).toString());
    command.addAll(args);
    Path log = Files.createTempFile(Path.of(script).getFileName().toString(), ".log");
    Process node =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = node.waitFor(timeoutMinutes, TimeUnit.MINUTES);
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (!finished) {
      node.destroyForcibly();
    }
    assertThat(finished)
        .as("%s finished in %d minutes:\n%s", script, timeoutMinutes, output)
        .isTrue();
    assertThat(node.exitValue()).as("%s passed:\n%s", script, output).isZero();
    String[] lines = output.strip().split("\n");
    return JSON.readTree(lines[lines.length - 1]);
  }
}
