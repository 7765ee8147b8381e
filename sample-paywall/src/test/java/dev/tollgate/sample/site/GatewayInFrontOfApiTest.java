package dev.tollgate.sample.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.sample.SharedStack;
import dev.tollgate.sample.dev.LocalStack;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's metered API served a second way: an origin with no payment code, the gateway in
 * front of it ({@code /paid/api/}). A stock payer client pays the gateway's 402 and gets the
 * origin's answer, charged exactly the route's price on both sides.
 */
class GatewayInFrontOfApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aPaidCallReachesTheOriginThroughTheGateway(@TempDir Path dir) throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    TollgateClient reader =
        FundedReaders.funded(dir, LocalKeySigner.fromPrivateKey(key), HttpClient.newHttpClient());
    BigInteger opened = reader.balance().value();
    SharedStack.Revenue before = SharedStack.revenue();
    URI call = SharedStack.get().gatewayUrl().resolve(LocalStack.API_ROUTE + "quotes?symbol=ACME");

    HttpResponse<String> unpaid =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(call).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> paid =
        reader.send(HttpRequest.newBuilder(call).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(unpaid.statusCode()).isEqualTo(402);
    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    assertThat(JSON.readTree(paid.body()).get("symbol").asText()).isEqualTo("ACME");
    assertThat(paid.headers().firstValue("PAYMENT-RESPONSE")).isPresent();
    assertThat(opened.subtract(reader.balance().value())).isEqualTo(LocalStack.API_PRICE);
    SharedStack.Revenue after = SharedStack.revenue();
    assertThat(after.total().subtract(before.total())).isEqualTo(LocalStack.API_PRICE);
    assertThat(after.payments() - before.payments()).isEqualTo(1);
  }
}
