package dev.tollgate.functions;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Hex;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.paywall.LockExpiryPolicy;
import dev.tollgate.functions.paywall.QuoteBook;
import dev.tollgate.functions.paywall.QuoteTerms;
import dev.tollgate.x402.PaymentRequirements;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway's log while it opens a channel, quotes and takes payments: one JSON line per event,
 * the channel address, nonce and request id on each channel event, and never the gateway's key, the
 * quote secret, or the preimage of a quote nobody paid.
 */
class PaymentLoggingTest {

  @Test
  void channelEventsAreStructuredAndCarryNoSecrets() throws Exception {
    try (GatewayStack stack = GatewayStack.start();
        JsonLogCapture logs = JsonLogCapture.start()) {
      HttpPayer payer = HttpPayer.newPayer(stack);
      payer.open();
      payer.deposit(BigInteger.valueOf(10_000));
      assertThat(payer.get(ARTICLES + "logged").status()).isEqualTo(200);
      PaymentRequirements unpaid = payer.quote(ARTICLES + "never-paid");

      List<String> lines = logs.lines();
      List<JsonNode> events =
          lines.stream()
              .map(JsonLogCapture::parse)
              .filter(e -> "tollgate.channel".equals(e.path("logger").asText()))
              .toList();

      assertThat(events)
          .extracting(e -> e.path("action").asText())
          .containsSubsequence("open", "deposit", "pay");
      JsonNode pay =
          events.stream().filter(e -> e.path("action").asText().equals("pay")).findFirst().get();
      assertThat(pay.path("channelAddress").asText()).isEqualTo(payer.channel().toChecksumHex());
      assertThat(pay.path("nonce").asLong()).isEqualTo(payer.payer().view().nonce());
      assertThat(pay.path("requestId").asText()).isNotBlank();
      String all = String.join("\n", lines).toLowerCase(Locale.ROOT);
      String secret = ((String) stack.properties().get("tollgate.paywall.secret")).toLowerCase();
      assertThat(all).doesNotContain(secret);
      assertThat(all).doesNotContain(GatewayStack.GATEWAY_KEY.substring(2));
      assertThat(all).doesNotContain(preImageOf(stack, unpaid).substring(2));
    }
  }

  /** The preimage the gateway derives for {@code quote}, recomputed from the stack's secret. */
  private static String preImageOf(GatewayStack stack, PaymentRequirements quote) {
    Map<String, Object> p = stack.properties();
    QuoteBook book =
        new QuoteBook(
            Hex.decode((String) p.get("tollgate.paywall.secret")),
            new QuoteTerms(
                31337,
                Address.fromHex(stack.gatewayAddress()),
                stack.token(),
                stack.deployment().channelFactory(),
                stack.deployment().transferRegistry(),
                stack.deployment().hashlockTransfer(),
                300,
                86_400,
                LockExpiryPolicy.none()));
    return book.verify(quote, ARTICLES + "never-paid", HttpPayer.now()).value().preImage().toHex();
  }
}
