package dev.tollgate.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.paywall.GatewayClient;
import dev.tollgate.sample.dev.DevOptions;
import dev.tollgate.sample.dev.FreePorts;
import dev.tollgate.sample.dev.LocalStack;
import dev.tollgate.sample.site.OperatorClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One local stack for all of this module's in-process tests, started on free ports the first time a
 * test asks and stopped when the test JVM ends: starting anvil, the contracts, the emulators and
 * the gateway once keeps the suite quick. Each test opens its own channels, so tests share nothing
 * else, and figures that span channels (revenue) are compared as before/after differences.
 */
public final class SharedStack {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalStack stack;

  private SharedStack() {}

  public static synchronized LocalStack get() {
    if (stack == null) {
      try {
        List<Integer> ports = FreePorts.take(5);
        Map<String, Integer> byServer = new LinkedHashMap<>();
        List<String> servers = DevOptions.servers();
        for (int i = 0; i < servers.size(); i++) {
          byServer.put(servers.get(i), ports.get(i));
        }
        Path state = Files.createTempDirectory("tollgate-shared-stack");
        stack = LocalStack.start(new DevOptions(byServer, state, 1, 2, 3_600));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "shared-stack-stop"));
      } catch (Exception e) {
        throw new IllegalStateException("the shared local stack did not start: " + e, e);
      }
    }
    return stack;
  }

  /** GET {@code path} of the gateway's operator routes, as the site calls them. */
  public static JsonNode operator(String path) {
    GatewayClient.Answer answer =
        new OperatorClient(get().gatewayUrl(), get().operatorToken()).get(path);
    if (answer.status() != 200) {
      throw new AssertionError(path + " answered " + answer.status() + " " + answer.body());
    }
    return answer.body();
  }

  /**
   * GET {@code path} of the gateway with the operator's token: a channel read, which only the
   * channel's payer (a signed read) or the operator may make.
   */
  public static JsonNode gatewayAsOperator(String path) {
    return json(
        send(
            HttpRequest.newBuilder(get().gatewayUrl().resolve(path))
                .header("Authorization", "Bearer " + get().operatorToken())
                .build()),
        path);
  }

  /** GET {@code path} of the gateway (public routes). */
  public static JsonNode gateway(String path) {
    return json(send(HttpRequest.newBuilder(get().gatewayUrl().resolve(path)).build()), path);
  }

  /** The revenue the gateway reports over the last hour: total base units and payment count. */
  public static Revenue revenue() {
    long now = System.currentTimeMillis() / 1000;
    long to = (now / 60 + 2) * 60;
    JsonNode r =
        operator("/operator/revenue?from=" + (to - 3_600) + "&to=" + to + "&bucketSeconds=60");
    return new Revenue(new BigInteger(r.get("total").asText()), r.get("payments").asLong());
  }

  public record Revenue(BigInteger total, long payments) {}

  /** Asks the site's faucet to send its amount to {@code address} (a channel: a deposit). */
  public static BigInteger faucet(String address) {
    HttpRequest request =
        HttpRequest.newBuilder(get().siteUrl().resolve("/faucet"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"address\":\"" + address + "\"}"))
            .build();
    return new BigInteger(json(send(request), "/faucet").get("amount").asText());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(HttpResponse<String> response, String what) {
    if (response.statusCode() != 200) {
      throw new AssertionError(what + " answered " + response.statusCode() + " " + response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static URI site(String path) {
    return get().siteUrl().resolve(path);
  }
}
