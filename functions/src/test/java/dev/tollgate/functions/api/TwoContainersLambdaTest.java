package dev.tollgate.functions.api;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static dev.tollgate.functions.harness.GatewayStack.ARTICLE_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two warm Lambda containers sharing the tables, as behind one API: each caches the channels it
 * served, so a payer alternating between them always reaches one whose cached channel is behind.
 * Every payment still goes through, charged once, and the store stays the single authority.
 */
class TwoContainersLambdaTest extends OnStackTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(100_000);

  @Test
  void aPayerAlternatingBetweenContainersIsNeverRefused() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    int payments = 10;
    try (LambdaInvoker second = LambdaInvoker.start(stack.properties())) {
      List<LambdaInvoker> containers = List.of(stack.lambda(), second);

      for (int i = 0; i < payments; i++) {
        LambdaInvoker container = containers.get(i % 2);
        String path = ARTICLES + "alternating-" + i;
        PaymentRequirements quote = payer.quote(path);
        String header = HttpPayer.paymentHeader(path, quote, payer.createFor(quote));

        LambdaInvoker.Response r =
            container.get(path, Map.of(X402Headers.PAYMENT_SIGNATURE, header));

        assertThat(r.status()).as("payment %d: %s", i, r.body()).isEqualTo(200);
        SettlementResponse settled =
            X402Headers.decodePaymentResponse(r.header(X402Headers.PAYMENT_RESPONSE)).value();
        payer
            .payer()
            .accept(
                List.of(
                    settled.createUpdate().orElseThrow(), settled.resolveUpdate().orElseThrow()),
                ChainInputs.at(HttpPayer.now()));
      }
    }

    assertThat(payer.payer().balanceOf(stack.token(), 0).value())
        .isEqualTo(ARTICLE_PRICE.multiply(BigInteger.valueOf(payments)));
    JsonAssert.assertStoredMatches(stack, payer, DEPOSIT);
  }
}
