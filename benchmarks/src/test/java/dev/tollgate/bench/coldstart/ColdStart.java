package dev.tollgate.bench.coldstart;

import dev.tollgate.functions.harness.GatewayStack;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The gateway function's cold start, JVM start to its first paid request answered, through the real
 * Lambda runtime interface client against a local Runtime API ({@link LocalRuntimeApi}), with the
 * functions module's Lambda package, on a real stack (anvil with the contracts, DynamoDB Local over
 * HTTP). Variants: plain; AppCDS (an archive written by one training run of the same variant);
 * priming in the init phase ({@code tollgate.priming.at-init}); both. Environments of the variants
 * take turns, so a change in the machine's load spreads over all of them.
 *
 * <p>Run by hand from the repository root (anvil installed by {@code
 * build-support/npm-ci-if-needed.sh}; about 3 minutes with the defaults):
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -cp "benchmarks/target/test-classes:$(cat benchmarks/target/paid-requests.classpath)" \
 *   dev.tollgate.bench.coldstart.ColdStart
 * </pre>
 *
 * <p>Settings are system properties: {@code cold.runs} (5 environments per variant), {@code
 * cold.warm} (5 paid requests after the first), {@code cold.variants}
 * (plain,appcds,priming,appcds+priming; snapstart-hooks also exists), {@code cold.work}
 * (benchmarks/target/cold-start, the unpacked package, archives and each environment's log), {@code
 * cold.out} (benchmarks/target/cold-start.md), {@code cold.jvm-options} (extra options for the
 * measured JVMs, space-separated, none by default: for diagnostics such as {@code
 * -Xlog:class+load}).
 */
public final class ColdStart {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(10_000_000);

  private final Settings settings;
  private final Map<Variant, List<EnvironmentRun.Timings>> results = new EnumMap<>(Variant.class);

  private ColdStart(Settings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) {
    // DynamoDB Local and the in-process handler leave non-daemon threads behind.
    int status = 0;
    try {
      Settings settings = Settings.fromSystemProperties();
      System.out.println("settings: " + settings);
      new ColdStart(settings).runAll();
    } catch (Throwable e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  private void runAll() throws Exception {
    String loadBefore = loadAverage();
    System.out.println("load average before: " + loadBefore);
    long started = System.nanoTime();
    recreate(settings.work());
    LambdaPackage pkg = LambdaPackage.unpack(settings.work());
    try (GatewayStack stack = GatewayStack.start();
        LocalRuntimeApi api = LocalRuntimeApi.start()) {
      PaidLane lane = PaidLane.open(stack, DEPOSIT);
      Map<String, String> function = GatewayEnvironment.of(stack.properties());
      Map<Variant, Path> archives = train(pkg, api, function, lane);
      for (int run = 1; run <= settings.runs(); run++) {
        for (Variant variant : settings.variants()) {
          LambdaChild.Archive archive =
              variant.appCds
                  ? new LambdaChild.Archive.Use(archives.get(variant))
                  : new LambdaChild.Archive.None();
          String id = variant.archiveName().replace(".jsa", "") + "-" + run;
          EnvironmentRun.Timings t =
              EnvironmentRun.run(
                  pkg,
                  api,
                  function,
                  lane,
                  new LambdaChild.Launch(
                      variant,
                      archive,
                      settings.work().resolve(id + ".log"),
                      settings.jvmOptions()),
                  settings.warm(),
                  id);
          results.computeIfAbsent(variant, v -> new ArrayList<>()).add(t);
          System.out.printf(
              Locale.ROOT,
              "  %-16s run %d: init %s ms, first paid answered at %s ms (request %s ms), warm"
                  + " %s ms%n",
              variant.label,
              run,
              Figures.ms(t.initNanos()),
              Figures.ms(t.firstAnswerNanos()),
              Figures.ms(t.firstRequestNanos()),
              Figures.spread(t.warmNanos()));
        }
      }
      lane.checkConservation();
      System.out.printf(
          Locale.ROOT,
          "checked channel: %d paid requests answered 200, payer + gateway = deposit, stored state"
              + " = payer's view%n",
          lane.paid());
    }
    String table = table();
    String loadAfter = loadAverage();
    System.out.println();
    System.out.println(table);
    System.out.println("load average after: " + loadAfter);
    write(table, (System.nanoTime() - started) / 1e9, loadBefore, loadAfter);
  }

  /** One run per AppCDS variant that writes its archive at exit; not measured. */
  private Map<Variant, Path> train(
      LambdaPackage pkg, LocalRuntimeApi api, Map<String, String> function, PaidLane lane)
      throws Exception {
    Map<Variant, Path> archives = new EnumMap<>(Variant.class);
    for (Variant variant : settings.variants()) {
      if (!variant.appCds) {
        continue;
      }
      Path archive = settings.work().resolve(variant.archiveName()).toAbsolutePath();
      String id = "train-" + variant.archiveName().replace(".jsa", "");
      EnvironmentRun.run(
          pkg,
          api,
          function,
          lane,
          new LambdaChild.Launch(
              variant,
              new LambdaChild.Archive.Train(archive),
              settings.work().resolve(id + ".log"),
              List.of()),
          settings.warm(),
          id);
      if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
        throw new IllegalStateException(
            "the training run wrote no class-data archive " + archive + "; see its log");
      }
      System.out.printf(
          Locale.ROOT,
          "  trained %s: %s (%.1f MB)%n",
          variant.label,
          archive.getFileName(),
          Files.size(archive) / 1e6);
      archives.put(variant, archive);
    }
    return archives;
  }

  private String table() {
    StringBuilder out = new StringBuilder();
    out.append(
            "| variant | init: start → first poll | first paid answered: start → answer |"
                + " first paid request alone | later paid requests | CPU: init | CPU: first paid"
                + " request |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (Variant variant : settings.variants()) {
      List<EnvironmentRun.Timings> runs = results.getOrDefault(variant, List.of());
      out.append("| ")
          .append(variant.label)
          .append(" | ")
          .append(spread(runs, t -> Optional.of(t.initNanos())))
          .append(" | ")
          .append(spread(runs, t -> Optional.of(t.firstAnswerNanos())))
          .append(" | ")
          .append(spread(runs, t -> Optional.of(t.firstRequestNanos())))
          .append(" | ")
          .append(Figures.spread(runs.stream().flatMap(t -> t.warmNanos().stream()).toList()))
          .append(" | ")
          .append(spread(runs, t -> t.cpuAtFirstPoll().map(Duration::toNanos)))
          .append(" | ")
          .append(spread(runs, t -> t.cpuOfFirstRequest().map(Duration::toNanos)))
          .append(" |\n");
    }
    out.append(
        "\nAll figures in ms, median (min–max) over "
            + settings.runs()
            + " environments per variant; later paid requests: all "
            + settings.warm()
            + " of each environment together. CPU: the child's CPU time, all threads, from process"
            + " start to its first poll (init) and from then to its first answer.\n");
    return out.toString();
  }

  private static String spread(
      List<EnvironmentRun.Timings> runs, Function<EnvironmentRun.Timings, Optional<Long>> figure) {
    return Figures.spread(runs.stream().map(figure).flatMap(Optional::stream).toList());
  }

  private void write(String table, double seconds, String loadBefore, String loadAfter)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Gateway cold start through the Lambda runtime interface client\n\n")
        .append("Measured ")
        .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append(" in ")
        .append(String.format(Locale.ROOT, "%.0f", seconds))
        .append(" s; load average before ")
        .append(loadBefore)
        .append(", after ")
        .append(loadAfter)
        .append(" (")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" CPUs).\n\n")
        .append(table)
        .append('\n')
        .append(NOTES.replace("%JAVA%", javaDescription()))
        .append('\n');
    Files.createDirectories(settings.out().toAbsolutePath().getParent());
    Files.writeString(settings.out(), md.toString(), StandardCharsets.UTF_8);
    System.out.println("written to " + settings.out());
  }

  private static final String NOTES =
      """
      What runs: the functions module's Lambda zip unpacked as Lambda's /var/task; a child JVM \
      (%JAVA%) started as Lambda's Java runtime starts one: the runtime interface client \
      (aws-lambda-java-runtime-interface-client 2.9.0 and the jars its manifest names) on the \
      classpath, main `com.amazonaws.services.lambda.runtime.api.client.AWSLambda`, argument \
      `dev.tollgate.functions.GatewayHandler::handleRequest`, working directory the task root, \
      `JAVA_TOOL_OPTIONS=-XX:+TieredCompilation -XX:TieredStopAtLevel=1`, the gateway's \
      configuration as `TOLLGATE_*` environment variables, `AWS_LAMBDA_RUNTIME_API` naming a local \
      Runtime API on 127.0.0.1. The gateway signs with a local key and reads and writes DynamoDB \
      Local over HTTP; the chain is anvil.

      What is timed, from the Runtime API's side: init = process start to the first \
      `/runtime/invocation/next` poll (JVM start, the runtime client, the handler's constructor: \
      Micronaut's context with every gateway bean, and the priming when it runs at init); first \
      paid answered = process start to the first paid request's response posted; first paid \
      request alone = that invocation from handed out to answered; later paid requests = the \
      next ones on the same channel, the same way. Every paid request is a real payment (402 quote \
      from the same configuration, a create signed by the payer, countersigned and resolved by the \
      function): each answer is checked (200, a settled PAYMENT-RESPONSE the payer's channel-core \
      accepts), and at the end the stored channel equals the payer's view and payer + gateway = \
      deposit. CPU is the child's CPU time (all threads, the JIT compiler's included), read from \
      /proc when its first poll arrives and when its first answer does: on a shared machine it \
      varies much less than wall time, which includes waiting for a core.

      Variants: plain; appcds = `-XX:SharedArchiveFile` of a dynamic archive that one training \
      run of the same variant wrote with `-XX:ArchiveClassesAtExit` (on top of the JDK's own \
      default CDS archive, which every variant uses); priming = `TOLLGATE_PRIMING_AT_INIT=true`: \
      the handler's constructor runs the SnapStart priming (GET /health, a 402 quote, a payment \
      from a channel that cannot exist refused after its DynamoDB read, one sign + recover) before \
      the first poll.

      SnapStart itself is not measured: its restore needs a CRaC-capable JVM (Lambda's), and this \
      machine has none. On SnapStart, init (priming included) runs once when a version is \
      published, and a cold start pays the restore instead of init. So the priming rows' \
      "first paid request alone" is what a first paid request costs after the priming's work is \
      done, an estimate of the first request after a restore (a restore adds its own cost of \
      paging the snapshot in, not measured here); their init shows what priming costs, paid at \
      publish time under SnapStart. Without SnapStart, a cold start costs init + first request, \
      and priming at init only moves work from the first request into init.

      One more variant, not run by default (`-Dcold.variants=snapstart-hooks`), has the runtime \
      client take SnapStart's own init path (`AWS_LAMBDA_INITIALIZATION_TYPE=snap-start`, \
      org.crac bridged to the client's hook registry with \
      `-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac`): the client calls the \
      gateway's beforeCheckpoint (the priming), asks the Runtime API for `/restore/next`, and \
      calls afterRestore (the reseed), all in one process with no snapshot taken; it times like \
      priming at init.
      """;

  private static String javaDescription() {
    return "Java "
        + Runtime.version()
        + " from "
        + System.getProperty("java.home")
        + "; the deployed functions run Lambda's java21 runtime on arm64";
  }

  private static void recreate(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  /** The sizes, from system properties. */
  private record Settings(
      int runs, int warm, List<Variant> variants, Path work, Path out, List<String> jvmOptions) {
    static Settings fromSystemProperties() {
      int runs = Integer.getInteger("cold.runs", 5);
      int warm = Integer.getInteger("cold.warm", 5);
      if (runs < 1 || warm < 0) {
        throw new IllegalArgumentException(
            "cold.runs must be at least 1 and cold.warm at least 0, got " + runs + ", " + warm);
      }
      String named = System.getProperty("cold.variants");
      List<Variant> variants =
          named == null
              ? Variant.DEFAULTS
              : Arrays.stream(named.split(",")).map(Variant::named).distinct().toList();
      return new Settings(
          runs,
          warm,
          variants,
          Path.of(System.getProperty("cold.work", "benchmarks/target/cold-start")),
          Path.of(System.getProperty("cold.out", "benchmarks/target/cold-start.md")),
          Arrays.stream(System.getProperty("cold.jvm-options", "").split(" "))
              .filter(o -> !o.isBlank())
              .toList());
    }

    @Override
    public String toString() {
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("cold.runs", runs);
      shown.put("cold.warm", warm);
      shown.put("cold.variants", variants.stream().map(v -> v.label).toList());
      shown.put("cold.work", work);
      shown.put("cold.out", out);
      shown.put("cold.jvm-options", jvmOptions);
      return shown.toString();
    }
  }
}
