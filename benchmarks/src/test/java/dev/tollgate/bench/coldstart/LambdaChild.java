package dev.tollgate.bench.coldstart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One execution environment of the gateway function: a JVM started as Lambda's Java runtime starts
 * it. The runtime interface client's jars are the classpath, its {@code AWSLambda} main takes the
 * handler as its argument, and the working directory is the unpacked package (the client loads
 * {@code lib/*.jar} of {@code user.dir}, as from {@code /var/task}). The environment holds only
 * what Lambda sets plus the function's own variables.
 */
final class LambdaChild implements AutoCloseable {
  static final String HANDLER = "dev.tollgate.functions.GatewayHandler::handleRequest";

  /**
   * What Lambda's Java runtime puts in {@code JAVA_TOOL_OPTIONS} by default: tiered compilation
   * stopping at C1, which starts faster and never spends CPU on C2.
   */
  static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

  /** org.crac's bridge to the runtime client's own hook registry (see {@link Variant}). */
  static final String CRAC_COMPAT = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";

  private final Process process;
  private final long startedNanos;
  private final Path log;

  private LambdaChild(Process process, long startedNanos, Path log) {
    this.process = process;
    this.startedNanos = startedNanos;
    this.log = log;
  }

  /**
   * What to start: the variant, how it uses its class-data archive, where its output goes, and
   * extra JVM options (diagnostics such as {@code -Xlog:class+load}; none for the measured runs
   * unless asked for).
   */
  record Launch(Variant variant, Archive archive, Path log, List<String> jvmOptions) {
    Launch {
      jvmOptions = List.copyOf(jvmOptions);
    }
  }

  /** The class-data archive a JVM is given: none, one to write at exit, or one to map. */
  sealed interface Archive {
    record None() implements Archive {}

    record Train(Path file) implements Archive {}

    record Use(Path file) implements Archive {}
  }

  static LambdaChild start(
      LambdaPackage pkg, LocalRuntimeApi api, Map<String, String> function, Launch launch)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (launch.archive() instanceof Archive.Train t) {
      command.add("-XX:ArchiveClassesAtExit=" + t.file());
    } else if (launch.archive() instanceof Archive.Use u) {
      command.add("-XX:SharedArchiveFile=" + u.file());
    }
    if (launch.variant().snapStartHooks) {
      command.add(CRAC_COMPAT);
    }
    command.addAll(launch.jvmOptions());
    command.add("-cp");
    command.add(pkg.runtimeClasspath());
    command.add(LambdaPackage.RUNTIME_CLIENT_MAIN);
    command.add(HANDLER);

    ProcessBuilder builder = new ProcessBuilder(command).directory(pkg.taskRoot().toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(lambdaEnvironment(pkg, api, launch.variant()));
    env.putAll(function);
    if (launch.variant().primingAtInit) {
      env.put(GatewayEnvironment.variable("tollgate.priming.at-init"), "true");
    }
    Files.createDirectories(launch.log().toAbsolutePath().getParent());
    builder.redirectErrorStream(true).redirectOutput(launch.log().toFile());
    long started = System.nanoTime();
    Process process = builder.start();
    api.watch(process.toHandle());
    return new LambdaChild(process, started, launch.log());
  }

  /** The variables Lambda sets for a Java function (those the runtime client reads, and more). */
  private static Map<String, String> lambdaEnvironment(
      LambdaPackage pkg, LocalRuntimeApi api, Variant variant) {
    return Map.ofEntries(
        Map.entry("PATH", "/usr/local/bin:/usr/bin:/bin"),
        Map.entry("LANG", "en_US.UTF-8"),
        Map.entry("TZ", ":UTC"),
        Map.entry("LAMBDA_TASK_ROOT", pkg.taskRoot().toString()),
        Map.entry("LAMBDA_RUNTIME_DIR", pkg.runtimeJars().get(0).getParent().toString()),
        Map.entry("AWS_LAMBDA_RUNTIME_API", api.address()),
        Map.entry("_HANDLER", HANDLER),
        Map.entry("AWS_EXECUTION_ENV", "AWS_Lambda_java17"),
        Map.entry("AWS_LAMBDA_FUNCTION_NAME", "tollgate-gateway"),
        Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
        Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"),
        Map.entry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/tollgate-gateway"),
        Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", "cold-start"),
        Map.entry(
            "AWS_LAMBDA_INITIALIZATION_TYPE", variant.snapStartHooks ? "snap-start" : "on-demand"),
        Map.entry("AWS_REGION", "us-east-1"),
        Map.entry("AWS_DEFAULT_REGION", "us-east-1"),
        Map.entry("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS));
  }

  long startedNanos() {
    return startedNanos;
  }

  Path log() {
    return log;
  }

  /** CPU time the process has used so far (all its threads), if the platform tells. */
  Optional<Duration> cpu() {
    return process.toHandle().info().totalCpuDuration();
  }

  /** Throws, with the end of its log, when the process has exited. */
  void checkAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "the Lambda runtime exited with status "
              + process.exitValue()
              + "; its log ends:\n"
              + tail());
    }
  }

  /** The last lines of the process's output. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * Stops the process as Lambda does at the end of an environment: SIGTERM, so the JVM exits
   * normally (and writes a class-data archive it was asked for), then SIGKILL after {@code grace}.
   */
  void stop(Duration grace) throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop(Duration.ofSeconds(30));
  }
}
