package dev.tollgate.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.PublisherCalls;
import dev.tollgate.functions.harness.StoredTables;
import dev.tollgate.x402.PaymentRequirements;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A create's {@code meta} is not signed and is stored with the channel, so a payer could attach as
 * much as a request carries and make the gateway pay for writing it on every update: meta over 1
 * KiB is refused when the update is read, on the channel route and on the facilitator routes, and
 * stores nothing; routing data of ordinary size is taken.
 */
class CreateMetaLambdaTest extends OnStackTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(100_000);

  /** {@code create} with a meta object whose one string field makes it about {@code size} bytes. */
  private static ObjectNode withMeta(ChannelUpdate create, int size) {
    ObjectNode json = ChannelJson.toJson(create);
    ((ObjectNode) json.get("details")).putObject("meta").put("note", "x".repeat(size));
    return json;
  }

  private static String body(ObjectNode update) {
    ObjectNode body = ChannelJson.MAPPER.createObjectNode();
    body.set("update", update);
    return ChannelJson.write(body);
  }

  @Test
  void oversizedMetaOnTheChannelRouteIsRefusedByNameAndStoresNothing() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    ChannelUpdate create = payer.createFor(payer.quote(GatewayStack.ARTICLES + "meta"));
    String transfers = "/channels/" + payer.channel() + "/transfers";
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();

    LambdaInvoker.Response big = payer.post(transfers, body(withMeta(create, 1_100)));

    assertThat(big.status()).as(big.body()).isEqualTo(400);
    assertThat(big.body()).contains("details.meta").contains("at most 1024");
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);

    LambdaInvoker.Response small = payer.post(transfers, body(withMeta(create, 200)));

    assertThat(small.status()).as(small.body()).isEqualTo(200);
    JsonNode stored = ChannelJson.parse(small.body()).get("updates").get(0);
    assertThat(stored.get("details").get("meta").get("note").asText()).hasSize(200);
  }

  @Test
  void oversizedMetaOnSettleIsAnAnswerThatChargesNothing() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    PublisherCalls news = PublisherCalls.of(stack);
    String url = "https://news.example/api/meta";
    PaymentRequirements quote = news.quote(url, BigInteger.valueOf(900));
    ChannelUpdate create = payer.createFor(quote);
    ObjectNode request =
        (ObjectNode)
            ChannelJson.parse(
                PublisherCalls.body(url, BigInteger.valueOf(900), quote, create, Optional.empty()));
    ((ObjectNode) request.get("paymentPayload")).set("payload", withMeta(create, 5_000));
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();

    LambdaInvoker.Response r = news.post("/settle", ChannelJson.write(request));

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("details.meta");
    assertThat(r.body()).doesNotContain("aliceSignature");
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
  }
}
