package dev.tollgate.bench.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (version 2018-06-01) as one execution environment sees it, on 127.0.0.1:
 * the runtime client polls {@code /runtime/invocation/next} for the queued events and posts each
 * answer (or error) back, and reports an init or restore failure. Every arrival is stamped with
 * {@link System#nanoTime()}, so a caller can time init (process start to the first poll) and each
 * invocation (handed out to answered).
 *
 * <p>One environment at a time: {@link #reset()} between processes.
 */
final class LocalRuntimeApi implements AutoCloseable {
  static final String PREFIX = "/2018-06-01/runtime";
  static final String FUNCTION_ARN =
      "arn:aws:lambda:us-east-1:000000000000:function:tollgate-gateway";
  private static final Pattern INVOCATION =
      Pattern.compile("^" + PREFIX + "/invocation/([^/]+)/(response|error)$");
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final HttpServer server;
  private final ExecutorService threads;
  private volatile Environment environment = new Environment();

  private LocalRuntimeApi(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Listens on a free port of 127.0.0.1. */
  static LocalRuntimeApi start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    // A poll of /next blocks its thread until an event is queued: one thread per connection.
    ExecutorService threads = Executors.newCachedThreadPool();
    LocalRuntimeApi api = new LocalRuntimeApi(server, threads);
    server.createContext(PREFIX + "/", api::handle);
    server.setExecutor(threads);
    server.start();
    return api;
  }

  /** {@code 127.0.0.1:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Forgets the previous environment: its queue, its stamps, its answers. */
  void reset() {
    environment.closed = true;
    environment.events.offer(Queued.END);
    environment = new Environment();
  }

  /** Queues {@code event} (a JSON document) under {@code requestId}. */
  void enqueue(String requestId, byte[] event) {
    Objects.requireNonNull(requestId, "requestId");
    environment.events.add(new Queued(requestId, event.clone()));
  }

  /**
   * The process polling this environment: its CPU time is read when its first poll arrives, the CPU
   * its init took.
   */
  void watch(ProcessHandle process) {
    environment.process = process;
  }

  /** The watched process's CPU time (all threads) when its first poll arrived. */
  Optional<Duration> cpuAtFirstPoll() {
    return Optional.ofNullable(environment.cpuAtFirstPoll);
  }

  /** When the first {@code /next} poll arrived: the end of init. */
  Optional<Long> firstPollNanos() {
    return Optional.ofNullable(environment.firstPoll);
  }

  /** When the first {@code /restore/next} arrived (SnapStart's init only). */
  Optional<Long> restoreNanos() {
    return Optional.ofNullable(environment.restore);
  }

  /** An init error the runtime reported, if any. */
  Optional<String> initError() {
    return Optional.ofNullable(environment.initError);
  }

  /**
   * The answer to {@code requestId}, waiting up to {@code timeout}; the {@code alive} check runs
   * while waiting, so that a runtime that died is reported at once rather than at the deadline.
   */
  Answer await(String requestId, Duration timeout, Runnable alive)
      throws InterruptedException, TimeoutException {
    CompletableFuture<Answer> answer = environment.answer(requestId);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      alive.run();
      try {
        return answer.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException(
              "no answer to invocation "
                  + requestId
                  + " within "
                  + timeout
                  + initError().map(error -> "; init error: " + error).orElse(""));
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    Environment env = environment;
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      byte[] body = readAll(exchange.getRequestBody());
      if (method.equals("GET") && path.equals(PREFIX + "/invocation/next")) {
        next(exchange, env, arrived);
        return;
      }
      Matcher invocation = INVOCATION.matcher(path);
      if (method.equals("POST") && invocation.matches()) {
        String id = invocation.group(1);
        Long handedOut = env.handedOut.get(id);
        if (handedOut == null) {
          send(exchange, 400, "{\"errorMessage\":\"invocation " + id + " was not handed out\"}");
          return;
        }
        boolean error = invocation.group(2).equals("error");
        env.answer(id).complete(new Answer(id, handedOut, arrived, body, error));
        send(exchange, 202, "{\"status\":\"OK\"}");
        return;
      }
      if (method.equals("POST") && path.equals(PREFIX + "/init/error")) {
        env.initError = new String(body, StandardCharsets.UTF_8);
        send(exchange, 202, "{\"status\":\"OK\"}");
        return;
      }
      if (method.equals("GET") && path.equals(PREFIX + "/restore/next")) {
        env.restore = arrived;
        send(exchange, 200, "");
        return;
      }
      if (method.equals("POST") && path.equals(PREFIX + "/restore/error")) {
        env.initError = "restore: " + new String(body, StandardCharsets.UTF_8);
        send(exchange, 202, "{\"status\":\"OK\"}");
        return;
      }
      send(exchange, 404, "{\"errorMessage\":\"no such runtime API path: " + path + "\"}");
    }
  }

  private static void next(HttpExchange exchange, Environment env, long arrived)
      throws IOException {
    synchronized (env) {
      if (env.firstPoll == null) {
        env.firstPoll = arrived;
        ProcessHandle process = env.process;
        if (process != null) {
          env.cpuAtFirstPoll = process.info().totalCpuDuration().orElse(null);
        }
      }
    }
    Queued event;
    try {
      event = env.events.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (event == Queued.END || env.closed) {
      // This environment is over; its process is being stopped. Leave the poll unanswered.
      return;
    }
    long deadline = System.currentTimeMillis() + DEADLINE.toMillis();
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/json");
    headers.set("Lambda-Runtime-Aws-Request-Id", event.requestId());
    headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
    headers.set("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
    headers.set(
        "Lambda-Runtime-Trace-Id",
        "Root=1-00000000-" + String.format("%024x", event.requestId().hashCode()) + ";Sampled=0");
    env.handedOut.put(event.requestId(), System.nanoTime());
    exchange.sendResponseHeaders(200, event.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(event.body());
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  @Override
  public void close() {
    reset();
    server.stop(0);
    threads.shutdownNow();
  }

  /**
   * An invocation's answer: when it was handed out and when the answer arrived (nanoTime), the body
   * posted and whether it came to {@code /error}.
   */
  record Answer(
      String requestId, long handedOutNanos, long answeredNanos, byte[] body, boolean error) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    long durationNanos() {
      return answeredNanos - handedOutNanos;
    }
  }

  private record Queued(String requestId, byte[] body) {
    static final Queued END = new Queued("", new byte[0]);
  }

  /** What one execution environment did. */
  private static final class Environment {
    final BlockingQueue<Queued> events = new LinkedBlockingQueue<>();
    final Map<String, Long> handedOut = new ConcurrentHashMap<>();
    final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    volatile Long firstPoll;
    volatile ProcessHandle process;
    volatile Duration cpuAtFirstPoll;
    volatile Long restore;
    volatile String initError;
    volatile boolean closed;

    CompletableFuture<Answer> answer(String id) {
      return answers.computeIfAbsent(id, k -> new CompletableFuture<>());
    }
  }
}
