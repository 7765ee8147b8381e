package dev.tollgate.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.Conservation;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.PublisherCalls;
import dev.tollgate.functions.harness.StoredTables;
import dev.tollgate.x402.PayerLock;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Payer-locked requirements through the x402 facilitator routes: a stock x402 server builds its
 * requirement from {@code /supported} alone (no {@code /quote}), the payer locks its create with a
 * salt of its own bound to the resource, and the gateway resolves it with the preImage it derives.
 * Each attack is a well-formed request that tries to pay less, pay for another resource, or change
 * the terms; each is an answer that charges nothing and stores nothing.
 */
class PayerLockedFacilitatorTest extends OnStackTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(100_000);
  private static final BigInteger PRICE = BigInteger.valueOf(1_500);
  private static final String URL = "https://news.example/api/locked";
  private static final String OTHER_URL = "https://news.example/api/other";
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void aRequirementBuiltFromSupportedAlonePaysTwiceAtThePrice() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    PublisherCalls news = PublisherCalls.of(stack);
    ObjectNode requirement = requirement(PRICE);
    // A stock server writes keys of its own into the extra; they are echoed, not refused.
    ((ObjectNode) requirement.get("extra")).put("paymentFlow", "upfront");

    for (int i = 1; i <= 2; i++) {
      Bytes32 salt = salt();
      ChannelUpdate create = create(payer, PRICE, PayerLock.lockHash(salt, URL), requirement);
      String body = body(requirement, URL, create, salt, requirement);

      JsonNode verified = PublisherCalls.json(news.post("/verify", body));
      LambdaInvoker.Response settled = news.post("/settle", body);

      assertThat(verified.get("isValid").asBoolean()).as(verified.toString()).isTrue();
      JsonNode settlement = ChannelJson.parse(settled.body());
      assertThat(settlement.get("success").asBoolean()).as(settled.body()).isTrue();
      JsonNode resolve = settlement.get("extensions").get("vector-hashlock").get("resolveUpdate");
      assertThat(resolve.get("details").get("transferResolver").get("preImage").asText())
          .isEqualTo(PayerLock.preImage(salt, URL).toHex());
      assertCharged(payer, PRICE.multiply(BigInteger.valueOf(i)));
      payer.sync();
    }
  }

  @Test
  void aPaymentCannotBeMovedCheapenedOrReTermedAndEachRefusalChargesNothing() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    PublisherCalls news = PublisherCalls.of(stack);
    ObjectNode requirement = requirement(PRICE);
    Bytes32 salt = salt();
    ChannelUpdate create = create(payer, PRICE, PayerLock.lockHash(salt, URL), requirement);
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();

    // Another resource of the same publisher, at the same price: the lock names the first.
    assertInvalid(
        news.post("/settle", body(requirement, OTHER_URL, create, salt, requirement)),
        "lock_mismatch:");
    // A salt other than the one the lock was made from.
    assertInvalid(
        news.post("/settle", body(requirement, URL, create, salt(), requirement)),
        "lock_mismatch:");
    // The server names a resource and the payload another.
    ObjectNode named =
        (ObjectNode) ChannelJson.parse(body(requirement, URL, create, salt, requirement));
    named.put("resource", OTHER_URL);
    assertInvalid(news.post("/settle", ChannelJson.write(named)), "resource_mismatch:");
    // The server's price is above what the payer accepted.
    ObjectNode dearer = requirement(PRICE.add(BigInteger.ONE));
    assertInvalid(
        news.post("/settle", body(requirement, URL, create, salt, dearer)), "below_price:");
    // The payer accepts the price but locks one base unit.
    ChannelUpdate cheap = create(payer, BigInteger.ONE, PayerLock.lockHash(salt, URL), requirement);
    assertInvalid(
        news.post("/settle", body(requirement, URL, cheap, salt, requirement)),
        "price_below_quote:");
    // Terms other than the gateway's: a shorter transfer timeout, a lock that expires, another
    // channel factory.
    ObjectNode shortTimeout = edited(requirement, e -> e.put("transferTimeout", "60"));
    assertInvalid(
        news.post("/settle", body(shortTimeout, URL, create, salt, shortTimeout)),
        "lock_mismatch:");
    ObjectNode expiring = edited(requirement, e -> e.put("lockExpiry", "1"));
    assertInvalid(
        news.post("/settle", body(expiring, URL, create, salt, expiring)), "lock_mismatch:");
    ObjectNode factory =
        edited(
            requirement,
            e -> e.put("channelFactoryAddress", "0x000000000000000000000000000000000000dead"));
    assertInvalid(
        news.post("/settle", body(factory, URL, create, salt, factory)),
        "invalid_payment_requirements:");
    // Another payee.
    ObjectNode payTo = requirement.deepCopy();
    payTo.put("payTo", payer.payer().address().toChecksumHex());
    assertInvalid(news.post("/settle", body(payTo, URL, create, salt, payTo)), "wrong_pay_to:");

    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
    assertCharged(payer, BigInteger.ZERO);

    // The honest payment is still good, once.
    String honest = body(requirement, URL, create, salt, requirement);
    assertThat(ChannelJson.parse(news.post("/settle", honest).body()).get("success").asBoolean())
        .isTrue();
    JsonNode again = ChannelJson.parse(news.post("/settle", honest).body());
    assertThat(again.get("success").asBoolean()).isFalse();
    assertThat(again.get("errorMessage").asText()).startsWith("payment_already_used:");
    assertCharged(payer, PRICE);
  }

  @Test
  void anotherPublisherCannotSettleItNeitherForTheResourceNorForOneOfItsOwn() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    PublisherCalls blog = new PublisherCalls(stack.lambda(), GatewayStack.OTHER_PUBLISHER_TOKEN);
    ObjectNode requirement = requirement(PRICE);
    Bytes32 salt = salt();
    ChannelUpdate create = create(payer, PRICE, PayerLock.lockHash(salt, URL), requirement);
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();

    LambdaInvoker.Response notItsOwn =
        blog.post("/settle", body(requirement, URL, create, salt, requirement));
    LambdaInvoker.Response moved =
        blog.post(
            "/settle", body(requirement, "https://blog.example/post", create, salt, requirement));
    LambdaInvoker.Response stranger =
        new PublisherCalls(stack.lambda(), "not-a-publisher-token")
            .post("/settle", body(requirement, URL, create, salt, requirement));

    assertThat(notItsOwn.status()).as(notItsOwn.body()).isEqualTo(403);
    assertInvalid(moved, "lock_mismatch:");
    assertThat(stranger.status()).isEqualTo(401);
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
    assertCharged(payer, BigInteger.ZERO);
  }

  @Test
  void aPayerLockedPaymentDoesNotBuyAGatewayRoute() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    String path = GatewayStack.ARTICLES + "locked";
    ObjectNode requirement = requirement(GatewayStack.ARTICLE_PRICE);
    Bytes32 salt = salt();
    ChannelUpdate create =
        create(payer, GatewayStack.ARTICLE_PRICE, PayerLock.lockHash(salt, path), requirement);
    ObjectNode payment =
        (ObjectNode)
            ChannelJson.parse(body(requirement, path, create, salt, requirement))
                .get("paymentPayload");
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();

    LambdaInvoker.Response r =
        stack
            .lambda()
            .get(
                path,
                Map.of(
                    "PAYMENT-SIGNATURE",
                    java.util.Base64.getEncoder()
                        .encodeToString(
                            ChannelJson.write(payment)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))));

    // The gateway's own routes sell on its quotes only: the payer's lock is not one.
    assertThat(r.status()).as(r.body()).isBetween(400, 402);
    assertThat(r.body()).contains("lock").doesNotContain("aliceSignature");
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
    assertCharged(payer, BigInteger.ZERO);
  }

  /** The requirement a stock server builds: the x402 fields and {@code payerLockExtra}. */
  private ObjectNode requirement(BigInteger amount) {
    JsonNode kind =
        ChannelJson.parse(stack.lambda().get("/supported", Map.of()).body()).get("kinds").get(0);
    ObjectNode r = ChannelJson.MAPPER.createObjectNode();
    r.put("scheme", "vector-hashlock");
    r.put("network", kind.get("network").asText());
    r.put("amount", amount.toString());
    r.put("asset", kind.get("extra").get("asset").asText());
    r.put("payTo", kind.get("extra").get("payTo").asText());
    r.put("maxTimeoutSeconds", 60);
    r.set("extra", kind.get("extra").get("payerLockExtra").deepCopy());
    return r;
  }

  private static ObjectNode edited(ObjectNode requirement, Consumer<ObjectNode> edit) {
    ObjectNode copy = requirement.deepCopy();
    edit.accept((ObjectNode) copy.get("extra"));
    return copy;
  }

  private static ChannelUpdate create(
      HttpPayer payer, BigInteger amount, Bytes32 lockHash, ObjectNode requirement) {
    JsonNode extra = requirement.get("extra");
    return payer
        .payer()
        .pay(
            assetOf(requirement),
            Uint256.of(amount),
            lockHash,
            Uint256.ZERO,
            Long.parseLong(extra.get("transferTimeout").asText()),
            HttpPayer.now());
  }

  private static dev.tollgate.core.value.Address assetOf(ObjectNode requirement) {
    return dev.tollgate.core.value.Address.fromHex(requirement.get("asset").asText());
  }

  private static String body(
      ObjectNode accepted, String url, ChannelUpdate create, Bytes32 salt, ObjectNode required) {
    ObjectNode payload = ChannelJson.MAPPER.createObjectNode();
    payload.put("x402Version", 2);
    payload.putObject("resource").put("url", url).put("description", "").put("mimeType", "");
    payload.set("accepted", accepted.deepCopy());
    ObjectNode p = payload.putObject("payload");
    p.set("update", ChannelJson.toJson(create));
    p.put("lockSalt", salt.toHex());
    ObjectNode body = ChannelJson.MAPPER.createObjectNode();
    body.put("x402Version", 2);
    body.set("paymentPayload", payload);
    body.set("paymentRequirements", required.deepCopy());
    return ChannelJson.write(body);
  }

  private static Bytes32 salt() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Bytes32.of(b);
  }

  private static void assertInvalid(LambdaInvoker.Response r, String messageStart) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode answer = ChannelJson.parse(r.body());
    assertThat(answer.get("success").asBoolean()).as(r.body()).isFalse();
    assertThat(answer.get("errorMessage").asText()).as(r.body()).startsWith(messageStart);
    assertThat(r.body()).doesNotContain("aliceSignature");
  }

  private void assertCharged(HttpPayer payer, BigInteger spent) {
    Channel stored = JsonAssert.stored(stack, payer);
    assertThat(stored.state().balances().get(0).amount(0).value()).isEqualTo(spent);
    assertThat(stored.state().balances().get(0).amount(1).value())
        .isEqualTo(DEPOSIT.subtract(spent));
    assertThat(stored.activeTransfers()).isEmpty();
    assertThat(Conservation.heldAndLocked(stored)).isEqualTo(DEPOSIT);
  }
}
