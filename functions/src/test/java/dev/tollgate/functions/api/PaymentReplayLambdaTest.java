package dev.tollgate.functions.api;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static dev.tollgate.functions.harness.GatewayStack.ARTICLE_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.PublisherCalls;
import dev.tollgate.functions.harness.StoredTables;
import dev.tollgate.x402.PaymentPayload;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.ResendProof;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 3: one payment, unlimited calls. A {@code PAYMENT-SIGNATURE} serves its resource
 * once; a copy (later, or at the same time) is refused with {@code payment_already_used} and stores
 * nothing, unless it carries the payer's {@code TOLLGATE-RESEND} proof, each number once and at
 * most {@code tollgate.paywall.max-resends} (3). Item 12: a quote's create sent to the channel
 * route first is then settled, once.
 */
class PaymentReplayLambdaTest extends OnStackTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(1_000_000);

  @Test
  void samePaymentHeaderServesOnceOnPaid() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    HttpPayer.Paid first = payer.get(ARTICLES + "once");
    assertThat(first.status()).isEqualTo(200);
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();

    for (int i = 0; i < 10; i++) {
      LambdaInvoker.Response copy =
          stack
              .lambda()
              .get(ARTICLES + "once", Map.of(X402Headers.PAYMENT_SIGNATURE, first.header()));
      assertAlreadyUsed(copy, first.settlement());
    }

    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
    assertChargedOnce(payer, 1);
  }

  @Test
  void samePaymentSentAgainToSettleIsRefusedWithItsTransfer() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    String path = ARTICLES + "settled-once";
    PaymentRequirements quote = PublisherCalls.of(stack).quote(path, ARTICLE_PRICE);
    ChannelUpdate create = payer.createFor(quote);
    LambdaInvoker.Response first = settle(path, quote, create, Optional.empty());
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    SettlementResponse settled = SettlementResponse.fromJson(ChannelJson.parse(first.body()), "$");
    payer
        .payer()
        .accept(
            List.of(settled.createUpdate().orElseThrow(), settled.resolveUpdate().orElseThrow()),
            ChainInputs.at(HttpPayer.now()));
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();

    LambdaInvoker.Response copy = settle(path, quote, create, Optional.empty());

    assertThat(copy.status()).isEqualTo(409);
    SettlementResponse refused = SettlementResponse.fromJson(ChannelJson.parse(copy.body()), "$");
    assertThat(refused.success()).isFalse();
    assertThat(refused.errorReason()).contains("payment_already_used");
    assertThat(refused.transaction()).contains(transferId(create));
    assertThat(refused.payer()).contains(payer.payer().address());
    assertThat(refused.createUpdate()).isEmpty();
    assertThat(refused.resolveUpdate()).isEmpty();
    assertThat(refused.toJson().has("latestUpdate")).isFalse();
    assertThat(verify(path, quote, create, Optional.empty()).path("invalidReason").asText())
        .isEqualTo("payment_already_used");
    // With the payer's proof, /settle serves it again with the recorded settlement.
    String proof = proof(payer, create, 1);
    assertThat(verify(path, quote, create, Optional.of(proof)).path("isValid").asBoolean())
        .isTrue();
    LambdaInvoker.Response resent = settle(path, quote, create, Optional.of(proof));
    assertThat(resent.status()).as(resent.body()).isEqualTo(200);
    assertThat(ChannelJson.parse(resent.body())).isEqualTo(ChannelJson.parse(first.body()));
    assertThat(settle(path, quote, create, Optional.of(proof)).status()).isEqualTo(409);
    assertChargedOnce(payer, 1);
    assertThat(StoredTables.of(stack).snapshot().tables().keySet())
        .isEqualTo(before.tables().keySet());
  }

  @Test
  void thirtyTwoConcurrentCopiesOfOnePaymentServeOnce() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    String path = ARTICLES + "hot-copy";
    PaymentRequirements quote = payer.quote(path);
    ChannelUpdate create = payer.createFor(quote);
    String header = HttpPayer.paymentHeader(path, quote, create);
    int copies = 32;

    List<LambdaInvoker.Response> answers =
        race(copies, () -> stack.lambda().get(path, Map.of(X402Headers.PAYMENT_SIGNATURE, header)));

    List<LambdaInvoker.Response> served = answers.stream().filter(r -> r.status() == 200).toList();
    assertThat(served).hasSize(1);
    HttpPayer.Paid paid = payer.settled(served.get(0), header);
    for (LambdaInvoker.Response r : answers) {
      if (r.status() != 200) {
        assertAlreadyUsed(r, paid.settlement());
      }
    }
    assertChargedOnce(payer, 1);
  }

  @Test
  void strangerCannotForgeAResendProof() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    HttpPayer.Paid first = payer.get(ARTICLES + "forged");
    ChannelUpdate create = first.settlement().createUpdate().orElseThrow();
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();
    LocalKeySigner stranger = LocalKeySigner.random(new SecureRandom());

    String forged =
        ResendProof.sign(stranger, create.channelAddress(), transferId(create), 1).headerValue();
    LambdaInvoker.Response r = resend(ARTICLES + "forged", first.header(), forged);

    assertThat(r.status()).isEqualTo(403);
    assertThat(ChannelJson.parse(r.body()).get("error").asText()).isEqualTo("resend_not_by_payer");
    assertThat(r.body()).contains(stranger.address().toChecksumHex());
    SettlementResponse refused =
        X402Headers.decodePaymentResponse(r.header(X402Headers.PAYMENT_RESPONSE)).value();
    assertThat(refused.createUpdate()).isEmpty();
    assertThat(refused.resolveUpdate()).isEmpty();
    assertThat(refused.toJson().has("latestUpdate")).isFalse();
    // A proof of the payer's for another transfer, or a malformed one, is no better.
    String otherTransfer =
        ResendProof.sign(payer.payer().party().signer(), create.channelAddress(), Bytes32.ZERO, 1)
            .headerValue();
    assertThat(resend(ARTICLES + "forged", first.header(), otherTransfer).status()).isEqualTo(403);
    assertThat(resend(ARTICLES + "forged", first.header(), "1.0xnope").status()).isEqualTo(400);
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
    assertChargedOnce(payer, 1);
  }

  @Test
  void resendProofUsedTwiceIsRefused() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    HttpPayer.Paid first = payer.get(ARTICLES + "twice");
    ChannelUpdate create = first.settlement().createUpdate().orElseThrow();
    String proof = proof(payer, create, 1);

    LambdaInvoker.Response resent = resend(ARTICLES + "twice", first.header(), proof);
    assertThat(resent.status()).isEqualTo(200);
    assertThat(resent.header(X402Headers.PAYMENT_RESPONSE))
        .isEqualTo(first.response().header(X402Headers.PAYMENT_RESPONSE));
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();

    LambdaInvoker.Response again = resend(ARTICLES + "twice", first.header(), proof);

    assertThat(again.status()).isEqualTo(409);
    assertThat(ChannelJson.parse(again.body()).get("error").asText())
        .isEqualTo("resend_already_used");
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
    assertChargedOnce(payer, 1);
  }

  @Test
  void resendProofIsBoundedToMaxResends() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    HttpPayer.Paid first = payer.get(ARTICLES + "bounded");
    ChannelUpdate create = first.settlement().createUpdate().orElseThrow();
    for (int n = 1; n <= 3; n++) {
      assertThat(resend(ARTICLES + "bounded", first.header(), proof(payer, create, n)).status())
          .as("resend %d", n)
          .isEqualTo(200);
    }
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();

    LambdaInvoker.Response fourth =
        resend(ARTICLES + "bounded", first.header(), proof(payer, create, 4));

    assertThat(fourth.status()).isEqualTo(409);
    assertThat(ChannelJson.parse(fourth.body()).get("error").asText())
        .isEqualTo("resend_limit_reached");
    // An earlier number, not yet used but below the highest used, is spent too.
    assertThat(resend(ARTICLES + "bounded", first.header(), proof(payer, create, 2)).status())
        .isEqualTo(409);
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
    assertChargedOnce(payer, 1);
  }

  @Test
  void payerResendAfterLostAnswerIsServed() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    String path = ARTICLES + "lost-answer";
    PaymentRequirements quote = payer.quote(path);
    ChannelUpdate create = payer.createFor(quote);
    String header = HttpPayer.paymentHeader(path, quote, create);
    // Taken, but the answer never reached the payer.
    assertThat(stack.lambda().get(path, Map.of(X402Headers.PAYMENT_SIGNATURE, header)).status())
        .isEqualTo(200);

    HttpPayer.Paid resent = payer.settled(resend(path, header, proof(payer, create, 1)), header);

    assertThat(resent.status()).isEqualTo(200);
    assertThat(ChannelJson.parse(resent.response().body()).get("resource").asText())
        .isEqualTo(path);
    assertThat(resent.settlement().transaction()).contains(transferId(create));
    assertChargedOnce(payer, 1);
    JsonAssert.assertStoredMatches(stack, payer, DEPOSIT);
  }

  @Test
  void capturedPaymentOnTheChannelRouteRevealsNoState() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    HttpPayer.Paid first = payer.get(ARTICLES + "captured");
    PaymentPayload captured = X402Headers.decodePaymentSignature(first.header()).value();
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();

    LambdaInvoker.Response r =
        payer.post(
            "/channels/" + payer.channel() + "/transfers",
            HttpPayer.body("update", captured.payload()));

    assertThat(r.status()).isEqualTo(409);
    JsonNode body = ChannelJson.parse(r.body());
    assertThat(body.get("error").asText()).isEqualTo("payment_already_used");
    assertThat(body.has("updates")).isFalse();
    assertThat(body.has("latestUpdate")).isFalse();
    assertThat(r.body()).doesNotContain("aliceSignature");
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
    assertChargedOnce(payer, 1);
  }

  @Test
  void quoteCreateSentToTransfersFirstIsThenSettledOnceOnPaid() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    String path = ARTICLES + "transfers-first";
    PaymentRequirements quote = payer.quote(path);
    ChannelUpdate create = lockedOnTheChannelRoute(payer, quote);
    String header = HttpPayer.paymentHeader(path, quote, create);

    LambdaInvoker.Response paid =
        stack.lambda().get(path, Map.of(X402Headers.PAYMENT_SIGNATURE, header));

    assertThat(paid.status()).as(paid.body()).isEqualTo(200);
    SettlementResponse settlement =
        X402Headers.decodePaymentResponse(paid.header(X402Headers.PAYMENT_RESPONSE)).value();
    ChannelUpdate resolve = settlement.resolveUpdate().orElseThrow();
    assertThat(resolve.fromIdentifier()).isEqualTo(gateway);
    // The payer holds the countersigned create already (from the channel route): only the
    // resolve is new to it.
    payer.payer().accept(List.of(resolve), ChainInputs.at(HttpPayer.now()));
    LambdaInvoker.Response copy =
        stack.lambda().get(path, Map.of(X402Headers.PAYMENT_SIGNATURE, header));
    assertAlreadyUsed(copy, settlement);
    assertThat(JsonAssert.stored(stack, payer).activeTransfers()).isEmpty();
    assertChargedOnce(payer, 1);
    JsonAssert.assertStoredMatches(stack, payer, DEPOSIT);
  }

  @Test
  void quoteCreateSentToTransfersFirstIsThenSettledOnceOnSettle() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    String path = ARTICLES + "transfers-first-settle";
    PaymentRequirements quote = PublisherCalls.of(stack).quote(path, ARTICLE_PRICE);
    ChannelUpdate create = lockedOnTheChannelRoute(payer, quote);
    assertThat(verify(path, quote, create, Optional.empty()).path("isValid").asBoolean()).isTrue();

    LambdaInvoker.Response settled = settle(path, quote, create, Optional.empty());

    assertThat(settled.status()).as(settled.body()).isEqualTo(200);
    SettlementResponse settlement =
        SettlementResponse.fromJson(ChannelJson.parse(settled.body()), "$");
    payer
        .payer()
        .accept(List.of(settlement.resolveUpdate().orElseThrow()), ChainInputs.at(HttpPayer.now()));
    assertThat(verify(path, quote, create, Optional.empty()).path("invalidReason").asText())
        .isEqualTo("payment_already_used");
    assertThat(settle(path, quote, create, Optional.empty()).status()).isEqualTo(409);
    assertThat(JsonAssert.stored(stack, payer).activeTransfers()).isEmpty();
    assertChargedOnce(payer, 1);
    JsonAssert.assertStoredMatches(stack, payer, DEPOSIT);
  }

  /**
   * The payer sends its quote's create to {@code POST /channels/{a}/transfers}: countersigned only.
   */
  private ChannelUpdate lockedOnTheChannelRoute(HttpPayer payer, PaymentRequirements quote) {
    ChannelUpdate create = payer.createFor(quote);
    LambdaInvoker.Response locked =
        payer.post("/channels/" + payer.channel() + "/transfers", HttpPayer.body("update", create));
    assertThat(locked.status()).as(locked.body()).isEqualTo(200);
    List<ChannelUpdate> answer = HttpPayer.updates(locked);
    assertThat(answer).hasSize(1);
    payer.payer().accept(answer, ChainInputs.at(HttpPayer.now()));
    return create;
  }

  private void assertAlreadyUsed(LambdaInvoker.Response r, SettlementResponse settled) {
    assertThat(r.status()).as(r.body()).isEqualTo(409);
    assertThat(ChannelJson.parse(r.body()).get("error").asText()).isEqualTo("payment_already_used");
    SettlementResponse refused =
        X402Headers.decodePaymentResponse(r.header(X402Headers.PAYMENT_RESPONSE)).value();
    assertThat(refused.success()).isFalse();
    assertThat(refused.errorReason()).contains("payment_already_used");
    assertThat(refused.transaction()).isEqualTo(settled.transaction());
    assertThat(refused.payer()).isEqualTo(settled.payer());
    assertThat(refused.createUpdate()).isEmpty();
    assertThat(refused.resolveUpdate()).isEmpty();
    assertThat(refused.toJson().has("latestUpdate")).isFalse();
    assertThat(r.body()).doesNotContain("aliceSignature");
  }

  /** The channel moved the price of {@code payments} payments, and nothing else. */
  private void assertChargedOnce(HttpPayer payer, int payments) {
    var stored = JsonAssert.stored(stack, payer);
    BigInteger spent = ARTICLE_PRICE.multiply(BigInteger.valueOf(payments));
    assertThat(stored.state().balances().get(0).amount(0).value()).isEqualTo(spent);
    assertThat(stored.state().balances().get(0).amount(1).value())
        .isEqualTo(DEPOSIT.subtract(spent));
    assertThat(stored.activeTransfers()).isEmpty();
    assertThat(dev.tollgate.functions.harness.Conservation.heldAndLocked(stored))
        .isEqualTo(DEPOSIT);
  }

  private static Bytes32 transferId(ChannelUpdate create) {
    return ((UpdateDetails.Create) create.details()).transferId();
  }

  private static String proof(HttpPayer payer, ChannelUpdate create, long n) {
    return ResendProof.sign(
            payer.payer().party().signer(), create.channelAddress(), transferId(create), n)
        .headerValue();
  }

  private LambdaInvoker.Response resend(String path, String header, String proof) {
    return stack
        .lambda()
        .get(path, Map.of(X402Headers.PAYMENT_SIGNATURE, header, ResendProof.HEADER, proof));
  }

  private LambdaInvoker.Response settle(
      String path, PaymentRequirements quote, ChannelUpdate create, Optional<String> resend) {
    return facilitator("/settle", path, quote, create, resend);
  }

  private JsonNode verify(
      String path, PaymentRequirements quote, ChannelUpdate create, Optional<String> resend) {
    LambdaInvoker.Response r = facilitator("/verify", path, quote, create, resend);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return ChannelJson.parse(r.body());
  }

  private LambdaInvoker.Response facilitator(
      String route,
      String path,
      PaymentRequirements quote,
      ChannelUpdate create,
      Optional<String> resend) {
    return PublisherCalls.of(stack)
        .post(route, PublisherCalls.body(path, ARTICLE_PRICE, quote, create, resend));
  }

  private static List<LambdaInvoker.Response> race(
      int tasks, java.util.concurrent.Callable<LambdaInvoker.Response> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<LambdaInvoker.Response>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < tasks; i++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return task.call();
                }));
      }
      go.countDown();
      List<LambdaInvoker.Response> out = new ArrayList<>();
      for (Future<LambdaInvoker.Response> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
