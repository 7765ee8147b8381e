package dev.tollgate.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.functions.GatewayApplication;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.StoredTables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A priced article asked for under the free route's prefix, spelled so that something downstream
 * would read it as the article ({@code curl --path-as-is /paid/free/../articles/x}), must not be
 * served free: every such spelling is refused {@code 400 non_canonical_path}, over Netty (the path
 * sent byte for byte on a socket) and through the Lambda handler (API Gateway's raw path).
 */
class NonCanonicalPathsTest extends OnStackTest {
  private static final List<String> CROOKED =
      List.of(
          "/paid/free/../articles/x",
          "/paid/free/./x",
          "/paid/free/%2e%2e/articles/x",
          "/paid/free/%2E%2E/articles/x",
          "/paid/free/.%2e/articles/x",
          "/paid/free%2f..%2farticles/x",
          "/paid//articles/x",
          "/paid/free/..",
          "/paid/%61rticles/x",
          "/paid/free/%252e%252e/articles/x",
          "/paid/free/%zz",
          "/paid/free\\..\\articles/x");

  @Test
  void crookedPathsAreRefusedThroughTheLambdaHandler() {
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();
    for (String path : CROOKED) {
      LambdaInvoker.Response r = stack.lambda().get(path, Map.of());
      assertThat(r.status()).as(path + " → " + r.body()).isEqualTo(400);
      assertThat(ChannelJson.parse(r.body()).get("error").asText())
          .as(path)
          .isEqualTo("non_canonical_path");
    }
    // A malformed query once ended the invocation in a bare 500 before any route ran.
    var event = LambdaInvoker.request("GET", "/paid/free/x").toEvent();
    event.setRawQueryString("page=%zz");
    LambdaInvoker.Response query = stack.lambda().invoke(event);
    assertThat(query.status()).as(query.body()).isEqualTo(400);
    assertThat(ChannelJson.parse(query.body()).get("error").asText())
        .isEqualTo("malformed_request");
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
  }

  @Test
  void crookedPathsAreRefusedOverNetty() throws Exception {
    Map<String, Object> properties = new HashMap<>(stack.properties());
    properties.put("tollgate.tables.create", false);
    properties.put("micronaut.server.host", "127.0.0.1");
    properties.put("micronaut.server.port", -1);
    try (ApplicationContext netty = GatewayApplication.start(properties)) {
      int port = netty.getBean(EmbeddedServer.class).getPort();
      for (String path : CROOKED) {
        String answer = rawGet(port, path);
        // Netty itself may refuse a malformed request line (400) before the gateway sees it;
        // what must never come back is the free route's 200 or the article's 402.
        assertThat(statusOf(answer)).as(path + " → " + answer).isEqualTo(400);
        assertThat(answer).as(path).doesNotContain("\"price\"");
      }
      // The plain spellings still answer as their routes do.
      assertThat(statusOf(rawGet(port, "/paid/free/x"))).isEqualTo(200);
      String article = rawGet(port, "/paid/articles/x");
      assertThat(statusOf(article)).isEqualTo(402);
      assertThat(article.toLowerCase()).contains("payment-required");
      // An escaped character that has no plain form in a path stays allowed.
      assertThat(statusOf(rawGet(port, "/paid/free/caf%C3%A9"))).isEqualTo(200);
    }
  }

  /** A GET with the path exactly as given: no client library normalises it on the way. */
  private static String rawGet(int port, String path) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  private static int statusOf(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }
}
