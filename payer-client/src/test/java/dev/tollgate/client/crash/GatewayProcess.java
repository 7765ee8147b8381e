package dev.tollgate.client.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The gateway in a child JVM ({@link CrashingGateway}) on the test's own classpath, against the
 * parent's stack: the parent keeps anvil and DynamoDB Local, so a dead gateway's successor finds
 * the same chain and the same tables. Started on a port the parent chose; it is ready once it says
 * so on its output.
 */
final class GatewayProcess implements AutoCloseable {
  private static final Duration START_DEADLINE = Duration.ofSeconds(120);
  private static final int KEPT_LINES = 60;

  private final Process process;
  private final URI base;
  private final Deque<String> lastLines;

  private GatewayProcess(Process process, URI base, Deque<String> lastLines) {
    this.process = process;
    this.base = base;
    this.lastLines = lastLines;
  }

  /** How a child is started: whether and where it dies, and how far ahead its clock runs. */
  record Child(String crash, int atPaidWrite, Duration clockAhead) {
    static Child clean() {
      return new Child("none", 1, Duration.ZERO);
    }

    static Child crashing(CrashPoint point, int atPaidWrite) {
      return new Child(point.name(), atPaidWrite, Duration.ZERO);
    }

    Child withClockAhead(Duration ahead) {
      return new Child(crash, atPaidWrite, ahead);
    }
  }

  /** A free loopback port for a gateway and its successors. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * Starts {@code child} on {@code port} with the stack's {@code properties}, and waits until it
   * listens.
   */
  static GatewayProcess start(Path dir, Map<String, Object> properties, int port, Child child)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path props = Files.createTempFile(dir, "gateway", ".properties");
    Properties p = new Properties();
    properties.forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
    try (Writer out = Files.newBufferedWriter(props)) {
      p.store(out, "the parent's stack");
    }
    // An argument file: the test classpath can be longer than one command-line argument may be.
    Path argFile = Files.createTempFile(dir, "java", ".args");
    Files.writeString(argFile, "-cp \"" + quoted(System.getProperty("java.class.path")) + "\"\n");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("@" + argFile);
    command.add(CrashingGateway.class.getName());
    command.add(props.toString());
    command.add(Integer.toString(port));
    command.add(child.crash());
    command.add(Integer.toString(child.atPaidWrite()));
    command.add(Long.toString(child.clockAhead().toSeconds()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Deque<String> lines = new ArrayDeque<>();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(() -> read(process, lines, ready), "gateway-" + process.pid() + "-output");
    reader.setDaemon(true);
    reader.start();
    GatewayProcess started =
        new GatewayProcess(process, URI.create("http://127.0.0.1:" + port), lines);
    try {
      ready.get(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      started.close();
      throw new IllegalStateException(
          "the gateway process did not start on port " + port + ": " + started.output(), e);
    }
    return started;
  }

  URI base() {
    return base;
  }

  /**
   * Waits, up to {@code deadline}, for the process to end by itself, and returns its exit status.
   */
  int awaitExit(Duration deadline) throws InterruptedException {
    if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "the gateway process " + process.pid() + " is still alive after " + deadline);
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The process's last lines of output, for a failure's message. */
  String output() {
    synchronized (lastLines) {
      return String.join("\n", lastLines);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static void read(Process process, Deque<String> lines, CompletableFuture<Void> ready) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals(CrashingGateway.READY)) {
          ready.complete(null);
        }
        synchronized (lines) {
          lines.addLast(line);
          if (lines.size() > KEPT_LINES) {
            lines.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    ready.completeExceptionally(new IllegalStateException("the process ended before it was ready"));
  }

  private static String quoted(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
