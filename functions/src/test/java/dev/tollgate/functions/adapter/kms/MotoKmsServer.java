package dev.tollgate.functions.adapter.kms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A moto server on 127.0.0.1 with the KMS DIGEST patch (src/test/resources/moto), run as a child
 * process and stopped through its own handle. The python interpreter is {@code python3} unless the
 * system property {@code tollgate.python} names another.
 */
public final class MotoKmsServer implements AutoCloseable {
  private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(30);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  // Between probing a free port and moto binding it another process may take it; retry then.
  private static final int PORT_ATTEMPTS = 3;
  private static final String LAUNCHER = "/moto/moto_kms_launcher.py";
  private static Path extracted;

  private final Process process;
  private final int port;
  private final Path log;
  private final Thread killOnExit;

  private MotoKmsServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    // If a test run ends without close() (a failing @BeforeAll after start), do not leave moto up.
    this.killOnExit = new Thread(process::destroyForcibly, "stop moto on port " + port);
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  public static MotoKmsServer start() {
    Path launcher = launcher();
    String python = System.getProperty("tollgate.python", "python3");
    IllegalStateException lastFailure = null;
    for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
      int port = freeLoopbackPort();
      Path log = createLog();
      Process process = launch(python, launcher, port, log);
      MotoKmsServer server = new MotoKmsServer(process, port, log);
      try {
        server.awaitAnswering();
        return server;
      } catch (IllegalStateException e) {
        String output = server.output();
        server.close();
        lastFailure = e;
        if (!output.contains("Address already in use")) {
          throw e;
        }
      }
    }
    throw lastFailure;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public KmsClient newClient() {
    return KmsClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public void close() {
    try {
      process.destroy();
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("moto (pid " + process.pid() + ") did not stop");
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook is running or has run; nothing left to remove
      }
      try {
        Files.deleteIfExists(log);
      } catch (IOException ignored) {
        // a leftover log in the temp directory is harmless
      }
    }
  }

  boolean isRunning() {
    return process.isAlive();
  }

  private void awaitAnswering() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "moto exited with status "
                + process.exitValue()
                + " before answering on port "
                + port
                + " (is moto installed for this python?); output:\n"
                + output());
      }
      if (answers(http)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "moto did not answer on port "
                + port
                + " within "
                + STARTUP_DEADLINE
                + "; output:\n"
                + output());
      }
      try {
        // Returns early if the process dies, so a crash is reported at once.
        process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for moto", e);
      }
    }
  }

  /** Any HTTP answer means moto is serving; only a refused or dropped connection means not yet. */
  private boolean answers(HttpClient http) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint().resolve("/moto-api/data.json"))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      http.send(request, HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for moto", e);
    }
  }

  private String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  private static Process launch(String python, Path launcher, int port, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(List.of(python, launcher.toString(), Integer.toString(port)))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // moto reads MOTO_PORT for URLs it hands out; keep an inherited one from pointing elsewhere.
    builder.environment().remove("MOTO_PORT");
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + python + " " + launcher, e);
    }
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  private static Path createLog() {
    try {
      return Files.createTempFile("moto-kms-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The launcher script: the file itself from test-classes, or, when it is read from the functions
   * test-jar (the benchmarks use the harness that way), a copy in the temp directory.
   */
  private static Path launcher() {
    URL resource = MotoKmsServer.class.getResource(LAUNCHER);
    if (resource == null) {
      throw new IllegalStateException(LAUNCHER + " is not on the test classpath");
    }
    if ("file".equals(resource.getProtocol())) {
      try {
        return Path.of(resource.toURI());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return extractedLauncher(resource);
  }

  private static synchronized Path extractedLauncher(URL resource) {
    if (extracted == null) {
      try (InputStream in = resource.openStream()) {
        Path copy = Files.createTempFile("moto_kms_launcher-", ".py");
        copy.toFile().deleteOnExit();
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        extracted = copy;
      } catch (IOException e) {
        throw new UncheckedIOException("could not copy " + resource + " out of its jar", e);
      }
    }
    return extracted;
  }
}
