package dev.tollgate.bench.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.tollgate.bench.LaneAudit;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.SettlementResponse;
import java.math.BigInteger;

/**
 * One payer's channel, paying one article per request: payments built on the payer's own view
 * (quoted by the stack's in-process handler, which shares the function's configuration and secret),
 * and every answer the function gives checked and taken in by the payer's channel-core.
 */
final class PaidLane {
  private final GatewayStack stack;
  private final HttpPayer payer;
  private final BigInteger deposit;
  private int paid;
  private int sequence;

  private PaidLane(GatewayStack stack, HttpPayer payer, BigInteger deposit) {
    this.stack = stack;
    this.payer = payer;
    this.deposit = deposit;
  }

  /** A channel opened, funded on chain and reconciled through the stack's in-process handler. */
  static PaidLane open(GatewayStack stack, BigInteger deposit) throws Exception {
    return new PaidLane(stack, HttpPayer.funded(stack, deposit), deposit);
  }

  /** The next payment, ready to send. */
  Payment next() {
    String path = GatewayStack.ARTICLES + "cold-" + (++sequence);
    PaymentRequirements accepted = payer.quote(path);
    String header = HttpPayer.paymentHeader(path, accepted, payer.createFor(accepted));
    return new Payment(path, header);
  }

  /**
   * Checks the function's answer to {@code payment}: a 200 whose {@code PAYMENT-RESPONSE} is a
   * settlement, whose countersigned create and resolve the payer's channel-core accepts.
   */
  void settle(Payment payment, LocalRuntimeApi.Answer answer) {
    if (answer.error()) {
      throw new IllegalStateException(
          "the function failed invocation " + answer.requestId() + ": " + answer.text());
    }
    APIGatewayV2HTTPResponse raw = PaidEvent.response(answer.text());
    LambdaInvoker.Response response = LambdaInvoker.Response.of(raw, answer.requestId());
    if (response.status() != 200) {
      throw new IllegalStateException(
          "paid GET " + payment.path() + " answered " + response.status() + ": " + response);
    }
    HttpPayer.Paid settled = payer.settled(response, payment.header());
    SettlementResponse settlement = settled.settlement();
    if (settlement == null || !settlement.success()) {
      throw new IllegalStateException(
          "paid GET " + payment.path() + " answered 200 without a settlement: " + response);
    }
    paid++;
  }

  int paid() {
    return paid;
  }

  /**
   * Money neither lost nor created: the gateway's stored channel is the payer's view, nothing is
   * still locked, payer + gateway = the deposit, and the gateway holds the price of each 200.
   */
  void checkConservation() {
    LaneAudit.check(stack, payer, deposit, paid);
  }

  /** A paid request: the path and its {@code PAYMENT-SIGNATURE}. */
  record Payment(String path, String header) {}
}
