package dev.tollgate.functions;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same controllers on the local Netty server: a real HTTP 402, then a payment in the {@code
 * PAYMENT-SIGNATURE} header answered with {@code PAYMENT-RESPONSE}, over a loopback socket.
 */
class PaidRequestNettyTest {

  @Test
  void aPaidRequestOverRealHttp() throws Exception {
    try (GatewayStack stack = GatewayStack.start()) {
      HttpPayer payer = HttpPayer.funded(stack, BigInteger.valueOf(10_000));
      Map<String, Object> properties = new HashMap<>(stack.properties());
      properties.put("tollgate.tables.create", false);
      properties.put("micronaut.server.host", "127.0.0.1");
      properties.put("micronaut.server.port", -1);
      try (ApplicationContext netty = GatewayApplication.start(properties)) {
        URI base = netty.getBean(EmbeddedServer.class).getURI();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI article = base.resolve(ARTICLES + "over-http");

        HttpResponse<String> unpaid =
            http.send(
                HttpRequest.newBuilder(article).build(), HttpResponse.BodyHandlers.ofString());
        PaymentRequirements accepted =
            X402Headers.decodePaymentRequired(
                    unpaid.headers().firstValue(X402Headers.PAYMENT_REQUIRED).orElseThrow())
                .value()
                .accepts()
                .get(0);
        String payment =
            HttpPayer.paymentHeader(ARTICLES + "over-http", accepted, payer.createFor(accepted));
        HttpResponse<String> paid =
            http.send(
                HttpRequest.newBuilder(article)
                    .header(X402Headers.PAYMENT_SIGNATURE, payment)
                    .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(unpaid.statusCode()).isEqualTo(402);
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        SettlementResponse settlement =
            X402Headers.decodePaymentResponse(
                    paid.headers().firstValue(X402Headers.PAYMENT_RESPONSE).orElseThrow())
                .value();
        assertThat(settlement.success()).isTrue();
        assertThat(settlement.payer()).contains(payer.payer().address());
        assertThat(paid.headers().firstValue("x-request-id")).isPresent();
      }
    }
  }
}
