package dev.tollgate.functions.harness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.read.SignedRead;
import dev.tollgate.core.transfer.WithdrawData;
import dev.tollgate.core.transfer.WithdrawState;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.x402.PaymentPayload;
import dev.tollgate.x402.PaymentRequired;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.ResendProof;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A payer that speaks only HTTP to the gateway's Lambda handler, as a client library would: opens
 * its channel, deposits on chain and reconciles, pays on 402 and syncs on 409. Its channel view is
 * its own, built from the gateway's answers and checked by its own channel-core.
 */
public final class HttpPayer {
  public static final long CHANNEL_TIMEOUT = 48 * 3600;

  private final GatewayStack stack;
  private final LambdaInvoker lambda;
  private final TestPayer payer;

  public HttpPayer(GatewayStack stack, TestPayer payer) {
    this.stack = stack;
    this.lambda = stack.lambda();
    this.payer = payer;
  }

  public static HttpPayer newPayer(GatewayStack stack) {
    return new HttpPayer(
        stack,
        TestPayer.random(stack.network(), Address.fromHex(stack.gatewayAddress()), stack.rules()));
  }

  /** A new payer with an open channel holding {@code deposit}, reconciled by the gateway. */
  public static HttpPayer funded(GatewayStack stack, BigInteger deposit) throws Exception {
    HttpPayer payer = newPayer(stack);
    LambdaInvoker.Response open = payer.open();
    if (open.status() != 201) {
      throw new AssertionError("opening failed: " + open.status() + " " + open.body());
    }
    LambdaInvoker.Response reconciled = payer.deposit(deposit);
    if (reconciled.status() != 200) {
      throw new AssertionError("deposit failed: " + reconciled.status() + " " + reconciled.body());
    }
    return payer;
  }

  /** Another client of the same channel key, starting from this one's view. */
  public HttpPayer twin() {
    return new HttpPayer(stack, payer.sameKeyElsewhere());
  }

  /** A fresh quote for {@code path}: the requirement of its 402. */
  public PaymentRequirements quote(String path) {
    LambdaInvoker.Response r = lambda.get(path, Map.of());
    if (r.status() != 402) {
      throw new AssertionError("expected a 402 for " + path + ", got " + r.status());
    }
    return X402Headers.decodePaymentRequired(r.header(X402Headers.PAYMENT_REQUIRED))
        .value()
        .accepts()
        .get(0);
  }

  public TestPayer payer() {
    return payer;
  }

  public Address channel() {
    return payer.channelAddress();
  }

  public static long now() {
    return System.currentTimeMillis() / 1000;
  }

  public LambdaInvoker.Response open() {
    LambdaInvoker.Response r =
        post("/channels", body("update", payer.setup(CHANNEL_TIMEOUT, now())));
    if (r.status() == 201) {
      payer.accept(updates(r), ChainInputs.at(now()));
    }
    return r;
  }

  /** Deposits {@code amount} on chain and has the gateway reconcile it. */
  public LambdaInvoker.Response deposit(BigInteger amount) throws Exception {
    stack.fund(channel(), amount);
    return reconcile(amount);
  }

  /**
   * Asks the gateway to reconcile {@code amount} more than the channel has reconciled so far: the
   * deposit update for an on-chain deposit already made.
   */
  public LambdaInvoker.Response reconcile(BigInteger amount) {
    BigInteger before =
        payer.view().isSetUp() && payer.view().state().assetIds().contains(stack.token())
            ? processed()
            : BigInteger.ZERO;
    DepositTotals totals = new DepositTotals(Uint256.ZERO, Uint256.of(before.add(amount)));
    LambdaInvoker.Response r =
        post(
            "/channels/" + channel() + "/deposits",
            body("update", payer.deposit(stack.token(), totals, now())));
    if (r.status() == 200) {
      payer.accept(updates(r), ChainInputs.at(now()).withDeposits(stack.token(), totals));
    }
    return r;
  }

  private BigInteger processed() {
    int i = payer.view().state().assetIndex(stack.token());
    return payer.view().state().processedDepositsB().get(i).value();
  }

  /** The withdraw commitment {@link #withdraw} asks the gateway to countersign. */
  public WithdrawData withdrawData(Address recipient, long amount) {
    return new WithdrawData(
        channel(),
        stack.token(),
        recipient,
        Uint256.of(amount),
        Uint256.of(payer.view().nonce()),
        Address.ZERO,
        new byte[0]);
  }

  /**
   * Asks the gateway for {@code data}'s withdrawal: a Withdraw transfer carrying the payer's
   * signature on the commitment, which the gateway resolves with its own.
   */
  public LambdaInvoker.Response withdraw(WithdrawData data) {
    ChannelUpdate create = withdrawCreate(data);
    var body = ChannelJson.MAPPER.createObjectNode();
    body.set("update", ChannelJson.toJson(create));
    body.put("recipient", data.recipient().toChecksumHex());
    LambdaInvoker.Response r =
        post("/channels/" + channel() + "/withdrawals", ChannelJson.write(body));
    if (r.status() == 200) {
      payer.accept(updates(r), ChainInputs.at(now()));
    }
    return r;
  }

  /** The Withdraw create for {@code data}, signed by this payer and not sent. */
  public ChannelUpdate withdrawCreate(WithdrawData data) {
    Address gateway = payer.view().state().alice();
    Bytes32 commitment = ChannelHashes.withdrawCommitment(data);
    Signature payerSignature = payer.party().signer().sign(ChannelHashes.signedDigest(commitment));
    ChannelUpdate create =
        payer
            .party()
            .propose(
                payer.view(),
                new UpdateParams.Create(
                    data.assetId(),
                    new Balance(data.amount(), Uint256.ZERO, payer.address(), gateway),
                    stack.deployment().withdraw(),
                    Uint256.of(24 * 3600),
                    new WithdrawState(
                        payerSignature,
                        payer.address(),
                        gateway,
                        commitment,
                        data.nonce(),
                        Uint256.ZERO,
                        Address.ZERO,
                        new byte[0])),
                ChainInputs.at(now()))
            .value()
            .update();
    return create;
  }

  /** A request to {@code path}; on 402 it pays the quote and retries once. */
  public Paid get(String path) {
    LambdaInvoker.Response first = lambda.get(path, Map.of());
    if (first.status() != 402) {
      return new Paid(first, null, null);
    }
    PaymentRequired required =
        X402Headers.decodePaymentRequired(first.header(X402Headers.PAYMENT_REQUIRED)).value();
    return pay(path, required.accepts().get(0));
  }

  /** Pays {@code accepted} for {@code path} with a create built on this payer's view. */
  public Paid pay(String path, PaymentRequirements accepted) {
    ChannelUpdate create = createFor(accepted);
    String header = paymentHeader(path, accepted, create);
    return settled(lambda.get(path, Map.of(X402Headers.PAYMENT_SIGNATURE, header)), header);
  }

  /**
   * Takes in the gateway's answer {@code r} to a payment sent in {@code header}: on 200, the
   * countersigned create and the gateway's resolve from {@code PAYMENT-RESPONSE}, checked and
   * applied to this payer's view. For callers that send the payment themselves (the benchmarks).
   */
  public Paid settled(LambdaInvoker.Response r, String header) {
    SettlementResponse settlement =
        r.findHeader(X402Headers.PAYMENT_RESPONSE)
            .map(h -> X402Headers.decodePaymentResponse(h).value())
            .orElse(null);
    if (r.status() == 200) {
      payer.accept(
          List.of(
              settlement.createUpdate().orElseThrow(), settlement.resolveUpdate().orElseThrow()),
          ChainInputs.at(now()));
    }
    return new Paid(r, settlement, header);
  }

  /**
   * The payment in {@code header} sent again to {@code path} with this payer's {@code
   * TOLLGATE-RESEND} proof number {@code n}: how a payer whose answer was lost asks for it again.
   */
  public LambdaInvoker.Response resend(String path, String header, long n) {
    return lambda.get(
        path,
        Map.of(X402Headers.PAYMENT_SIGNATURE, header, ResendProof.HEADER, resendProof(header, n)));
  }

  /** This payer's resend proof number {@code n} for the payment in {@code header}. */
  public String resendProof(String header, long n) {
    ChannelUpdate create = X402Headers.decodePaymentSignature(header).value().payload();
    return ResendProof.sign(
            payer.party().signer(),
            create.channelAddress(),
            ((UpdateDetails.Create) create.details()).transferId(),
            n)
        .headerValue();
  }

  public ChannelUpdate createFor(PaymentRequirements accepted) {
    return payer.pay(
        accepted.asset(),
        accepted.amount(),
        accepted.extra().lockHash(),
        accepted.extra().lockExpiry(),
        accepted.extra().transferTimeout().value().longValueExact(),
        now());
  }

  public static String paymentHeader(
      String path, PaymentRequirements accepted, ChannelUpdate create) {
    return X402Headers.encode(
        PaymentPayload.of(
            new dev.tollgate.x402.ResourceInfo(path, "", "application/json"), accepted, create));
  }

  /** Catches up from the gateway's history, with a signed read as a payer's client does. */
  public void sync() {
    LambdaInvoker.Response r =
        read("/channels/" + channel() + "/updates?after=" + payer.view().nonce() + "&limit=100");
    if (r.status() != 200) {
      throw new AssertionError("sync failed: " + r.status() + " " + r.body());
    }
    payer.sync(updates(r), ChainInputs.at(now()));
  }

  /** {@code GET pathAndQuery} with this payer's {@code TOLLGATE-AUTH} for its channel. */
  public LambdaInvoker.Response read(String pathAndQuery) {
    return lambda.get(pathAndQuery, Map.of(SignedRead.HEADER, readHeader("GET", pathAndQuery)));
  }

  /** This payer's {@code GET /channels/{its channel}}, signed. */
  public LambdaInvoker.Response readChannel() {
    return read("/channels/" + channel());
  }

  /**
   * This payer's {@code TOLLGATE-AUTH} for {@code method pathAndQuery} of its channel, timed by the
   * gateway's own clock (a test may have registered one of its own), not this JVM's.
   */
  public String readHeader(String method, String pathAndQuery) {
    return SignedRead.sign(
            payer.party().signer(), method, pathAndQuery, channel(), gatewayClock().nowSeconds())
        .header();
  }

  private Clock gatewayClock() {
    return lambda.context().getBean(Clock.class);
  }

  public LambdaInvoker.Response post(String path, String body) {
    return lambda.post(path, Map.of("content-type", "application/json"), body);
  }

  public static String body(String field, ChannelUpdate update) {
    var node = ChannelJson.MAPPER.createObjectNode();
    node.set(field, ChannelJson.toJson(update));
    return ChannelJson.write(node);
  }

  public static List<ChannelUpdate> updates(LambdaInvoker.Response r) {
    JsonNode array = ChannelJson.parse(r.body()).get("updates");
    List<ChannelUpdate> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      out.add(ChannelJson.update(array.get(i), "updates[" + i + "]"));
    }
    return out;
  }

  /** A response, with the settlement it carried and the payment header sent, if any. */
  public record Paid(
      LambdaInvoker.Response response, SettlementResponse settlement, String header) {
    public int status() {
      return response.status();
    }
  }
}
