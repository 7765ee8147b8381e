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
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(ROOT.resolve("node_modules/aws-cdk/bin/cdk").toString());
    command.add("synth");
    command.add("--quiet");
    command.add("--no-notices");
    command.add("--no-version-reporting");
    command.add("--output");
    command.add(out.toString());
    for (Map.Entry<String, Object> e : Deployments.literalContext().entrySet()) {
      command.add("-c");
      command.add(e.getKey() + "=" + cliValue(e.getValue()));
    }
    Path log = Path.of("target", "cdk-cli-test.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(new File("."))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("CDK_DISABLE_CLI_TELEMETRY", "true");
    builder.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "1");
    Process cdk = builder.start();
    assertThat(cdk.waitFor(5, TimeUnit.MINUTES)).as("cdk synth finished").isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(cdk.exitValue()).as(output).isZero();

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
    List<String> command =
        List.of(
            "node",
            ROOT.resolve("node_modules/aws-cdk/bin/cdk").toString(),
            "synth",
            "--quiet",
            "--no-notices",
            "--output",
            Path.of("target", "cdk-cli-missing.out").toAbsolutePath().toString(),
            "-c",
            "tollgate:chainId=1");
    Path log = Path.of("target", "cdk-cli-missing.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("CDK_DISABLE_CLI_TELEMETRY", "true");
    Process cdk = builder.start();
    assertThat(cdk.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(cdk.exitValue()).as(output).isNotZero();
    assertThat(output).contains("missing deployment settings", "tollgate:rpcUrl", "tollgate:asset");
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
