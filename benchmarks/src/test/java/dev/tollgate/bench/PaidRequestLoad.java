package dev.tollgate.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.functions.GatewayHandler;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.adapter.kms.KmsWrappedKeySigner;
import dev.tollgate.functions.adapter.kms.MotoKmsServer;
import dev.tollgate.functions.adapter.kms.WrappedKey;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.x402.PaymentRequired;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.X402Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The paid request under load, in-process: the real Lambda handler ({@link GatewayHandler}) → the
 * paywall → DynamoDB Local in-process ({@code DynamoDBEmbedded}) → the gateway's signer, for the
 * {@code local} signer and the KMS-wrapped one (its key decrypted once at startup by moto). The
 * unpaid route ({@code /paid/free/}, price 0, the same controller) runs in the same process as the
 * baseline.
 *
 * <p>What is timed: only {@code handler.handleRequest(event, context)}. The payer's work (the 402
 * that fetches its quote, building and signing its create, encoding {@code PAYMENT-SIGNATURE},
 * building the event, then checking and applying the gateway's countersigned create and resolve) is
 * client-side and runs outside the timed section. Each scenario runs in rounds: every worker thread
 * prepares its requests, all wait at a barrier, then all invoke the handler concurrently, and wait
 * again. The req/s is the number of 200 answers divided by the sum over rounds of that invoke
 * phase's wall time (barrier to barrier), so payer work never competes with the gateway for the CPU
 * inside the measured time. Latencies are per invocation.
 *
 * <p>Threaded scenarios give each worker a disjoint set of channels, so no payment races another on
 * the same channel (no 409). At the end every channel is checked: the payer's view and the
 * gateway's stored state agree, nothing is left locked, payer + gateway balances equal the deposit
 * and the gateway holds exactly price × the 200s that channel got.
 *
 * <p>A timing proxy around the gateway's DynamoDB client splits each request's time into time in
 * DynamoDB Local and time outside it (the gateway's own work).
 *
 * <p>Run by hand (BENCHMARKS.md has the command); sizes are system properties: {@code paid.modes}
 * (local,wrapped), {@code paid.warmup} (3000), {@code paid.unpaid} (5000), {@code paid.sequential}
 * (2000), {@code paid.channels} (100), {@code paid.rounds} (20 payments per channel per threaded
 * scenario), {@code paid.threads} (2,4), {@code paid.out} (benchmarks/target/paid-requests.md).
 */
public final class PaidRequestLoad {
  private static final String LOGBACK = "paid-requests-logback.xml";

  private final Settings settings;
  private final List<Row> rows = new ArrayList<>();
  private final DynamoTimer dynamo = new DynamoTimer();

  private PaidRequestLoad(Settings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) {
    // Before anything logs: the gateway's production logging, into a file (the test-jar's
    // logback-test.xml would otherwise silence it and make the gateway look cheaper).
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK);
    }
    // Micronaut and DynamoDB Local leave non-daemon threads behind, so the exit is explicit,
    // after everything is closed, and a failure does not leave the JVM hanging.
    int status = 0;
    try {
      runAll();
    } catch (Throwable e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  private static void runAll() throws Exception {
    Settings settings = Settings.fromSystemProperties();
    System.out.println("settings: " + settings);
    PaidRequestLoad load = new PaidRequestLoad(settings);
    String loadBefore = loadAverage();
    System.out.println("load average before: " + loadBefore);
    long started = System.nanoTime();
    for (String mode : settings.modes()) {
      load.run(mode);
    }
    String table = load.table();
    System.out.println();
    System.out.println(table);
    String loadAfter = loadAverage();
    System.out.println("load average after: " + loadAfter);
    load.write(table, (System.nanoTime() - started) / 1e9, loadBefore, loadAfter);
  }

  // ---------------------------------------------------------------- one signer mode

  private void run(String mode) throws Exception {
    System.out.println("== mode " + mode);
    MotoKmsServer moto = null;
    KmsClient kms = null;
    try {
      Map<String, Object> signer;
      if (mode.equals("local")) {
        signer =
            Map.of(
                "tollgate.signer.mode",
                "local",
                "tollgate.signer.private-key",
                GatewayStack.GATEWAY_KEY);
      } else if (mode.equals("wrapped")) {
        moto = MotoKmsServer.start();
        kms = moto.newClient();
        String wrappingKey = kms.createKey(r -> {}).keyMetadata().keyId();
        WrappedKey wrapped = KmsWrappedKeySigner.provision(kms, wrappingKey, new SecureRandom());
        signer =
            Map.of(
                "tollgate.signer.mode",
                "wrapped",
                "tollgate.signer.wrapping-key-id",
                wrappingKey,
                "tollgate.signer.wrapped-key",
                Base64.getEncoder().encodeToString(wrapped.ciphertext()),
                "tollgate.kms.endpoint",
                moto.endpoint().toString(),
                "tollgate.aws.region",
                "us-east-1");
      } else {
        throw new IllegalArgumentException("paid.modes: local or wrapped, not " + mode);
      }
      try (GatewayStack stack = GatewayStack.startInProcess(signer, dynamo::wrap)) {
        if (!stack.dynamoInProcess()) {
          throw new IllegalStateException("the stack is not on in-process DynamoDB");
        }
        runOn(mode, stack);
      }
    } finally {
      if (kms != null) {
        kms.close();
      }
      if (moto != null) {
        moto.close();
      }
    }
  }

  private void runOn(String mode, GatewayStack stack) throws Exception {
    long t0 = System.nanoTime();
    LambdaInvoker lambda = stack.lambda();
    GatewayHandler handler = lambda.handler();
    System.out.printf(
        Locale.ROOT, "gateway %s started in %.1f s%n", stack.gatewayAddress(), secondsSince(t0));

    t0 = System.nanoTime();
    int threadedPayments = settings.rounds() * settings.threads().size();
    Lane warm = Lane.open(stack, settings.warmup());
    Lane single = Lane.open(stack, settings.sequential());
    List<Lane> lanes = new ArrayList<>();
    for (int i = 0; i < settings.channels(); i++) {
      lanes.add(Lane.open(stack, threadedPayments));
    }
    System.out.printf(
        Locale.ROOT,
        "opened and funded %d channels in %.1f s%n",
        lanes.size() + 2,
        secondsSince(t0));

    t0 = System.nanoTime();
    measure(handler, List.of(new Unpaid("warm", 1)), settings.warmup());
    measure(handler, List.of(new Paid(lambda, List.of(warm), null)), settings.warmup());
    System.out.printf(
        Locale.ROOT,
        "warm-up: %d unpaid + %d paid in %.1f s%n",
        settings.warmup(),
        settings.warmup(),
        secondsSince(t0));

    Measured unpaid = measure(handler, List.of(new Unpaid("seq", 1)), settings.unpaid());
    Row unpaidRow = add(mode, "unpaid, 1 thread", unpaid, null);
    Paid sequential = new Paid(lambda, List.of(single), new Latencies(settings.sequential()));
    Measured paid = measure(handler, List.of(sequential), settings.sequential());
    add(mode, "402 quote, 1 thread", Measured.of(sequential.quotes), unpaidRow);
    add(mode, "paid, 1 channel, 1 thread", paid, unpaidRow);

    for (int threads : settings.threads()) {
      int perThread = Math.max(1, lanes.size() / threads);
      List<Worker> unpaidWorkers = new ArrayList<>();
      List<Worker> paidWorkers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        unpaidWorkers.add(new Unpaid("t" + threads + "-" + t, perThread));
        List<Lane> own = new ArrayList<>();
        for (int i = t; i < lanes.size(); i += threads) {
          own.add(lanes.get(i));
        }
        paidWorkers.add(new Paid(lambda, own, null));
      }
      Measured u = measure(handler, unpaidWorkers, settings.rounds());
      Row base = add(mode, "unpaid, " + threads + " threads", u, null);
      Measured p = measure(handler, paidWorkers, settings.rounds());
      add(mode, "paid, " + lanes.size() + " channels, " + threads + " threads", p, base);
    }

    List<Lane> all = new ArrayList<>(lanes);
    all.add(warm);
    all.add(single);
    for (Lane lane : all) {
      lane.checkConservation(stack);
    }
    System.out.printf(
        Locale.ROOT,
        "checked %d channels: payer view = stored state, payer + gateway = deposit, gateway ="
            + " price x 200s%n",
        all.size());
  }

  private Row add(String mode, String scenario, Measured m, Row baseline) {
    Row row = new Row(mode, scenario, m, Optional.ofNullable(baseline));
    rows.add(row);
    System.out.println("  " + row.line());
    return row;
  }

  // ---------------------------------------------------------------- the measurement

  /** One worker thread's part of a scenario. */
  private interface Worker {
    /** Round {@code round}'s requests, built outside the timed section. */
    List<APIGatewayV2HTTPEvent> prepare(int round);

    /** Takes in the answers, outside the timed section. */
    void complete(List<APIGatewayV2HTTPEvent> sent, List<APIGatewayV2HTTPResponse> answers);
  }

  private Measured measure(GatewayHandler handler, List<Worker> workers, int rounds)
      throws Exception {
    int n = workers.size();
    AtomicLong phaseStart = new AtomicLong();
    AtomicLong timedWall = new AtomicLong();
    CyclicBarrier prepared = new CyclicBarrier(n, () -> phaseStart.set(System.nanoTime()));
    CyclicBarrier invoked =
        new CyclicBarrier(n, () -> timedWall.addAndGet(System.nanoTime() - phaseStart.get()));
    ExecutorService pool = Executors.newFixedThreadPool(n);
    long[] dynamoBefore = dynamo.totals();
    try {
      List<Future<Latencies>> results = new ArrayList<>();
      for (Worker worker : workers) {
        results.add(
            pool.submit(
                () -> {
                  Latencies latencies = new Latencies(1024);
                  for (int round = 0; round < rounds; round++) {
                    List<APIGatewayV2HTTPEvent> events = worker.prepare(round);
                    List<Context> contexts = new ArrayList<>(events.size());
                    for (int i = 0; i < events.size(); i++) {
                      contexts.add(LambdaInvoker.testContext());
                    }
                    List<APIGatewayV2HTTPResponse> answers = new ArrayList<>(events.size());
                    await(prepared);
                    for (int i = 0; i < events.size(); i++) {
                      long start = System.nanoTime();
                      APIGatewayV2HTTPResponse answer =
                          handler.handleRequest(events.get(i), contexts.get(i));
                      latencies.add(System.nanoTime() - start, answer.getStatusCode());
                      answers.add(answer);
                    }
                    await(invoked);
                    worker.complete(events, answers);
                  }
                  return latencies;
                }));
      }
      Latencies all = new Latencies(1024);
      for (Future<Latencies> f : results) {
        all.addAll(f.get());
      }
      long[] dynamoAfter = dynamo.totals();
      return new Measured(
          all, timedWall.get(), dynamoAfter[0] - dynamoBefore[0], dynamoAfter[1] - dynamoBefore[1]);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (BrokenBarrierException e) {
      throw new IllegalStateException("another worker failed", e);
    }
  }

  /** GETs on the free route: the same controller, no payment. */
  private static final class Unpaid implements Worker {
    private final String name;
    private final int perRound;

    Unpaid(String name, int perRound) {
      this.name = name;
      this.perRound = perRound;
    }

    @Override
    public List<APIGatewayV2HTTPEvent> prepare(int round) {
      List<APIGatewayV2HTTPEvent> events = new ArrayList<>(perRound);
      for (int i = 0; i < perRound; i++) {
        events.add(
            LambdaInvoker.request("GET", GatewayStack.FREE + name + "-" + round + "-" + i)
                .toEvent());
      }
      return events;
    }

    @Override
    public void complete(List<APIGatewayV2HTTPEvent> sent, List<APIGatewayV2HTTPResponse> got) {
      for (APIGatewayV2HTTPResponse answer : got) {
        if (answer.getStatusCode() != 200) {
          throw new IllegalStateException(
              "the free route answered " + answer.getStatusCode() + ": " + answer.getBody());
        }
      }
    }
  }

  /** One payment per owned channel per round: quote (402), create, header; then the answer. */
  private static final class Paid implements Worker {
    private final LambdaInvoker lambda;
    private final List<Lane> lanes;
    private final Latencies quotes;
    private final List<String> headers = new ArrayList<>();

    /** {@code quotes}: where to time the 402s that fetch quotes, or null not to. */
    Paid(LambdaInvoker lambda, List<Lane> lanes, Latencies quotes) {
      this.lambda = lambda;
      this.lanes = lanes;
      this.quotes = quotes;
    }

    @Override
    public List<APIGatewayV2HTTPEvent> prepare(int round) {
      headers.clear();
      List<APIGatewayV2HTTPEvent> events = new ArrayList<>(lanes.size());
      for (Lane lane : lanes) {
        String path = GatewayStack.ARTICLES + lane.payer.channel() + "/" + lane.sent;
        long start = System.nanoTime();
        LambdaInvoker.Response challenge = lambda.get(path, Map.of());
        if (quotes != null) {
          quotes.add(System.nanoTime() - start, challenge.status());
        }
        if (challenge.status() != 402) {
          throw new IllegalStateException("expected a 402 quote, got " + challenge);
        }
        PaymentRequired required =
            X402Headers.decodePaymentRequired(challenge.header(X402Headers.PAYMENT_REQUIRED))
                .value();
        PaymentRequirements accepted = required.accepts().get(0);
        ChannelUpdate create = lane.payer.createFor(accepted);
        String header = HttpPayer.paymentHeader(path, accepted, create);
        headers.add(header);
        events.add(
            LambdaInvoker.request("GET", path)
                .header(X402Headers.PAYMENT_SIGNATURE, header)
                .toEvent());
        lane.sent++;
      }
      return events;
    }

    @Override
    public void complete(List<APIGatewayV2HTTPEvent> sent, List<APIGatewayV2HTTPResponse> got) {
      for (int i = 0; i < got.size(); i++) {
        Lane lane = lanes.get(i);
        LambdaInvoker.Response response = LambdaInvoker.Response.of(got.get(i), null);
        HttpPayer.Paid paid = lane.payer.settled(response, headers.get(i));
        if (paid.status() == 200) {
          lane.paid++;
        } else {
          lane.refused++;
          System.out.println("  refused payment on " + lane.payer.channel() + ": " + response);
          lane.payer.sync();
        }
      }
    }
  }

  // ---------------------------------------------------------------- channels

  /** A payer's funded channel, with what was sent and paid on it. */
  private static final class Lane {
    final HttpPayer payer;
    final BigInteger deposit;
    int sent;
    int paid;
    int refused;

    private Lane(HttpPayer payer, BigInteger deposit) {
      this.payer = payer;
      this.deposit = deposit;
    }

    /** A new payer's channel, opened and funded for {@code payments} articles and a margin. */
    static Lane open(GatewayStack stack, int payments) throws Exception {
      HttpPayer payer = HttpPayer.newPayer(stack);
      LambdaInvoker.Response opened = payer.open();
      if (opened.status() != 201) {
        throw new IllegalStateException("open failed: " + opened);
      }
      BigInteger deposit = GatewayStack.ARTICLE_PRICE.multiply(BigInteger.valueOf(payments + 10));
      LambdaInvoker.Response deposited = payer.deposit(deposit);
      if (deposited.status() != 200) {
        throw new IllegalStateException("deposit failed: " + deposited);
      }
      return new Lane(payer, deposit);
    }

    void checkConservation(GatewayStack stack) {
      LaneAudit.check(stack, payer, deposit, paid);
    }
  }

  // ---------------------------------------------------------------- figures

  /** Latencies in nanoseconds and the status of each answer. */
  private static final class Latencies {
    private long[] nanos;
    private int size;
    private final Map<Integer, Integer> statuses = new TreeMap<>();

    Latencies(int capacity) {
      nanos = new long[Math.max(16, capacity)];
    }

    void add(long elapsed, int status) {
      if (size == nanos.length) {
        nanos = Arrays.copyOf(nanos, size * 2);
      }
      nanos[size++] = elapsed;
      statuses.merge(status, 1, Integer::sum);
    }

    void addAll(Latencies other) {
      for (int i = 0; i < other.size; i++) {
        if (size == nanos.length) {
          nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = other.nanos[i];
      }
      other.statuses.forEach((k, v) -> statuses.merge(k, v, Integer::sum));
    }

    long sum() {
      long total = 0;
      for (int i = 0; i < size; i++) {
        total += nanos[i];
      }
      return total;
    }

    long[] sorted() {
      long[] copy = Arrays.copyOf(nanos, size);
      Arrays.sort(copy);
      return copy;
    }
  }

  /**
   * A scenario's latencies, the wall time of its invoke phases, and the time and calls spent in the
   * gateway's DynamoDB client during them (summed over threads).
   */
  private record Measured(
      Latencies latencies, long timedWallNanos, long dynamoNanos, long dynamoCalls) {
    /** For latencies gathered one at a time, outside the gateway's DynamoDB: wall = their sum. */
    static Measured of(Latencies sequential) {
      return new Measured(sequential, sequential.sum(), 0, 0);
    }

    double meanMillis() {
      return latencies.size == 0 ? Double.NaN : latencies.sum() / 1e6 / latencies.size;
    }

    double dynamoMillisPerRequest() {
      return latencies.size == 0 ? Double.NaN : dynamoNanos / 1e6 / latencies.size;
    }

    /** The mean time per request outside the DynamoDB client: the gateway's own work. */
    double outsideDynamoMillis() {
      return meanMillis() - dynamoMillisPerRequest();
    }

    double dynamoCallsPerRequest() {
      return latencies.size == 0 ? Double.NaN : (double) dynamoCalls / latencies.size;
    }

    int requests() {
      return latencies.size;
    }

    int ok(int expected) {
      return latencies.statuses.getOrDefault(expected, 0);
    }
  }

  private record Row(String mode, String scenario, Measured measured, Optional<Row> baseline) {
    private int expectedStatus() {
      return scenario.startsWith("402") ? 402 : 200;
    }

    int ok() {
      return measured.ok(expectedStatus());
    }

    double perSecond() {
      return ok() / (measured.timedWallNanos() / 1e9);
    }

    double percentileMillis(double p) {
      long[] sorted = measured.latencies().sorted();
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    String delta() {
      return baseline
          .map(
              b ->
                  String.format(
                      Locale.ROOT, "%+.3f", percentileMillis(50) - b.percentileMillis(50)))
          .orElse("—");
    }

    String others() {
      Map<Integer, Integer> rest = new LinkedHashMap<>(measured.latencies().statuses);
      rest.remove(expectedStatus());
      return rest.isEmpty() ? "" : " (other statuses: " + rest + ")";
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "%-8s %-30s %6d/%-6d %9.0f req/s  p50 %7.3f ms  p99 %7.3f ms  mean %7.3f ms"
              + "  DynamoDB %6.3f ms in %.1f calls, outside %6.3f ms  Δp50 %s%s",
          mode,
          scenario,
          ok(),
          measured.requests(),
          perSecond(),
          percentileMillis(50),
          percentileMillis(99),
          measured.meanMillis(),
          measured.dynamoMillisPerRequest(),
          measured.dynamoCallsPerRequest(),
          measured.outsideDynamoMillis(),
          delta(),
          others());
    }

    String markdown() {
      return String.format(
          Locale.ROOT,
          "| %s | %s | %,d%s | %,.0f | %.3f | %.3f | %.3f | %.3f (%.1f) | %.3f | %s |",
          mode,
          scenario,
          ok(),
          ok() == measured.requests() ? "" : " of " + measured.requests(),
          perSecond(),
          percentileMillis(50),
          percentileMillis(99),
          measured.meanMillis(),
          measured.dynamoMillisPerRequest(),
          measured.dynamoCallsPerRequest(),
          measured.outsideDynamoMillis(),
          delta());
    }
  }

  private String table() {
    StringBuilder out = new StringBuilder();
    out.append(
        "| signer | scenario | requests | req/s | p50 ms | p99 ms | mean ms |"
            + " in DynamoDB ms/req (calls) | outside DynamoDB ms/req | p50 − unpaid p50 (ms) |\n");
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row row : rows) {
      out.append(row.markdown()).append('\n');
    }
    return out.toString();
  }

  /** The machine's 1, 5 and 15 minute load averages (Linux), to show how busy it was. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private void write(String table, double seconds, String loadBefore, String loadAfter)
      throws IOException {
    String text =
        "Paid requests in-process, measured "
            + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            + " on "
            + Runtime.getRuntime().availableProcessors()
            + " cores, Java "
            + System.getProperty("java.version")
            + String.format(Locale.ROOT, ", whole run %.0f s", seconds)
            + "; load average (1/5/15 min) "
            + loadBefore
            + " before, "
            + loadAfter
            + " after.\n"
            + "Settings: "
            + settings
            + "\n\n"
            + table
            + "\nreq/s = answers with the expected status ÷ the wall time of the invoke phases"
            + " (payer work excluded); latency = one handleRequest call; in DynamoDB = time"
            + " inside the gateway's (in-process) DynamoDB client per request, summed over"
            + " threads, with the calls it made; outside DynamoDB = mean − in DynamoDB.\n";
    Path out = settings.out();
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, text);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + out, e);
    }
    System.out.println("written to " + out);
  }

  /** Time spent inside the gateway's DynamoDB client, across threads: a wrapping proxy. */
  private static final class DynamoTimer {
    private final LongAdder nanos = new LongAdder();
    private final LongAdder calls = new LongAdder();

    DynamoDbClient wrap(DynamoDbClient target) {
      InvocationHandler timed =
          (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
              return method.invoke(target, args);
            }
            long start = System.nanoTime();
            try {
              return method.invoke(target, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            } finally {
              nanos.add(System.nanoTime() - start);
              calls.increment();
            }
          };
      return (DynamoDbClient)
          Proxy.newProxyInstance(
              DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, timed);
    }

    /** {nanoseconds, calls} so far. */
    long[] totals() {
      return new long[] {nanos.sum(), calls.sum()};
    }
  }

  private static double secondsSince(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /** The sizes, from system properties. */
  private record Settings(
      List<String> modes,
      int warmup,
      int unpaid,
      int sequential,
      int channels,
      int rounds,
      List<Integer> threads,
      Path out) {

    static Settings fromSystemProperties() {
      return new Settings(
          List.of(System.getProperty("paid.modes", "local,wrapped").split(",")),
          Integer.getInteger("paid.warmup", 3000),
          Integer.getInteger("paid.unpaid", 5000),
          Integer.getInteger("paid.sequential", 2000),
          Integer.getInteger("paid.channels", 100),
          Integer.getInteger("paid.rounds", 20),
          Arrays.stream(System.getProperty("paid.threads", "2,4").split(","))
              .map(String::trim)
              .map(Integer::valueOf)
              .toList(),
          Path.of(System.getProperty("paid.out", "benchmarks/target/paid-requests.md")));
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "modes=%s warmup=%d unpaid=%d sequential=%d channels=%d rounds=%d threads=%s",
          String.join(",", modes),
          warmup,
          unpaid,
          sequential,
          channels,
          rounds,
          threads);
    }
  }
}
