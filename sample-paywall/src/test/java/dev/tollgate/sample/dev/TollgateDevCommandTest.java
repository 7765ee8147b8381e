package dev.tollgate.sample.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code ./tollgate dev}'s program, started as the script starts it (its own JVM): every server
 * answers on its URL, the dashboard opens with the printed password, a second run refuses clearly,
 * SIGTERM (what Ctrl-C's SIGINT also does) stops every server and the anvil process, and a run
 * started right after answers again.
 */
class TollgateDevCommandTest {
  private static final Duration STARTUP = Duration.ofSeconds(180);
  private static final StaticCredentialsProvider LOCAL =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void startsAnswersRefusesASecondRunAndStopsEverything(@TempDir Path state) throws Exception {
    List<Integer> ports = FreePorts.take(5);
    List<String> args = portArgs(ports, state);
    Output first = Output.drainTo(state.resolve("first.out"));
    Process dev = launch(args, first.file());
    try {
      assertThat(first.awaitLine(TollgateDev.READY, STARTUP))
          .as("the stack printed its ready line; output so far:\n%s", first)
          .isTrue();
      String site = "http://127.0.0.1:" + ports.get(1);
      String gateway = "http://127.0.0.1:" + ports.get(0);
      assertThat(first.text()).contains(site, site + "/dashboard", gateway, "demo accounts");

      assertThat(get(site + "/").body()).contains("id=\"articles\"", "tollgate-wallet");
      assertThat(get(site + "/health").statusCode()).isEqualTo(200);
      // the dashboard is the publisher's: a login with the password the banner printed
      assertThat(get(site + "/dashboard").statusCode()).isEqualTo(303);
      assertThat(get(site + "/dashboard/data").statusCode()).isEqualTo(401);
      java.util.regex.Matcher printed =
          java.util.regex.Pattern.compile("dashboard login +(\\S+)").matcher(first.text());
      assertThat(printed.find()).as("the banner prints the dashboard password").isTrue();
      HttpResponse<String> login =
          http.send(
              HttpRequest.newBuilder(URI.create(site + "/dashboard/login"))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "password="
                              + java.net.URLEncoder.encode(
                                  printed.group(1), StandardCharsets.UTF_8)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(303);
      String session = login.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
      assertThat(
              http.send(
                      HttpRequest.newBuilder(URI.create(site + "/dashboard/data"))
                          .timeout(Duration.ofSeconds(10))
                          .header("Cookie", session)
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
      assertThat(get(site + "/assets/widget.js").statusCode()).isEqualTo(200);
      HttpResponse<String> unpaid = get(site + "/api/quotes?symbol=ACME");
      assertThat(unpaid.statusCode()).isEqualTo(402);
      assertThat(unpaid.headers().firstValue("PAYMENT-REQUIRED")).isPresent();
      assertThat(get(gateway + "/health").body()).contains("ok");
      assertThat(get(gateway + "/gateway").body()).contains("eip155:31337");
      assertThat(
              post(
                      "http://127.0.0.1:" + ports.get(2),
                      "{\"jsonrpc\":\"2.0\",\"id\":1,"
                          + "\"method\":\"eth_chainId\",\"params\":[]}")
                  .body())
          .contains("0x7a69");
      // DynamoDB Local holds the gateway's tables, ElasticMQ its event queue and dead letters
      URI dynamoUrl = URI.create("http://127.0.0.1:" + ports.get(3));
      try (DynamoDbClient dynamo =
          DynamoDbClient.builder()
              .endpointOverride(dynamoUrl)
              .region(Region.US_EAST_1)
              .credentialsProvider(LOCAL)
              .httpClient(UrlConnectionHttpClient.create())
              .build()) {
        assertThat(dynamo.listTables().tableNames())
            .contains(
                "tollgate-channels", "tollgate-updates", "tollgate-transfers", "tollgate-chain");
      }
      try (SqsClient sqs =
          SqsClient.builder()
              .endpointOverride(URI.create("http://127.0.0.1:" + ports.get(4)))
              .region(Region.US_EAST_1)
              .credentialsProvider(LOCAL)
              .httpClient(UrlConnectionHttpClient.create())
              .build()) {
        assertThat(sqs.listQueues().queueUrls())
            .anyMatch(u -> u.endsWith("/tollgate-events.fifo"))
            .anyMatch(u -> u.endsWith("/tollgate-events-dlq.fifo"));
      }
      List<ProcessHandle> children = dev.descendants().toList();
      assertThat(children).as("anvil runs as a child process").isNotEmpty();

      Output secondOut = Output.drainTo(state.resolve("second.out"));
      Process second = launch(args, secondOut.file());
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isEqualTo(3);
      assertThat(secondOut.text()).contains("already running", "pid " + dev.pid());

      Output otherOut = Output.drainTo(state.resolve("other.out"));
      Process otherState = launch(portArgs(ports, state.resolve("elsewhere")), otherOut.file());
      assertThat(otherState.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(otherState.exitValue()).isEqualTo(3);
      assertThat(otherOut.text())
          .contains("port " + ports.get(0), "already in use", "--gateway-port");

      assertThat(get(site + "/health").statusCode())
          .as("the refused runs left the first stack alone")
          .isEqualTo(200);

      dev.destroy();
      assertThat(dev.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(first.awaitLine("tollgate dev: stopped", Duration.ofSeconds(5)))
          .as("the stack said it stopped; its output:\n%s", first)
          .isTrue();
      for (int port : ports) {
        assertThat(listening(port)).as("port %d closed", port).isFalse();
      }
      for (ProcessHandle child : children) {
        assertThat(child.isAlive()).as("child process %d stopped", child.pid()).isFalse();
      }
      assertThat(Files.exists(state.resolve("dev.holder"))).isFalse();

      // Ctrl-C and start again at once: the stopped servers' connections are still in TIME_WAIT
      // on their ports, which must not count as taken
      Output againOut = Output.drainTo(state.resolve("again.out"));
      Process again = launch(args, againOut.file());
      try {
        assertThat(againOut.awaitLine(TollgateDev.READY, STARTUP))
            .as("the stack restarted at once; its output:\n%s", againOut)
            .isTrue();
        assertThat(againOut.text()).doesNotContain("already in use");
        assertThat(get(site + "/health").statusCode()).isEqualTo(200);
        again.destroy();
        assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
      } finally {
        again.destroyForcibly();
      }
    } finally {
      dev.destroyForcibly();
    }
  }

  private static List<String> portArgs(List<Integer> ports, Path state) {
    return List.of(
        "--gateway-port", ports.get(0).toString(),
        "--site-port", ports.get(1).toString(),
        "--anvil-port", ports.get(2).toString(),
        "--dynamodb-port", ports.get(3).toString(),
        "--sqs-port", ports.get(4).toString(),
        "--state-dir", state.toString());
  }

  private static Process launch(List<String> args, Path output) throws IOException {
    Path module = Path.of(System.getProperty("user.dir"));
    String classpath =
        module.resolve("target/classes")
            + java.io.File.pathSeparator
            + Files.readString(module.resolve("target/classpath.txt")).strip();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classpath);
    command.add("-Dtollgate.root=" + System.getProperty("tollgate.root"));
    command.add(TollgateDev.class.getName());
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** A process's output, written to a file (as a terminal would show it) and read back. */
  private record Output(Path file) {
    static Output drainTo(Path file) {
      return new Output(file);
    }

    String text() {
      try {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    boolean awaitLine(String line, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!text().contains(line)) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        Thread.sleep(100);
      }
      return true;
    }

    @Override
    public String toString() {
      return text();
    }
  }
}
