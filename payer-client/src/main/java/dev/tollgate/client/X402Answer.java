package dev.tollgate.client;

import dev.tollgate.x402.PaymentRequired;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import dev.tollgate.x402.refusal.Checked;
import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.function.Function;

/**
 * The x402 headers of one HTTP answer, as far as they can be read: a {@code PAYMENT-REQUIRED} this
 * client can pay (scheme {@code vector-hashlock}) and a {@code PAYMENT-RESPONSE}. A header that
 * does not decode counts as absent: the answer is then the caller's to read, as any other.
 */
record X402Answer(
    int status, Optional<PaymentRequired> required, Optional<SettlementResponse> settlement) {

  static X402Answer of(int status, HttpHeaders headers) {
    return new X402Answer(
        status,
        decoded(headers, X402Headers.PAYMENT_REQUIRED, X402Headers::decodePaymentRequired),
        decoded(headers, X402Headers.PAYMENT_RESPONSE, X402Headers::decodePaymentResponse));
  }

  /** A 402 offering a payment this client can make, and no verdict on one already made. */
  boolean asksForPayment() {
    return status == 402 && required.isPresent() && settlement.isEmpty();
  }

  /** A payment was made and refused. */
  boolean isRefusal() {
    return settlement.map(s -> !s.success()).orElse(false);
  }

  boolean isSettled() {
    return status >= 200
        && status < 300
        && settlement.map(SettlementResponse::success).orElse(false);
  }

  /**
   * Answers this client handles itself, whose bodies the caller never sees: a 402 it pays, a
   * refusal it throws. A served answer (2xx) always reaches the caller.
   */
  boolean handledHere() {
    boolean served = status >= 200 && status < 300;
    return !served && (asksForPayment() || isRefusal());
  }

  private static <T> Optional<T> decoded(
      HttpHeaders headers, String name, Function<String, Checked<T>> decoder) {
    return headers.firstValue(name).map(decoder).filter(Checked::isOk).map(Checked::value);
  }
}
