package dev.tollgate.functions.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.x402.X402Headers;
import java.util.Optional;

/** A payer's moves around a fault: pay, send the same payment again, read what came back. */
final class Paying {
  private Paying() {}

  /** A fresh quote for {@code path}, paid with a create on the payer's view. */
  static HttpPayer.Paid pay(HttpPayer payer, String path) {
    return payer.pay(path, payer.quote(path));
  }

  /**
   * The same payment sent again, header for header, as an x402 client retries a request that failed
   * without an answer it could use; a 200 is taken into the payer's view.
   */
  static HttpPayer.Paid resend(HttpPayer payer, HttpPayer.Paid earlier) {
    return payer.settled(resendRaw(payer, earlier), earlier.header());
  }

  /**
   * The same payment sent again with the payer's first resend proof, its answer not taken in (a
   * payer that synced meanwhile).
   */
  static LambdaInvoker.Response resendRaw(HttpPayer payer, HttpPayer.Paid earlier) {
    return payer.resend(pathOf(earlier), earlier.header(), 1);
  }

  /** The transfer the payment's create locks: its id is the receipt's transaction. */
  static Bytes32 transferOf(HttpPayer.Paid paid) {
    return ((UpdateDetails.Create)
            X402Headers.decodePaymentSignature(paid.header()).value().payload().details())
        .transferId();
  }

  /** The transfer id of the receipt a 200 carries in {@code PAYMENT-RESPONSE}. */
  static Bytes32 receipt(LambdaInvoker.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return X402Headers.decodePaymentResponse(r.header(X402Headers.PAYMENT_RESPONSE))
        .value()
        .transaction()
        .orElseThrow();
  }

  /** Asserts {@code r} is a named refusal: {@code status}, {@code error} and the Retry-After. */
  static void assertRefused(
      LambdaInvoker.Response r, int status, String error, Optional<String> retryAfter) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    JsonNode body = ChannelJson.parse(r.body());
    assertThat(body.get("error").asText()).isEqualTo(error);
    assertThat(body.get("detail").asText()).isNotBlank();
    assertThat(r.findHeader("Retry-After")).isEqualTo(retryAfter);
  }

  /** What the payer saw, for the report: "503 service_unavailable, Retry-After 1". */
  static String seen(LambdaInvoker.Response r) {
    if (r.status() == 200) {
      return "200 with its receipt";
    }
    String error = ChannelJson.parse(r.body()).path("error").asText("?");
    return r.status()
        + " "
        + error
        + r.findHeader("Retry-After").map(s -> ", Retry-After " + s).orElse("");
  }

  private static String pathOf(HttpPayer.Paid paid) {
    return X402Headers.decodePaymentSignature(paid.header()).value().resource().orElseThrow().url();
  }
}
