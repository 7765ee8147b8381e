package dev.tollgate.functions.api;

import static dev.tollgate.functions.api.BadPayments.DEPOSIT;
import static dev.tollgate.functions.api.BadPayments.accepted;
import static dev.tollgate.functions.api.BadPayments.base64;
import static dev.tollgate.functions.api.BadPayments.payload;
import static dev.tollgate.functions.api.BadPayments.tamper;
import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static dev.tollgate.functions.harness.GatewayStack.ARTICLE_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.StoredTables;
import dev.tollgate.functions.paywall.QuoteBook;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.ResourceInfo;
import dev.tollgate.x402.X402Headers;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad payments through the real Lambda handler, part one: the header and the quote (base64, JSON,
 * the accepted requirement, the quote id, the resource, the size). Each is refused with its status
 * and named reason, the detail names what was wrong, and nothing stored changes. The update itself
 * (signatures, channel, nonce, balance) is {@link BadPaymentUpdateLambdaTest}'s.
 */
class BadPaymentLambdaTest extends OnStackTest {
  private static final String TWO_TO_THE_256 = BigInteger.ONE.shiftLeft(256).toString();

  private BadPayments bad;

  @BeforeAll
  void start() throws Exception {
    bad = new BadPayments(stack);
  }

  @Test
  void malformedBase64IsRefusedAsInvalidPayload() throws Exception {
    HttpPayer payer = bad.funded();
    String header = bad.realPayment(payer, ARTICLES + "b64");

    var r = bad.refused(ARTICLES + "b64", "!" + header.substring(1), 400, "invalid_payload");

    assertThat(r.message()).contains("PAYMENT-SIGNATURE").contains("not base64");
    bad.stillPays(payer);
  }

  @Test
  void aControlCharacterInTheHeaderIsRefusedAsInvalidPayload() throws Exception {
    HttpPayer payer = bad.funded();
    // DEL is no HTTP field character; the Lambda adapter used to end such a request in a 500.
    String header = "\u007f" + bad.realPayment(payer, ARTICLES + "del");

    var r = bad.refused(ARTICLES + "del", header, 400, "invalid_payload");

    assertThat(r.message()).contains("PAYMENT-SIGNATURE").contains("not base64");
    bad.stillPays(payer);
  }

  @Test
  void aBlankHeaderIsRefusedAsInvalidPayload() throws Exception {
    bad.funded();

    var r = bad.refused(ARTICLES + "blank", "   ", 400, "invalid_payload");

    assertThat(r.message()).contains("PAYMENT-SIGNATURE").contains("missing or empty");
  }

  @Test
  void malformedJsonIsRefusedAsInvalidPayload() throws Exception {
    HttpPayer payer = bad.funded();
    String json = new String(Base64.getDecoder().decode(bad.realPayment(payer, ARTICLES + "j")));

    var r =
        bad.refused(
            ARTICLES + "j", base64(json.substring(0, json.length() / 2)), 400, "invalid_payload");

    assertThat(r.message()).contains("PAYMENT-SIGNATURE").contains("not JSON");
  }

  @Test
  void aMistypedFieldIsRefusedAsInvalidPayloadNamingIt() throws Exception {
    HttpPayer payer = bad.funded();
    String header =
        tamper(bad.realPayment(payer, ARTICLES + "field"), p -> payload(p).put("nonce", "three"));

    var r = bad.refused(ARTICLES + "field", header, 400, "invalid_payload");

    assertThat(r.message()).contains("payload.nonce");
  }

  @Test
  void anUnknownSchemeIsRefused() throws Exception {
    HttpPayer payer = bad.funded();
    String header =
        tamper(
            bad.realPayment(payer, ARTICLES + "scheme"), p -> accepted(p).put("scheme", "exact"));

    var r = bad.refused(ARTICLES + "scheme", header, 402, "unsupported_scheme");

    assertThat(r.message()).contains("accepted.scheme").contains("'exact'");
    bad.stillPays(payer);
  }

  @Test
  void anUnknownNetworkIsRefused() throws Exception {
    HttpPayer payer = bad.funded();
    String header =
        tamper(
            bad.realPayment(payer, ARTICLES + "network"),
            p -> accepted(p).put("network", "eip155:1"));

    var r = bad.refused(ARTICLES + "network", header, 402, "invalid_network");

    assertThat(r.message()).contains("eip155:1").contains("eip155:31337");
  }

  @Test
  void aWrongAssetIsRefused() throws Exception {
    HttpPayer payer = bad.funded();
    Address other = Address.fromHex("0x00000000000000000000000000000000000000aa");
    String header =
        tamper(
            bad.realPayment(payer, ARTICLES + "asset"),
            p -> accepted(p).put("asset", other.toString()));

    var r = bad.refused(ARTICLES + "asset", header, 402, "wrong_asset");

    assertThat(r.message()).contains(other.toString()).contains(stack.token().toString());
  }

  @Test
  void aWrongPayToIsRefused() throws Exception {
    HttpPayer payer = bad.funded();
    Address other = payer.payer().address();
    String header =
        tamper(
            bad.realPayment(payer, ARTICLES + "payto"),
            p -> accepted(p).put("payTo", other.toString()));

    var r = bad.refused(ARTICLES + "payto", header, 402, "wrong_pay_to");

    assertThat(r.message()).contains("payTo " + other).contains(bad.gateway().toString());
    bad.stillPays(payer);
  }

  @Test
  void anAcceptedPriceBelowTheQuoteIsRefused() throws Exception {
    HttpPayer payer = bad.funded();
    String header =
        tamper(
            bad.realPayment(payer, ARTICLES + "cheap"),
            p -> accepted(p).put("amount", ARTICLE_PRICE.subtract(BigInteger.ONE).toString()));

    var r = bad.refused(ARTICLES + "cheap", header, 402, "price_below_quote");

    assertThat(r.message()).contains("accepted.amount 999").contains("quoted 1000");
  }

  @Test
  void aCreateLockingLessThanTheQuoteIsRefused() throws Exception {
    HttpPayer payer = bad.funded();
    PaymentRequirements quoted = bad.quote(ARTICLES + "cheaper");
    // The requirement is echoed as quoted; the signed create locks one unit less.
    Uint256 less = Uint256.of(ARTICLE_PRICE.subtract(BigInteger.ONE));
    String header =
        HttpPayer.paymentHeader(
            ARTICLES + "cheaper", quoted, payer.createFor(BadPayments.withAmount(quoted, less)));

    var r = bad.refused(ARTICLES + "cheaper", header, 402, "price_below_quote");

    assertThat(r.message()).contains("balance.amount[0]").contains("999").contains("1000");
    bad.stillPays(payer);
  }

  @Test
  void anExpiredQuoteIsRefused() throws Exception {
    HttpPayer payer = bad.funded();
    String path = ARTICLES + "expired";
    // A genuine quote from the gateway's own book, issued long enough ago to have expired.
    QuoteBook book = stack.lambda().context().getBean(QuoteBook.class);
    byte[] nonce = new byte[32];
    new SecureRandom().nextBytes(nonce);
    long issued = HttpPayer.now() - book.terms().quoteValiditySeconds() - 60;
    PaymentRequirements stale =
        book.quote(
            new ResourceInfo(path, "One article", "application/json"),
            Uint256.of(ARTICLE_PRICE),
            issued,
            Bytes32.of(nonce));
    String header = HttpPayer.paymentHeader(path, stale, payer.createFor(stale));

    var r = bad.refused(path, header, 402, "quote_expired");

    assertThat(r.message()).contains("expired at " + stale.extra().quoteExpiresAt());
    bad.stillPays(payer);
  }

  @Test
  void aForgedQuoteIsRefused() throws Exception {
    HttpPayer payer = bad.funded();
    String path = ARTICLES + "forged";
    PaymentRequirements quoted = bad.quote(path);
    // The forger lowers the price claimed inside the quote id to 1 and keeps the MAC.
    byte[] token = Base64.getUrlDecoder().decode(quoted.extra().quoteId());
    int amountAt = 1 + 8 + 32 + 16 + 16;
    assertThat(token[amountAt]).as("a 2-byte amount (1000)").isEqualTo((byte) 2);
    token[amountAt + 1] = 0;
    token[amountAt + 2] = 1;
    String forgedId = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    PaymentRequirements one = BadPayments.withAmount(quoted, Uint256.ONE);
    String header =
        tamper(
            HttpPayer.paymentHeader(path, one, payer.createFor(one)),
            p -> ((ObjectNode) accepted(p).get("extra")).put("quoteId", forgedId));

    var r = bad.refused(path, header, 402, "invalid_quote");

    assertThat(r.message()).contains("quoteId").contains(forgedId.substring(0, 20));
    bad.stillPays(payer);
  }

  @Test
  void aPaymentReplayedOnAnotherResourceIsRefusedAndOnItsOwnOnlyWithThePayersProof()
      throws Exception {
    HttpPayer payer = bad.funded();
    HttpPayer.Paid first = payer.get(ARTICLES + "a");
    assertThat(first.status()).as(first.response().toString()).isEqualTo(200);
    String receipt = first.response().header(X402Headers.PAYMENT_RESPONSE);

    var r = bad.refused(ARTICLES + "b", first.header(), 402, "resource_mismatch");
    assertThat(r.message()).contains(ARTICLES + "b");

    StoredTables.Snapshot before = bad.stored();
    LambdaInvoker.Response copy = bad.send(ARTICLES + "a", first.header());
    assertThat(copy.status()).as(copy.toString()).isEqualTo(409);
    JsonNode refusal = ChannelJson.parse(copy.body());
    assertThat(refusal.path("error").asText()).isEqualTo("payment_already_used");
    assertThat(refusal.path("detail").asText()).contains("TOLLGATE-RESEND");
    assertThat(copy.body()).doesNotContain("aliceSignature");
    assertThat(bad.stored()).as("a copy stores nothing").isEqualTo(before);
    LambdaInvoker.Response again = payer.resend(ARTICLES + "a", first.header(), 1);
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.header(X402Headers.PAYMENT_RESPONSE)).isEqualTo(receipt);
    assertThat(ChannelJson.parse(again.body()))
        .isEqualTo(ChannelJson.parse(first.response().body()));
    // The resend proof's number is recorded as used; the channel is as the first payment left it.

    // Charged once, as the gateway's stored channel says.
    Channel stored = JsonAssert.stored(stack, payer);
    assertThat(stored.state().balances().get(0).amount1().value())
        .isEqualTo(DEPOSIT.subtract(ARTICLE_PRICE));
    assertThat(stored.state().balances().get(0).amount0().value()).isEqualTo(ARTICLE_PRICE);
    bad.stillPays(payer);
  }

  @Test
  void anAcceptedAmountOf2To256IsRefusedAsInvalidAmount() throws Exception {
    HttpPayer payer = bad.funded();
    String header =
        tamper(
            bad.realPayment(payer, ARTICLES + "huge"),
            p -> accepted(p).put("amount", TWO_TO_THE_256));

    var r = bad.refused(ARTICLES + "huge", header, 400, "invalid_amount");

    assertThat(r.message()).contains("accepted.amount").contains("uint256");
  }

  @Test
  void aCreateAmountOf2To256IsRefusedNamingTheField() throws Exception {
    HttpPayer payer = bad.funded();
    String header =
        tamper(
            bad.realPayment(payer, ARTICLES + "huger"),
            p ->
                ((ArrayNode) payload(p).get("details").get("balance").get("amount"))
                    .set(0, ChannelJson.MAPPER.getNodeFactory().textNode(TWO_TO_THE_256)));

    var r = bad.refused(ARTICLES + "huger", header, 400, "invalid_payload");

    assertThat(r.message()).contains("payload.details.balance.amount[0]").contains("uint256");
    bad.stillPays(payer);
  }

  @Test
  void anOversizedHeaderIsRefusedWith431() throws Exception {
    HttpPayer payer = bad.funded();
    // A genuine payment, padded in its (free-form) extensions past the limit.
    String header =
        tamper(
            bad.realPayment(payer, ARTICLES + "big"),
            p ->
                p.putObject("extensions").put("padding", "x".repeat(X402Headers.MAX_HEADER_CHARS)));
    assertThat(header.length()).isGreaterThan(X402Headers.MAX_HEADER_CHARS);

    var r = bad.refused(ARTICLES + "big", header, 431, "payment_header_too_large");

    assertThat(r.message())
        .contains("PAYMENT-SIGNATURE header is " + header.length())
        .contains(Integer.toString(X402Headers.MAX_HEADER_CHARS));
    bad.stillPays(payer);
  }
}
