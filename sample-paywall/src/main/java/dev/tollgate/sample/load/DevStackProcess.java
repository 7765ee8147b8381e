package dev.tollgate.sample.load;

import dev.tollgate.sample.dev.DevOptions;
import dev.tollgate.sample.dev.FreePorts;
import dev.tollgate.sample.dev.TollgateDev;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./tollgate dev} in a JVM of its own, on free loopback ports and a fresh state directory,
 * so the gateway does not share a heap or a garbage collector with the payers that load it. {@link
 * #close} stops it the way Ctrl-C does (its shutdown hook stops anvil and every server), by PID.
 */
final class DevStackProcess implements AutoCloseable {
  private static final Duration START_DEADLINE = Duration.ofMinutes(3);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);

  private final Process process;
  private final URI gateway;
  private final URI site;
  private final Path output;

  private DevStackProcess(Process process, URI gateway, URI site, Path output) {
    this.process = process;
    this.gateway = gateway;
    this.site = site;
    this.output = output;
  }

  /** Starts the stack and returns once it prints that it is ready; its output goes to a file. */
  static DevStackProcess start(Path stateDir) throws IOException, InterruptedException {
    Files.createDirectories(stateDir);
    List<Integer> ports = FreePorts.take(DevOptions.servers().size());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    String root = System.getProperty("tollgate.root");
    if (root != null) {
      command.add("-Dtollgate.root=" + root);
    }
    command.add(TollgateDev.class.getName());
    List<String> servers = DevOptions.servers();
    for (int i = 0; i < servers.size(); i++) {
      command.add("--" + servers.get(i) + "-port");
      command.add(Integer.toString(ports.get(i)));
    }
    command.add("--state-dir");
    command.add(stateDir.toString());
    Path output = stateDir.resolve("stack-output.txt");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    URI gateway = URI.create("http://127.0.0.1:" + ports.get(servers.indexOf(DevOptions.GATEWAY)));
    URI site = URI.create("http://127.0.0.1:" + ports.get(servers.indexOf(DevOptions.SITE)));
    DevStackProcess stack = new DevStackProcess(process, gateway, site, output);
    try {
      stack.awaitReady();
      return stack;
    } catch (IOException | InterruptedException | RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** Copies the stack's output to its file, completing the returned future at the ready line. */
  private void awaitReady() throws IOException, InterruptedException {
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  PrintWriter log =
                      new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  log.println(line);
                  log.flush();
                  if (line.equals(TollgateDev.READY)) {
                    ready.complete(true);
                  }
                }
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
              ready.complete(false);
            },
            "dev-stack-output");
    pump.setDaemon(true);
    pump.start();
    boolean up;
    try {
      up = ready.get(START_DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IOException(
          "the local stack did not print '"
              + TollgateDev.READY
              + "' within "
              + START_DEADLINE
              + "; its output is in "
              + output);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("reading the local stack's output failed", e.getCause());
    }
    if (!up) {
      throw new IOException(
          "the local stack exited while starting (status "
              + process.waitFor()
              + "); its output is in "
              + output);
    }
  }

  long pid() {
    return process.pid();
  }

  URI gateway() {
    return gateway;
  }

  URI site() {
    return site;
  }

  Path output() {
    return output;
  }

  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }
  }
}
