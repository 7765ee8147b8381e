package dev.tollgate.sample.load;

import dev.tollgate.x402.PaymentRequired;
import dev.tollgate.x402.X402Headers;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./tollgate load}: the gateway measured end to end over HTTP. Java payer clients (the
 * {@code payer-client} library, one channel each) pay for the gateway's demo route: many channels
 * at once, then one hot channel paying sequentially; the same route's free twin, unpaid, is the
 * baseline. Every channel is audited after the run. Exit status 1 when a call failed or a channel
 * does not check out, 2 for a bad command line.
 */
public final class LoadGenerator {
  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.println(LoadOptions.USAGE);
      return;
    }
    LoadOptions options;
    try {
      options = LoadOptions.parse(Arrays.asList(args), Path.of("target", "tollgate-load"));
    } catch (IllegalArgumentException e) {
      System.err.println("tollgate load: " + e.getMessage() + "\n" + LoadOptions.USAGE);
      System.exit(2);
      return;
    }
    System.exit(run(options) ? 0 : 1);
  }

  static boolean run(LoadOptions options) throws Exception {
    Path work = Files.createDirectories(options.out());
    DevStackProcess stack = null;
    try {
      URI gateway;
      URI site;
      if (options.gateway().isPresent()) {
        gateway = options.gateway().get();
        site = options.site();
      } else {
        say("starting the local stack in its own JVM ...");
        stack = DevStackProcess.start(Files.createTempDirectory("tollgate-load-stack"));
        gateway = stack.gateway();
        site = stack.site();
        say("stack up (pid " + stack.pid() + ", output in " + stack.output() + ")");
      }
      Optional<Long> pid = stack == null ? Optional.empty() : Optional.of(stack.pid());
      return new LoadGenerator.Run(options, gateway, site, pid, work).go();
    } finally {
      if (stack != null) {
        stack.close();
      }
    }
  }

  private static void say(String text) {
    System.out.println("tollgate load: " + text);
    System.out.flush();
  }

  /** One run against one stack. */
  private static final class Run {
    private final LoadOptions options;
    private final URI gateway;
    private final URI site;
    private final Optional<Long> pid;
    private final Path work;
    private final TimedHttpClient http;
    private final Scenario scenario;

    Run(LoadOptions options, URI gateway, URI site, Optional<Long> pid, Path work) {
      this.options = options;
      this.gateway = gateway;
      this.site = site;
      this.pid = pid;
      this.work = work;
      HttpClient plain =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      this.http = new TimedHttpClient(plain, new Latencies(), new Latencies());
      this.scenario = new Scenario(gateway, http, pid);
    }

    boolean go() throws Exception {
      Instant started = Instant.now();
      String loadBefore = ProcessStats.loadAverage();
      BigInteger price = price();
      say(
          "opening and funding "
              + (options.channels() + 1)
              + " channels (the deposits are credited after the watcher's confirmations) ...");
      // fresh keys every run: a state file left by an earlier run names another channel
      Path states = Files.createTempDirectory("tollgate-load-payers");
      List<Payer> payers =
          Payers.open(options.channels() + 1, gateway, site, http, states, options.threads());
      Payer hot = payers.get(0);
      List<Payer> many = payers.subList(1, payers.size());
      List<List<Payer>> slices = slices(many, options.threads());
      Duration time = Duration.ofSeconds(options.seconds());

      if (options.warmupSeconds() > 0) {
        say("warming up for " + options.warmupSeconds() + " s ...");
        Duration third = Duration.ofMillis(options.warmupSeconds() * 1000L / 3);
        scenario.unpaid("warm-up unpaid", options.threads(), third);
        scenario.paid("warm-up hot", List.of(List.of(hot)), third);
        scenario.paid("warm-up many", slices, third);
      }
      Optional<Double> heapStart = pid.flatMap(p -> ProcessStats.heapUsedMib(p, true));
      Optional<Double> rssStart = pid.flatMap(ProcessStats::residentMib);

      LoadReport report = new LoadReport();
      List<ScenarioResult> results = new ArrayList<>();
      List<String> soakRows = new ArrayList<>();
      if (options.soak()) {
        soak(slices, soakRows);
      } else {
        say("unpaid baseline, " + options.threads() + " threads, " + time.toSeconds() + " s ...");
        results.add(
            scenario.unpaid(
                "(c) unpaid, free route, " + options.threads() + " threads",
                options.threads(),
                time));
        say("one hot channel, sequential, " + time.toSeconds() + " s ...");
        results.add(scenario.paid("(b) paid, 1 channel, sequential", List.of(List.of(hot)), time));
        say(
            "paid across "
                + many.size()
                + " channels, "
                + options.threads()
                + " threads, "
                + time.toSeconds()
                + " s ...");
        results.add(
            scenario.paid(
                "(a) paid, " + many.size() + " channels, " + options.threads() + " threads",
                slices,
                time));
      }
      Optional<Double> heapEnd = pid.flatMap(p -> ProcessStats.heapUsedMib(p, true));
      Optional<Double> rssEnd = pid.flatMap(ProcessStats::residentMib);

      say("auditing " + payers.size() + " channels ...");
      List<String> problems = ChannelAudit.problems(payers, price);
      long served = payers.stream().mapToLong(Payer::servedCount).sum();

      report
          .heading("### `./tollgate load " + String.join(" ", commandLine()) + "`")
          .line(
              "Run "
                  + started
                  + " to "
                  + Instant.now()
                  + "; load average "
                  + loadBefore
                  + " before, "
                  + ProcessStats.loadAverage()
                  + " after; "
                  + Runtime.getRuntime().availableProcessors()
                  + " cores; Java "
                  + System.getProperty("java.version")
                  + ".")
          .line("");
      if (options.soak()) {
        report.line(
            "| window end (s) | paid calls/s | p50 ms | p99 ms | errors | stack RSS MiB | stack heap MiB |");
        report.line("|---:|---:|---:|---:|---:|---:|---:|");
        soakRows.forEach(report::line);
        report.line("");
      } else {
        report.scenarios(results);
        report.line("");
        ratios(report, results.get(0), results.get(1), results.get(2));
      }
      report.line(
          "Stack memory (after a full GC; RSS): heap "
              + mib(heapStart)
              + " → "
              + mib(heapEnd)
              + " MiB, RSS "
              + mib(rssStart)
              + " → "
              + mib(rssEnd)
              + " MiB.");
      report.line(
          "Audit: "
              + payers.size()
              + " channels, "
              + String.format(java.util.Locale.ROOT, "%,d", served)
              + " paid calls served at "
              + price
              + " each; "
              + (problems.isEmpty()
                  ? "every channel equals the gateway's, nothing locked, gateway + payer = deposit,"
                      + " gateway = price × calls served."
                  : problems.size() + " problems:"));
      problems.forEach(p -> report.line("- " + p));
      String text = report.toString();
      System.out.println(text);
      Path file = work.resolve(options.soak() ? "soak-report.md" : "load-report.md");
      Files.writeString(file, text);
      say("report written to " + file);
      long errors = results.stream().mapToLong(ScenarioResult::errorCount).sum();
      return problems.isEmpty()
          && errors == 0
          && soakRows.stream().noneMatch(r -> r.contains("ERR"));
    }

    private void soak(List<List<Payer>> slices, List<String> rows) throws InterruptedException {
      Duration window = Duration.ofSeconds(options.sampleSeconds());
      long windows = Math.max(1, options.soakSeconds() / options.sampleSeconds());
      say("soak: " + windows + " windows of " + window.toSeconds() + " s ...");
      for (long w = 1; w <= windows; w++) {
        ScenarioResult r = scenario.paid("soak", slices, window);
        String row =
            "| "
                + w * window.toSeconds()
                + " | "
                + LoadReport.fixed(r.perSecond(), 0)
                + " | "
                + LoadReport.fixed(r.latency().p50(), 2)
                + " | "
                + LoadReport.fixed(r.latency().p99(), 2)
                + " | "
                + (r.errorCount() == 0 ? "0" : "ERR " + r.errorCount() + " " + r.errors())
                + " | "
                + mib(pid.flatMap(ProcessStats::residentMib))
                + " | "
                + mib(pid.flatMap(p -> ProcessStats.heapUsedMib(p, false)))
                + " |";
        rows.add(row);
        say(row);
      }
    }

    private void ratios(
        LoadReport report, ScenarioResult unpaid, ScenarioResult hot, ScenarioResult many) {
      double paidP99 =
          Math.max(
              many.paidRequest().map(Latencies.Summary::p99).orElse(Double.NaN),
              hot.paidRequest().map(Latencies.Summary::p99).orElse(Double.NaN));
      report
          .line(
              "Paid ÷ unpaid: throughput "
                  + LoadReport.fixed(many.perSecond() / unpaid.perSecond(), 3)
                  + " (many channels) and "
                  + LoadReport.fixed(hot.perSecond() / unpaid.perSecond(), 3)
                  + " (one channel); p50 of the whole call "
                  + LoadReport.fixed(many.latency().p50() / unpaid.latency().p50(), 1)
                  + "× and "
                  + LoadReport.fixed(hot.latency().p50() / unpaid.latency().p50(), 1)
                  + "×.")
          .line("")
          .line("| target | measured | verdict |")
          .line("|---|---:|---|")
          .line(
              "| ≥ "
                  + LoadReport.fixed(LoadReport.TARGET_PAID_PER_SECOND, 0)
                  + " paid calls/s across channels | "
                  + LoadReport.fixed(many.perSecond(), 0)
                  + " | "
                  + LoadReport.verdict(many.perSecond() >= LoadReport.TARGET_PAID_PER_SECOND)
                  + " |")
          .line(
              "| ≥ "
                  + LoadReport.fixed(LoadReport.TARGET_ONE_CHANNEL_PER_SECOND, 0)
                  + " sequential paid calls/s on one channel | "
                  + LoadReport.fixed(hot.perSecond(), 0)
                  + " | "
                  + LoadReport.verdict(hot.perSecond() >= LoadReport.TARGET_ONE_CHANNEL_PER_SECOND)
                  + " |")
          .line(
              "| paid request p99 < "
                  + LoadReport.fixed(LoadReport.TARGET_PAID_P99_MS, 0)
                  + " ms (the worse of (a) and (b)) | "
                  + LoadReport.fixed(paidP99, 2)
                  + " | "
                  + LoadReport.verdict(paidP99 < LoadReport.TARGET_PAID_P99_MS)
                  + " |")
          .line("");
    }

    /** The demo route's price, from the gateway's own 402. */
    private BigInteger price() throws IOException, InterruptedException {
      URI demo = gateway.resolve(dev.tollgate.sample.dev.LocalStack.DEMO_ROUTE + "price");
      HttpResponse<String> r =
          http.send(HttpRequest.newBuilder(demo).build(), HttpResponse.BodyHandlers.ofString());
      String header =
          r.headers()
              .firstValue(X402Headers.PAYMENT_REQUIRED)
              .orElseThrow(
                  () ->
                      new IOException(
                          demo + " answered " + r.statusCode() + " without PAYMENT-REQUIRED"));
      var decoded = X402Headers.decodePaymentRequired(header);
      if (!decoded.isOk()) {
        throw new IOException(demo + " answered a PAYMENT-REQUIRED that does not decode");
      }
      PaymentRequired required = decoded.value();
      return required.accepts().get(0).amount().value();
    }

    private List<String> commandLine() {
      List<String> args = new ArrayList<>();
      args.add("--channels " + options.channels());
      args.add("--threads " + options.threads());
      if (options.soak()) {
        args.add("--soak-seconds " + options.soakSeconds());
        args.add("--sample-seconds " + options.sampleSeconds());
      } else {
        args.add("--seconds " + options.seconds());
      }
      args.add("--warmup-seconds " + options.warmupSeconds());
      return List.of(String.join(" ", args));
    }
  }

  private static String mib(Optional<Double> value) {
    return value.map(v -> LoadReport.fixed(v, 0)).orElse("—");
  }

  /** {@code payers} dealt into {@code count} slices, one per worker thread. */
  static List<List<Payer>> slices(List<Payer> payers, int count) {
    List<List<Payer>> slices = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      slices.add(new ArrayList<>());
    }
    for (int i = 0; i < payers.size(); i++) {
      slices.get(i % count).add(payers.get(i));
    }
    return slices;
  }
}
