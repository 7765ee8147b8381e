package dev.tollgate.functions.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON-RPC endpoint on loopback that forwards every request to a node and records it, so a test
 * can count what a function asked the chain for and read the parameters (a log filter's addresses).
 */
public final class RecordingRpcProxy implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI node;
  private final List<JsonNode> requests = new ArrayList<>();

  private RecordingRpcProxy(URI node) throws IOException {
    this.node = node;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          record(body);
          byte[] answer;
          try {
            answer =
                client
                    .send(
                        HttpRequest.newBuilder(node)
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                    .body();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
          }
          exchange.getResponseHeaders().add("content-type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
  }

  /** A proxy of the node at {@code nodeUrl}. */
  public static RecordingRpcProxy of(String nodeUrl) throws IOException {
    return new RecordingRpcProxy(URI.create(nodeUrl));
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private synchronized void record(byte[] body) throws IOException {
    JsonNode request = JSON.readTree(body);
    if (request.isArray()) {
      request.forEach(requests::add);
    } else {
      requests.add(request);
    }
  }

  /** The JSON-RPC requests received since the last {@link #clear()}, in order. */
  public synchronized List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  public synchronized void clear() {
    requests.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
