package dev.tollgate.functions.api;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static dev.tollgate.functions.harness.GatewayStack.ARTICLE_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.x402.PaymentRequired;
import dev.tollgate.x402.X402Headers;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The paid request through the real Lambda handler, against anvil and DynamoDB Local: quote, pay,
 * serve, many times on one channel, with the payer checking every answer itself.
 */
class PaidRequestLambdaTest extends OnStackTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(1_000_000);

  private HttpPayer funded() throws Exception {
    return funded(DEPOSIT);
  }

  @Test
  void anUnpaidRequestGetsAQuoteInPaymentRequired() {
    LambdaInvoker.Response r = stack.lambda().get(ARTICLES + "unpaid", Map.of());

    assertThat(r.status()).isEqualTo(402);
    PaymentRequired required =
        X402Headers.decodePaymentRequired(r.header(X402Headers.PAYMENT_REQUIRED)).value();
    assertThat(required.resource().url()).isEqualTo(ARTICLES + "unpaid");
    assertThat(required.accepts()).hasSize(1);
    assertThat(required.accepts().get(0).scheme()).isEqualTo("vector-hashlock");
    assertThat(required.accepts().get(0).network()).isEqualTo("eip155:31337");
    assertThat(required.accepts().get(0).amount()).isEqualTo(Uint256.of(ARTICLE_PRICE));
    assertThat(required.accepts().get(0).payTo()).isEqualTo(gateway);
    assertThat(required.accepts().get(0).asset()).isEqualTo(stack.token());
  }

  @Test
  void everyPaidCallIsChargedOnceAndSignedByTheGateway() throws Exception {
    HttpPayer payer = funded();
    int calls = 40;

    for (int i = 0; i < calls; i++) {
      HttpPayer.Paid paid = payer.get(ARTICLES + "story-" + i);

      assertThat(paid.status()).as(paid.response().body()).isEqualTo(200);
      assertThat(ChannelJson.parse(paid.response().body()).get("resource").asText())
          .isEqualTo(ARTICLES + "story-" + i);
      ChannelUpdate create = paid.settlement().createUpdate().orElseThrow();
      ChannelUpdate resolve = paid.settlement().resolveUpdate().orElseThrow();
      assertThat(resolve.nonce()).isEqualTo(create.nonce() + 1);
      assertThat(resolve.fromIdentifier()).isEqualTo(gateway);
    }

    Channel view = payer.payer().view();
    assertThat(
            Secp256k1Signatures.isSignedBy(
                ChannelHashes.channelDigest(view.state()),
                view.latestUpdate().orElseThrow().aliceSignature().orElseThrow(),
                gateway))
        .isTrue();
    BigInteger spent = ARTICLE_PRICE.multiply(BigInteger.valueOf(calls));
    assertThat(payer.payer().balanceOf(stack.token(), 1).value())
        .isEqualTo(DEPOSIT.subtract(spent));
    assertThat(payer.payer().balanceOf(stack.token(), 0).value()).isEqualTo(spent);
    JsonAssert.assertStoredMatches(stack, payer, DEPOSIT);
  }

  @Test
  void aPaymentSentAgainWithItsResendProofGetsTheSameAnswerAndIsChargedOnce() throws Exception {
    HttpPayer payer = funded();
    HttpPayer.Paid first = payer.get(ARTICLES + "retried");
    assertThat(first.status()).isEqualTo(200);

    LambdaInvoker.Response again = payer.resend(ARTICLES + "retried", first.header(), 1);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header(X402Headers.PAYMENT_RESPONSE))
        .isEqualTo(first.response().header(X402Headers.PAYMENT_RESPONSE));
    Channel stored = JsonAssert.stored(stack, payer);
    assertThat(stored.state().balances().get(0).amount(0).value()).isEqualTo(ARTICLE_PRICE);
    JsonAssert.assertStoredMatches(stack, payer, DEPOSIT);
  }

  @Test
  void aClientBehindGets409WithoutAStateAndPaysAfterASignedCatchUp() throws Exception {
    HttpPayer phone = funded();
    HttpPayer laptop = phone.twin();
    assertThat(phone.get(ARTICLES + "on-the-phone").status()).isEqualTo(200);

    HttpPayer.Paid behind = laptop.get(ARTICLES + "on-the-laptop");

    assertThat(behind.status()).isEqualTo(409);
    assertThat(behind.settlement().errorReason()).contains("stale_nonce");
    // No stored state in the refusal: the laptop catches up with a signed read of its channel.
    assertThat(behind.settlement().toJson().has("latestUpdate")).isFalse();
    laptop.sync();
    assertThat(laptop.get(ARTICLES + "on-the-laptop").status()).isEqualTo(200);
    assertThat(laptop.payer().balanceOf(stack.token(), 0).value())
        .isEqualTo(ARTICLE_PRICE.multiply(BigInteger.TWO));
    JsonAssert.assertStoredMatches(stack, laptop, DEPOSIT);
  }

  @Test
  void theFreeRouteIsServedWithoutPayment() {
    LambdaInvoker.Response r = stack.lambda().get(GatewayStack.FREE + "anything", Map.of());

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.findHeader(X402Headers.PAYMENT_REQUIRED)).isEmpty();
    assertThat(ChannelJson.parse(r.body()).get("price").asText()).isEqualTo("0");
  }

  @Test
  void aPathNoRouteCoversIsNotFound() {
    LambdaInvoker.Response r = stack.lambda().get("/paid/elsewhere/x", Map.of());

    assertThat(r.status()).isEqualTo(404);
    assertThat(ChannelJson.parse(r.body()).get("error").asText()).isEqualTo("no_such_resource");
  }
}
