package dev.tollgate.functions.api;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static dev.tollgate.functions.harness.GatewayStack.ARTICLE_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.StoredTables;
import dev.tollgate.x402.PaymentRequired;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What the bad-payment tests share: funded payers, quotes, tampering with a real {@code
 * PAYMENT-SIGNATURE} at the JSON layer, creates signed by the payer's own key over a state of the
 * test's choosing, and the one assertion every refusal must pass: the status, the named reason in
 * {@code PAYMENT-RESPONSE} and in the body, and nothing stored changed.
 */
final class BadPayments {
  static final BigInteger DEPOSIT = BigInteger.valueOf(1_000_000);

  private final GatewayStack stack;
  private final Address gateway;
  private final StoredTables tables;
  private final AtomicInteger goodPayments = new AtomicInteger();

  BadPayments(GatewayStack stack) {
    this.stack = stack;
    this.gateway = Address.fromHex(stack.gatewayAddress());
    this.tables = StoredTables.of(stack);
  }

  Address gateway() {
    return gateway;
  }

  /** A payer with an open channel holding {@link #DEPOSIT}. */
  HttpPayer funded() throws Exception {
    return HttpPayer.funded(stack, DEPOSIT);
  }

  /** The requirement of a fresh 402 for {@code path}. */
  PaymentRequirements quote(String path) {
    LambdaInvoker.Response r = stack.lambda().get(path, Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(402);
    return X402Headers.decodePaymentRequired(r.header(X402Headers.PAYMENT_REQUIRED))
        .value()
        .accepts()
        .get(0);
  }

  /** A genuine payment for a fresh quote of {@code path}, as the payer would send it. */
  String realPayment(HttpPayer payer, String path) {
    PaymentRequirements accepted = quote(path);
    return HttpPayer.paymentHeader(path, accepted, payer.createFor(accepted));
  }

  LambdaInvoker.Response send(String path, String paymentSignature) {
    return stack.lambda().get(path, Map.of(X402Headers.PAYMENT_SIGNATURE, paymentSignature));
  }

  StoredTables.Snapshot stored() {
    return tables.snapshot();
  }

  /**
   * Sends {@code paymentSignature} for {@code path} and checks it is refused with {@code status}
   * and {@code errorReason}, in the decoded {@code PAYMENT-RESPONSE} and in the body, and that the
   * gateway's three tables are byte-identical before and after.
   */
  Refused refused(String path, String paymentSignature, int status, String errorReason) {
    StoredTables.Snapshot before = stored();
    assertThat(before.itemCount()).as("a snapshot of a stack with channels in it").isPositive();

    LambdaInvoker.Response r = send(path, paymentSignature);

    assertThat(stored()).as("stored state after a refused payment").isEqualTo(before);
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    String header = r.header(X402Headers.PAYMENT_RESPONSE);
    assertThat(header).as("PAYMENT-RESPONSE of " + r).isNotNull();
    SettlementResponse settlement = X402Headers.decodePaymentResponse(header).value();
    assertThat(settlement.success()).isFalse();
    assertThat(settlement.errorReason()).as(r.toString()).contains(errorReason);
    assertThat(settlement.errorMessage()).as("errorMessage").isPresent();
    assertThat(settlement.transaction()).isEmpty();
    assertThat(settlement.createUpdate()).isEmpty();
    assertThat(settlement.resolveUpdate()).isEmpty();
    assertThat(settlement.network()).isEqualTo("eip155:31337");
    JsonNode body = ChannelJson.parse(r.body());
    assertThat(body.path("error").asText()).as("body of " + r).isEqualTo(errorReason);
    if (status == 402) {
      // A fresh quote, so the payer can try again.
      PaymentRequired again =
          X402Headers.decodePaymentRequired(r.header(X402Headers.PAYMENT_REQUIRED)).value();
      assertThat(again.resource().url()).isEqualTo(path);
      assertThat(again.accepts()).hasSize(1);
      assertThat(again.error()).contains(errorReason);
    } else {
      assertThat(r.header(X402Headers.PAYMENT_REQUIRED)).isNull();
      assertThat(body.path("detail").asText()).isEqualTo(settlement.errorMessage().get());
    }
    return new Refused(r, settlement, body);
  }

  /** The payer pays for a new article as usual: nothing the refusal left behind is in the way. */
  void stillPays(HttpPayer payer) {
    BigInteger spentBefore = payer.payer().balanceOf(stack.token(), 0).value();
    StoredTables.Snapshot before = stored();
    HttpPayer.Paid paid = payer.get(ARTICLES + "afterwards-" + goodPayments.incrementAndGet());
    assertThat(paid.status()).as(paid.response().toString()).isEqualTo(200);
    assertThat(stored()).as("a payment is stored").isNotEqualTo(before);
    assertThat(payer.payer().balanceOf(stack.token(), 0).value())
        .isEqualTo(spentBefore.add(ARTICLE_PRICE));
    JsonAssert.assertStoredMatches(stack, payer, DEPOSIT);
  }

  // -- tampering ---------------------------------------------------------------------------------

  /** The header with its JSON edited by {@code edit}, re-encoded as the payer would. */
  static String tamper(String header, Consumer<ObjectNode> edit) {
    ObjectNode json =
        (ObjectNode)
            ChannelJson.parse(
                new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8));
    edit.accept(json);
    return base64(ChannelJson.write(json));
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static ObjectNode accepted(ObjectNode payment) {
    return (ObjectNode) payment.get("accepted");
  }

  static ObjectNode payload(ObjectNode payment) {
    return (ObjectNode) payment.get("payload");
  }

  /** A requirement with another amount: what the payer builds its create from. */
  static PaymentRequirements withAmount(PaymentRequirements r, Uint256 amount) {
    return new PaymentRequirements(
        r.scheme(), r.network(), amount, r.asset(), r.payTo(), r.maxTimeoutSeconds(), r.extra());
  }

  // -- creates the payer signs over a state of the test's choosing
  // ---------------------------------

  /**
   * A create paying {@code amount} for {@code accepted}, built by the payer's own channel-core on
   * {@code view} (which may be a doctored copy of its real view) and signed with its own key.
   */
  Transition signedCreate(
      HttpPayer payer, Channel view, PaymentRequirements accepted, Uint256 amt) {
    Outcome<Transition> proposed =
        payer
            .payer()
            .party()
            .propose(
                view,
                new UpdateParams.Create(
                    accepted.asset(),
                    new Balance(amt, Uint256.ZERO, payer.payer().address(), gateway),
                    accepted.extra().transferDefinition(),
                    accepted.extra().transferTimeout(),
                    new HashlockState(accepted.extra().lockHash(), accepted.extra().lockExpiry())),
                ChainInputs.at(HttpPayer.now()));
    assertThat(proposed.isOk()).as("the payer's channel-core builds it: %s", proposed).isTrue();
    return proposed.value();
  }

  /** {@code view} with its signed state rewritten by {@code change}. */
  static Channel doctored(Channel view, UnaryOperator<CoreChannelState> change) {
    return new Channel(
        change.apply(view.state()), view.network(), view.latestUpdate(), view.activeTransfers());
  }

  static CoreChannelState withNonce(CoreChannelState s, long nonce) {
    return new CoreChannelState(
        s.channelAddress(),
        s.alice(),
        s.bob(),
        s.assetIds(),
        s.balances(),
        s.processedDepositsA(),
        s.processedDepositsB(),
        s.defundNonces(),
        s.timeout(),
        nonce,
        s.merkleRoot());
  }

  static CoreChannelState withChannelAddress(CoreChannelState s, Address channel) {
    return new CoreChannelState(
        channel,
        s.alice(),
        s.bob(),
        s.assetIds(),
        s.balances(),
        s.processedDepositsA(),
        s.processedDepositsB(),
        s.defundNonces(),
        s.timeout(),
        s.nonce(),
        s.merkleRoot());
  }

  /** The payer's (bob's) balance of the only asset set to {@code amount}. */
  static CoreChannelState withPayerBalance(CoreChannelState s, Uint256 amount) {
    Balance b = s.balances().get(0);
    return new CoreChannelState(
        s.channelAddress(),
        s.alice(),
        s.bob(),
        s.assetIds(),
        java.util.List.of(b.withAmounts(b.amount0(), amount)),
        s.processedDepositsA(),
        s.processedDepositsB(),
        s.defundNonces(),
        s.timeout(),
        s.nonce(),
        s.merkleRoot());
  }

  /** A refusal as the payer received it. */
  record Refused(LambdaInvoker.Response response, SettlementResponse settlement, JsonNode body) {
    /** The human-readable detail: {@code errorMessage} in {@code PAYMENT-RESPONSE}. */
    String message() {
      return settlement.errorMessage().orElseThrow();
    }
  }
}
