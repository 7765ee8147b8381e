package dev.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.read.SignedRead;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The gateway's channel API over {@code java.net.http} (README "HTTP API"): JSON in, JSON out,
 * failures to connect as {@link GatewayUnreachableException}. Interpreting an answer is the
 * caller's business; this class only says what came back.
 */
final class GatewayApi {
  /** The largest page {@code GET /channels/{a}/updates} serves. */
  static final int PAGE = 100;

  private final HttpClient http;
  private final String base;
  private final Duration timeout;
  private final Signer payer;
  private final Clock clock;

  /**
   * @param payer the channel key, which signs every channel read ({@code TOLLGATE-AUTH})
   * @param clock the time those reads carry; the gateway refuses one far from its own clock
   */
  GatewayApi(HttpClient http, URI base, Duration timeout, Signer payer, Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    String b = Objects.requireNonNull(base, "base").toString();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.payer = Objects.requireNonNull(payer, "payer");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A JSON answer and its status. */
  record Answer(String route, int status, JsonNode body) {
    boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    /** The gateway's {@code error} (its errorReason), or {@code "http_<status>"} without one. */
    String error() {
      JsonNode e = body.get("error");
      return e != null && e.isTextual() ? e.asText() : "http_" + status;
    }

    String detail() {
      JsonNode d = body.get("detail");
      return d != null && d.isTextual() ? d.asText() : body.toString();
    }

    RefusedException refused(String action) {
      return new RefusedException(action + " (" + route + ")", status, error(), detail());
    }

    /** The {@code updates} array of a channel answer, read by channel-core's codec. */
    List<ChannelUpdate> updates() throws ChannelStateException {
      JsonNode array = body.get("updates");
      if (array == null || !array.isArray()) {
        throw new ChannelStateException(route + " answered " + status + " without an updates list");
      }
      List<ChannelUpdate> out = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        try {
          out.add(ChannelJson.update(array.get(i), "updates[" + i + "]"));
        } catch (IllegalArgumentException e) {
          throw new ChannelStateException(
              route + " answered an unreadable update: " + e.getMessage());
        }
      }
      return out;
    }
  }

  URI base() {
    return URI.create(base);
  }

  GatewayInfo info() throws IOException, InterruptedException {
    Answer a = get("/gateway");
    if (!a.isSuccess()) {
      throw new TollgateException(
          "GET /gateway answered "
              + a.status()
              + ": "
              + a.body()
              + " (is "
              + base
              + " a gateway?)");
    }
    try {
      return GatewayInfo.fromJson(a.body());
    } catch (IllegalArgumentException e) {
      throw new TollgateException(
          "the gateway at " + base + " describes itself badly: " + e.getMessage(), e);
    }
  }

  Answer channel(Address channel) throws IOException, InterruptedException {
    return signedRead(channel, "/channels/" + channel.toChecksumHex());
  }

  Answer updatesAfter(Address channel, long nonce) throws IOException, InterruptedException {
    return signedRead(
        channel,
        "/channels/" + channel.toChecksumHex() + "/updates?after=" + nonce + "&limit=" + PAGE);
  }

  /**
   * {@code GET path} with the payer's {@code TOLLGATE-AUTH}, signed over the path and query exactly
   * as the request sends them (a base URL's own path included).
   */
  private Answer signedRead(Address channel, String path) throws IOException, InterruptedException {
    URI uri = URI.create(base + path);
    String sent = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    SignedRead read = SignedRead.sign(payer, "GET", sent, channel, clock.nowSeconds());
    return exchange(
        "GET " + path, request(path).header(SignedRead.HEADER, read.header()).GET().build());
  }

  Answer open(ChannelUpdate setup) throws IOException, InterruptedException {
    return post("/channels", setup);
  }

  Answer deposit(Address channel, ChannelUpdate deposit) throws IOException, InterruptedException {
    return post("/channels/" + channel.toChecksumHex() + "/deposits", deposit);
  }

  private Answer get(String path) throws IOException, InterruptedException {
    return exchange("GET " + path, request(path).GET().build());
  }

  private Answer post(String path, ChannelUpdate update) throws IOException, InterruptedException {
    ObjectNode body = ChannelJson.MAPPER.createObjectNode();
    body.set("update", ChannelJson.toJson(update));
    HttpRequest r =
        request(path)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(ChannelJson.MAPPER.writeValueAsString(body)))
            .build();
    return exchange("POST " + path, r);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(timeout)
        .header("accept", "application/json");
  }

  private Answer exchange(String route, HttpRequest request)
      throws IOException, InterruptedException {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new GatewayUnreachableException(
          "the gateway at " + base + " is unreachable (" + route + "): " + describe(e), e);
    }
    JsonNode body;
    try {
      body = ChannelJson.parse(response.body());
    } catch (IllegalArgumentException e) {
      throw new TollgateException(
          route
              + " answered "
              + response.statusCode()
              + " with a body that is not JSON: "
              + e.getMessage());
    }
    return new Answer(route, response.statusCode(), body);
  }

  static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
