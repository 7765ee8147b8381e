package dev.tollgate.functions;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.StoredTables;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A request carrying {@code PAYMENT-SIGNATURE} more than once is refused on the Netty server, as it
 * is behind API Gateway (which joins the values with a comma): the server used to settle the first
 * value and ignore the rest, so a genuine payment followed by anything at all was paid.
 */
class DuplicatePaymentHeaderNettyTest {

  @Test
  void severalPaymentSignatureHeadersAreRefusedAndNothingIsPaid() throws Exception {
    try (GatewayStack stack = GatewayStack.start()) {
      HttpPayer payer = HttpPayer.funded(stack, BigInteger.valueOf(10_000));
      Map<String, Object> properties = new HashMap<>(stack.properties());
      properties.put("tollgate.tables.create", false);
      properties.put("micronaut.server.host", "127.0.0.1");
      properties.put("micronaut.server.port", -1);
      try (ApplicationContext netty = GatewayApplication.start(properties)) {
        URI article = netty.getBean(EmbeddedServer.class).getURI().resolve(ARTICLES + "duplicated");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        PaymentRequirements accepted =
            X402Headers.decodePaymentRequired(
                    get(http, article, List.of())
                        .headers()
                        .firstValue(X402Headers.PAYMENT_REQUIRED)
                        .orElseThrow())
                .value()
                .accepts()
                .get(0);
        String genuine =
            HttpPayer.paymentHeader(ARTICLES + "duplicated", accepted, payer.createFor(accepted));
        StoredTables tables = StoredTables.of(stack);
        StoredTables.Snapshot before = tables.snapshot();

        for (List<String> values :
            List.of(
                List.of(genuine, "garbage"), List.of(genuine, genuine), List.of("x", genuine))) {
          HttpResponse<String> r = get(http, article, values);

          assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
          assertThat(ChannelJson.parse(r.body()).get("error").asText())
              .isEqualTo("invalid_payload");
          assertThat(ChannelJson.parse(r.body()).get("detail").asText())
              .contains("2 PAYMENT-SIGNATURE headers");
          SettlementResponse refused =
              X402Headers.decodePaymentResponse(
                      r.headers().firstValue(X402Headers.PAYMENT_RESPONSE).orElseThrow())
                  .value();
          assertThat(refused.success()).isFalse();
          assertThat(refused.errorReason()).contains("invalid_payload");
          assertThat(tables.snapshot())
              .as("stored after %s values", values.size())
              .isEqualTo(before);
        }

        HttpResponse<String> once = get(http, article, List.of(genuine));
        assertThat(once.statusCode()).as(once.body()).isEqualTo(200);
      }
    }
  }

  private static HttpResponse<String> get(HttpClient http, URI uri, List<String> payments)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    payments.forEach(p -> request.header(X402Headers.PAYMENT_SIGNATURE, p));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
