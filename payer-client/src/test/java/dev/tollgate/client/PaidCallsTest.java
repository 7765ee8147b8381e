package dev.tollgate.client;

import static dev.tollgate.client.LiveGateway.PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.functions.harness.Conservation;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.x402.X402Headers;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Paid calls to the gateway's own {@code /paid/articles/...} over real HTTP. */
class PaidCallsTest {
  @RegisterExtension static final LiveGateway gateway = new LiveGateway();

  @TempDir Path dir;

  @Test
  void aPaidCallIsServedAndTheReceiptTakenIn() throws Exception {
    TollgateClient client = gateway.funded(LiveGateway.newKey(), dir.resolve("c.json"), 10_000);
    long nonceBefore = client.channel().nonce();

    HttpResponse<String> r = get(client, "first");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = ChannelJson.parse(r.body());
    assertThat(body.get("resource").asText()).isEqualTo(GatewayStack.ARTICLES + "first");
    assertThat(body.get("transferId").asText()).startsWith("0x");
    assertThat(r.headers().firstValue(X402Headers.PAYMENT_RESPONSE)).isPresent();
    // the create and the gateway's resolve: two updates, both taken in
    assertThat(client.channel().nonce()).isEqualTo(nonceBefore + 2);
    assertThat(client.balance().value()).isEqualTo(BigInteger.valueOf(10_000).subtract(PRICE));
    assertThat(client.gatewayChannel().state()).isEqualTo(client.channel().state());
  }

  @Test
  void aFreeRouteIsServedWithoutPaying() throws Exception {
    TollgateClient client = gateway.funded(LiveGateway.newKey(), dir.resolve("c.json"), 5_000);
    Channel before = client.channel();

    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(gateway.base.resolve(GatewayStack.FREE + "x")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(client.channel()).isEqualTo(before);
  }

  @Test
  void anAnswerThatIsNotA402IsPassedOnUntouched() throws Exception {
    TollgateClient client = gateway.client(LiveGateway.newKey(), dir.resolve("c.json")).build();

    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(gateway.base.resolve("/paid/nowhere/x")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(ChannelJson.parse(r.body()).get("error").asText()).isEqualTo("no_such_resource");
  }

  @Test
  void twoHundredParallelCallsFromEightThreadsConserveEveryBaseUnit() throws Exception {
    long deposit = 1_000_000;
    int calls = 200;
    TollgateClient client = gateway.funded(LiveGateway.newKey(), dir.resolve("c.json"), deposit);
    Channel before = client.channel();

    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < calls; i++) {
        String slug = "parallel-" + i;
        answers.add(threads.submit(() -> get(client, slug)));
      }
      Set<String> transfers = new HashSet<>();
      for (Future<HttpResponse<String>> f : answers) {
        HttpResponse<String> r = f.get(5, TimeUnit.MINUTES);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        transfers.add(ChannelJson.parse(r.body()).get("transferId").asText());
      }
      assertThat(transfers).hasSize(calls);
    } finally {
      threads.shutdownNow();
    }

    BigInteger spent = PRICE.multiply(BigInteger.valueOf(calls));
    Channel mine = client.channel();
    Channel stored = client.gatewayChannel();
    assertThat(mine.nonce()).isEqualTo(before.nonce() + 2L * calls);
    assertThat(stored.state()).isEqualTo(mine.state());
    assertThat(stored.activeTransfers()).isEmpty();
    int asset = stored.state().assetIndex(gateway.stack.token());
    assertThat(stored.state().balances().get(asset).amount(0).value()).isEqualTo(spent);
    assertThat(stored.state().balances().get(asset).amount(1).value())
        .isEqualTo(BigInteger.valueOf(deposit).subtract(spent));
    assertThat(client.balance().value()).isEqualTo(BigInteger.valueOf(deposit).subtract(spent));
    assertThat(Conservation.heldAndLocked(stored)).isEqualTo(BigInteger.valueOf(deposit));
  }

  @Test
  void theStateFileHoldsTheNewestState() throws Exception {
    Signer key = LiveGateway.newKey();
    Path file = dir.resolve("nested/dir/c.json");
    TollgateClient client = gateway.funded(key, file, 10_000);
    get(client, "saved");

    Channel saved = new ChannelStateFile(file).load(client.channel()).orElseThrow();

    assertThat(saved).isEqualTo(client.channel());
    try (var files = java.nio.file.Files.list(file.getParent())) {
      assertThat(files).containsExactly(file); // no temporary file left behind
    }
  }

  static HttpResponse<String> get(TollgateClient client, String slug) throws Exception {
    return client.send(
        HttpRequest.newBuilder(gateway.article(slug)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
