package dev.tollgate.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.functions.GatewayHandler;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.core.io.service.SoftServiceLoader;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsContextConfigurerTest {
  private static final Duration CHILD_DEADLINE = Duration.ofSeconds(120);

  private static MotoSecrets moto;

  @BeforeAll
  static void start() {
    moto = MotoSecrets.start();
  }

  @AfterAll
  static void stop() {
    moto.close();
  }

  @Test
  void micronautFindsTheConfigurerAsAService() {
    List<ApplicationContextConfigurer> found = new ArrayList<>();
    SoftServiceLoader.load(ApplicationContextConfigurer.class).collectAll(found);
    assertThat(found).hasAtLeastOneElementOfType(SecretsContextConfigurer.class);
  }

  @Test
  void withoutTheVariableTheBuilderIsNotTouched() {
    List<String> calls = new ArrayList<>();
    ApplicationContextBuilder recording =
        (ApplicationContextBuilder)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ApplicationContextBuilder.class},
                (proxy, method, args) -> {
                  calls.add(method.getName());
                  return proxy;
                });

    new SecretsContextConfigurer()
        .configure(recording, Map.of("TOLLGATE_SECRETSMANAGER_ENDPOINT", "http://127.0.0.1:9"));

    assertThat(calls).isEmpty();
    assertThat(SecretsContextConfigurer.propertySource(Map.of())).isEmpty();
  }

  @Test
  void theSecretsBecomePropertiesOfTheContextAboveTheConfigurationFiles() {
    String paywall = MotoSecrets.randomHex();
    String token = "operator-" + MotoSecrets.randomHex();
    Map<String, String> environment =
        environment(
            "tollgate.paywall.secret="
                + moto.storeText(unique("paywall"), paywall)
                + ",tollgate.operator.token="
                + moto.storeText(unique("token"), token));

    ApplicationContextBuilder builder = GatewayHandler.contextBuilder();
    new SecretsContextConfigurer().configure(builder, environment);
    try (ApplicationContext context = builder.start()) {
      assertThat(context.getProperty("tollgate.paywall.secret", String.class)).contains(paywall);
      assertThat(context.getProperty("tollgate.operator.token", String.class)).contains(token);
      assertThat(context.getEnvironment().getPropertySources())
          .anySatisfy(
              source -> {
                assertThat(source.getName()).isEqualTo("tollgate-secrets");
                assertThat(source.getOrder()).isEqualTo(SecretsContextConfigurer.ORDER);
              });
    }
  }

  @Test
  void aBadVariableOrAMissingSecretStopsTheContextFromBeingBuilt() {
    ApplicationContextBuilder builder = GatewayHandler.contextBuilder();
    SecretsContextConfigurer configurer = new SecretsContextConfigurer();
    assertThatThrownBy(() -> configurer.configure(builder, environment("tollgate.a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "TOLLGATE_SECRET_ARNS: pair 1 ('tollgate.a'): no '=': expected property=secretId");
    String missing = unique("missing");
    assertThatThrownBy(
            () -> configurer.configure(builder, environment("tollgate.operator.token=" + missing)))
        .isInstanceOf(SecretUnavailableException.class)
        .hasMessageStartingWith("tollgate.operator.token: secret '" + missing + "' was not found");
  }

  /**
   * The real path: a JVM started with the variable in its environment builds the gateway with
   * GatewayHandler's no-argument constructor, as Lambda does, and resolves the properties from the
   * secrets, over a plain environment variable of the same name. Only digests cross the process
   * boundary.
   */
  @Test
  void aProcessStartedWithTheVariableResolvesTheSecrets(@TempDir Path dir)
      throws IOException, InterruptedException, NoSuchAlgorithmException {
    String paywall = MotoSecrets.randomHex();
    String token = "operator-" + MotoSecrets.randomHex();
    Map<String, String> environment =
        environment(
            "tollgate.paywall.secret="
                + moto.storeText(unique("paywall"), paywall)
                + ",tollgate.operator.token="
                + moto.storeText(unique("token"), token));
    environment.put("TOLLGATE_OPERATOR_TOKEN", "plain-environment-token-" + UUID.randomUUID());

    Child child =
        runChild(
            dir,
            environment,
            "tollgate.paywall.secret",
            "tollgate.operator.token",
            "tollgate.chain.id");

    assertThat(child.status()).as(child.output()).isZero();
    assertThat(child.digests())
        .containsExactly(
            "digest tollgate.paywall.secret " + PrintPropertyDigests.sha256(paywall),
            "digest tollgate.operator.token " + PrintPropertyDigests.sha256(token),
            "digest tollgate.chain.id absent");
    assertThat(child.output()).doesNotContain(paywall).doesNotContain(token);
  }

  /** Without the variable the same process finds no such properties: nothing else supplies them. */
  @Test
  void aProcessStartedWithoutTheVariableHasNoSecretProperties(@TempDir Path dir)
      throws IOException, InterruptedException {
    Child child = runChild(dir, new HashMap<>(), "tollgate.paywall.secret");

    assertThat(child.status()).as(child.output()).isZero();
    assertThat(child.digests()).containsExactly("digest tollgate.paywall.secret absent");
  }

  @Test
  void aProcessWhoseSecretIsMissingFailsToStartNamingItAndShowingNoValue(@TempDir Path dir)
      throws IOException, InterruptedException {
    String paywall = MotoSecrets.randomHex();
    String missing = unique("missing");
    Map<String, String> environment =
        environment(
            "tollgate.paywall.secret="
                + moto.storeText(unique("paywall"), paywall)
                + ",tollgate.operator.token="
                + missing);

    Child child = runChild(dir, environment, "tollgate.paywall.secret");

    assertThat(child.status()).isNotZero();
    assertThat(child.digests()).isEmpty();
    assertThat(child.output())
        .contains("tollgate.operator.token: secret '" + missing + "' was not found")
        .doesNotContain(paywall);
  }

  private record Child(int status, String output) {
    List<String> digests() {
      return output.lines().filter(line -> line.startsWith(PrintPropertyDigests.PREFIX)).toList();
    }
  }

  /** The test JVM's java and classpath, the given environment in place of the inherited one. */
  private static Child runChild(Path dir, Map<String, String> environment, String... properties)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PrintPropertyDigests.class.getName());
    command.addAll(List.of(properties));
    Path output = dir.resolve("child.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("TOLLGATE_"));
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    try {
      if (!process.waitFor(CHILD_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            "the child JVM did not finish within "
                + CHILD_DEADLINE
                + ":\n"
                + Files.readString(output, StandardCharsets.UTF_8));
      }
    } finally {
      process.destroyForcibly();
    }
    return new Child(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  /** The variable, and the endpoint of moto's Secrets Manager. */
  private static Map<String, String> environment(String secretArns) {
    Map<String, String> environment = new HashMap<>();
    environment.put("TOLLGATE_SECRET_ARNS", secretArns);
    environment.put("TOLLGATE_SECRETSMANAGER_ENDPOINT", moto.endpoint().toString());
    environment.put("AWS_REGION", "us-east-1");
    return environment;
  }

  private static String unique(String name) {
    return "tollgate-test-" + name + "-" + UUID.randomUUID();
  }
}
