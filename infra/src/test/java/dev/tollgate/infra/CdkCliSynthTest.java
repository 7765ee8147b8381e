package dev.tollgate.infra;

import static dev.tollgate.infra.TemplateJson.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code cdk synth} through the CDK CLI from npm (pinned in package.json), offline, from {@code
 * infra/} with its {@code cdk.json}, exactly as an operator runs it before a deploy: it exits 0 and
 * writes the template, whose resources are the ones the in-process tests check.
 */
class CdkCliSynthTest {
  private static final Path ROOT =
      Path.of(System.getProperty("tollgate.root", "..")).toAbsolutePath();

  @Test
  @SuppressWarnings("unchecked")
  void theCliSynthesisesTheSameTemplateOffline() throws Exception {
    Path out = Path.of("target", "cdk-cli-test.out").toAbsolutePath();
    List<String> arguments =
        new ArrayList<>(List.of("--no-version-reporting", "--output", out.toString()));
    for (Map.Entry<String, Object> e : Deployments.literalContext().entrySet()) {
      arguments.add("-c");
      arguments.add(e.getKey() + "=" + cliValue(e.getValue()));
    }
    CdkRun run = synth(arguments, "cdk-cli-test.log");
    assertThat(run.exitCode()).as(run.output()).isZero();

    Map<String, Object> cli =
        new ObjectMapper().readValue(out.resolve("Tollgate.template.json").toFile(), Map.class);
    // The CLI adds path metadata and, with no account configured, pins its default region, which
    // changes the version resources' hashes; what each resource is does not change.
    assertThat(typesById(map(cli.get("Resources"))))
        .isEqualTo(typesById(map(Deployments.kms().template().toJSON().get("Resources"))))
        .hasSize(map(Deployments.kms().template().toJSON().get("Resources")).size());
    assertThat(out.resolve("Tollgate.assets.json")).isRegularFile();
  }

  @Test
  void aMissingSettingStopsTheSynthAndNamesIt() throws Exception {
    String out = Path.of("target", "cdk-cli-missing.out").toAbsolutePath().toString();
    CdkRun run = synth(List.of("--output", out, "-c", "tollgate:chainId=1"), "cdk-cli-missing.log");
    assertThat(run.exitCode()).as(run.output()).isNotZero();
    assertThat(run.output())
        .contains("missing deployment settings", "tollgate:rpcUrl", "tollgate:asset");
  }

  private record CdkRun(int exitCode, String output) {}

  /** {@code cdk synth} from infra/ with its cdk.json, offline, its output kept in {@code log}. */
  private static CdkRun synth(List<String> arguments, String log) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(ROOT.resolve("node_modules/aws-cdk/bin/cdk").toString());
    command.addAll(List.of("synth", "--quiet", "--no-notices"));
    command.addAll(arguments);
    Path logFile = Path.of("target", log);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(new File("."))
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile());
    builder.environment().put("CDK_DISABLE_CLI_TELEMETRY", "true");
    builder.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "1");
    Process cdk = builder.start();
    assertThat(cdk.waitFor(5, TimeUnit.MINUTES)).as("cdk synth finished").isTrue();
    return new CdkRun(cdk.exitValue(), Files.readString(logFile, StandardCharsets.UTF_8));
  }

  private static Map<String, Object> typesById(Map<String, Object> resources) {
    Map<String, Object> types = new java.util.TreeMap<>();
    resources.forEach(
        (id, r) ->
            types.put(
                id.replaceAll("CurrentVersion(\\w{8})\\w{32}$", "CurrentVersion$1"),
                map(r).get("Type")));
    return types;
  }

  private static String cliValue(Object value) throws Exception {
    return value instanceof String s ? s : new ObjectMapper().writeValueAsString(value);
  }
}
