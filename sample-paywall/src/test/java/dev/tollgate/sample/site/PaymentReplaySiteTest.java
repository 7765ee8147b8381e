package dev.tollgate.sample.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.sample.SharedStack;
import dev.tollgate.x402.ResendProof;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 3 through the sample site: a metered API call's {@code PAYMENT-SIGNATURE}, sent
 * again by anyone holding it, is not served again (it was 20 of 20); the payer's own re-send, with
 * its {@code TOLLGATE-RESEND} proof passed on by the site to {@code /settle}, is, once per proof.
 */
class PaymentReplaySiteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CALL = "/api/quotes?symbol=ACME";
  private final HttpClient plain = HttpClient.newHttpClient();

  @Test
  void samePaymentHeaderServesOnceOnMeteredApi(@TempDir Path dir) throws Exception {
    AtomicReference<String> sentPayment = new AtomicReference<>();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    LocalKeySigner signer = LocalKeySigner.fromPrivateKey(key);
    TollgateClient reader = fundedReader(dir, signer, sentPayment);
    BigInteger opened = reader.balance().value();

    HttpResponse<String> paid =
        reader.send(request().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    SettlementResponse settled =
        X402Headers.decodePaymentResponse(
                paid.headers().firstValue("PAYMENT-RESPONSE").orElseThrow())
            .value();
    BigInteger charged = opened.subtract(reader.balance().value());
    assertThat(charged).isPositive();
    SharedStack.Revenue before = SharedStack.revenue();

    for (int i = 0; i < 20; i++) {
      HttpResponse<String> copy =
          send(request().header("PAYMENT-SIGNATURE", sentPayment.get()).build());
      assertThat(copy.statusCode()).as(copy.body()).isEqualTo(409);
      assertThat(JSON.readTree(copy.body()).get("error").asText())
          .isEqualTo("payment_already_used");
      assertThat(copy.body()).doesNotContain("asOf");
      SettlementResponse refused =
          X402Headers.decodePaymentResponse(
                  copy.headers().firstValue("PAYMENT-RESPONSE").orElseThrow())
              .value();
      assertThat(refused.success()).isFalse();
      assertThat(refused.transaction()).isEqualTo(settled.transaction());
      assertThat(refused.createUpdate()).isEmpty();
      assertThat(refused.resolveUpdate()).isEmpty();
    }

    // The payer's own re-send, with its proof, is served once more; the same proof is not.
    Bytes32 transfer = settled.transaction().orElseThrow();
    String proof = ResendProof.sign(signer, reader.channelAddress(), transfer, 1).headerValue();
    HttpResponse<String> resent =
        send(
            request()
                .header("PAYMENT-SIGNATURE", sentPayment.get())
                .header(ResendProof.HEADER, proof)
                .build());
    assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
    JsonNode quote = JSON.readTree(resent.body());
    assertThat(quote.get("symbol").asText()).isEqualTo("ACME");
    HttpResponse<String> twice =
        send(
            request()
                .header("PAYMENT-SIGNATURE", sentPayment.get())
                .header(ResendProof.HEADER, proof)
                .build());
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(twice.body()).get("error").asText()).isEqualTo("resend_already_used");

    assertThat(SharedStack.revenue()).isEqualTo(before);
    assertThat(reader.balance().value()).isEqualTo(opened.subtract(charged));
  }

  private static HttpRequest.Builder request() {
    return HttpRequest.newBuilder(SharedStack.site(CALL));
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return plain.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A funded reader whose client files the last {@code PAYMENT-SIGNATURE} it sent. */
  private static TollgateClient fundedReader(
      Path dir, LocalKeySigner signer, AtomicReference<String> sentPayment) throws Exception {
    HttpClient recording =
        new ForwardingHttpClient(HttpClient.newHttpClient()) {
          @Override
          public <T> HttpResponse<T> send(HttpRequest r, HttpResponse.BodyHandler<T> handler)
              throws IOException, InterruptedException {
            r.headers().firstValue("PAYMENT-SIGNATURE").ifPresent(sentPayment::set);
            return super.send(r, handler);
          }
        };
    return FundedReaders.funded(dir, signer, recording);
  }
}
