package dev.tollgate.functions.paywall;

import static dev.tollgate.functions.paywall.PaywallFixtures.ARTICLE;
import static dev.tollgate.functions.paywall.PaywallFixtures.PAYER;
import static dev.tollgate.functions.paywall.PaywallFixtures.payerCreate;
import static dev.tollgate.functions.paywall.PaywallFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.x402.PaymentPayload;
import dev.tollgate.x402.PaymentRequired;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.QuoteExtra;
import dev.tollgate.x402.ResourceInfo;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import dev.tollgate.x402.refusal.PaywallReason;
import dev.tollgate.x402.refusal.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every record through its JSON and, for the three header messages, through base64. */
class X402MessagesRoundTripTest {
  private final PaymentRequirements quote = quote();
  private final ChannelUpdate create = payerCreate(quote);

  @Test
  void resourceInfo() {
    assertThat(ResourceInfo.fromJson(ARTICLE.toJson(), "resource")).isEqualTo(ARTICLE);
    assertThat(names(ARTICLE.toJson())).containsExactly("url", "description", "mimeType");

    ObjectNode urlOnly = JsonNodeFactory.instance.objectNode().put("url", "https://x.example/a");
    assertThat(ResourceInfo.fromJson(urlOnly, "resource"))
        .isEqualTo(ResourceInfo.of("https://x.example/a"));
  }

  @Test
  void quoteExtra() {
    QuoteExtra extra = quote.extra();

    assertThat(QuoteExtra.fromJson(extra.toJson(), "extra")).isEqualTo(extra);
    // A direct quote writes every field but the route; a hub offer writes that too.
    assertThat(names(extra.toJson()))
        .containsExactlyInAnyOrderElementsOf(
            QuoteExtra.FIELDS.stream().filter(f -> !f.equals("route")).toList());
    QuoteExtra routed =
        new QuoteExtra(
            extra.channelFactoryAddress(),
            extra.transferRegistryAddress(),
            extra.transferDefinition(),
            extra.transferTimeout(),
            extra.lockHash(),
            extra.lockExpiry(),
            extra.quoteId(),
            extra.quoteExpiresAt(),
            java.util.Optional.of(
                new dev.tollgate.x402.RouteOffer(
                    extra.transferDefinition(),
                    java.net.URI.create("https://hub.example"),
                    extra.channelFactoryAddress(),
                    extra.lockHash(),
                    dev.tollgate.core.value.Uint256.of(1_000),
                    dev.tollgate.core.value.Uint256.of(20))));
    assertThat(QuoteExtra.fromJson(routed.toJson(), "extra")).isEqualTo(routed);
    assertThat(names(routed.toJson())).containsExactlyInAnyOrderElementsOf(QuoteExtra.FIELDS);
    assertThat(extra.toJson().get("lockExpiry").isTextual()).isTrue();
    assertThat(extra.toJson().get("transferTimeout").asText()).isEqualTo("86400");
  }

  @Test
  void paymentRequirementsUseX402FieldNames() {
    assertThat(PaymentRequirements.fromJson(quote.toJson(), "accepted")).isEqualTo(quote);
    assertThat(names(quote.toJson()))
        .containsExactly(
            "scheme", "network", "amount", "asset", "payTo", "maxTimeoutSeconds", "extra");
    assertThat(quote.toJson().get("amount").asText()).isEqualTo("10000");
  }

  @Test
  void paymentRequired() {
    ObjectNode extensions = JsonNodeFactory.instance.objectNode();
    extensions.putObject("bazaar").putObject("info").put("category", "news");
    PaymentRequired required =
        new PaymentRequired(
            Optional.of("PAYMENT-SIGNATURE header is required"),
            ARTICLE,
            List.of(quote),
            Optional.of(extensions));

    assertThat(PaymentRequired.fromJson(required.toJson(), "")).isEqualTo(required);
    assertThat(names(required.toJson()))
        .containsExactly("x402Version", "error", "resource", "accepts", "extensions");
    assertThat(required.toJson().get("x402Version").intValue()).isEqualTo(2);
    assertThat(X402Headers.decodePaymentRequired(X402Headers.encode(required)).value())
        .isEqualTo(required);
  }

  @Test
  void paymentPayloadCarriesTheCreateAsChannelCoreJson() {
    PaymentPayload payload = PaymentPayload.of(ARTICLE, quote, create);

    assertThat(PaymentPayload.fromJson(payload.toJson(), "")).isEqualTo(payload);
    assertThat(names(payload.toJson()))
        .containsExactly("x402Version", "resource", "accepted", "payload");
    assertThat(payload.toJson().get("payload")).isEqualTo(ChannelJson.toJson(create));
    assertThat(X402Headers.decodePaymentSignature(X402Headers.encode(payload)).value())
        .isEqualTo(payload);
  }

  @Test
  void paymentPayloadWithoutResourceButWithExtensions() {
    ObjectNode extensions = JsonNodeFactory.instance.objectNode().put("note", "kept");
    PaymentPayload payload =
        new PaymentPayload(Optional.empty(), quote, create, Optional.of(extensions));

    assertThat(X402Headers.decodePaymentSignature(X402Headers.encode(payload)).value())
        .isEqualTo(payload);
  }

  @Test
  void aSettledResponseCarriesTheCountersignedCreateAndTheSignedResolve() {
    VerifiedQuote verified = PaywallFixtures.verified(quote);
    Transition[] settled = PaywallFixtures.settle(create, verified.preImage());
    Bytes32 transferId = ((UpdateDetails.Create) settled[0].update().details()).transferId();
    SettlementResponse response =
        SettlementResponse.settled(
            PaywallFixtures.BOOK.network(),
            PAYER.signer().address(),
            transferId,
            settled[0].update(),
            settled[1].update());

    ObjectNode json = response.toJson();
    assertThat(SettlementResponse.fromJson(json, "")).isEqualTo(response);
    assertThat(names(json))
        .containsExactly(
            "success", "payer", "transaction", "network", "createUpdate", "resolveUpdate");
    assertThat(json.get("transaction").asText()).isEqualTo(transferId.toHex());
    assertThat(X402Headers.decodePaymentResponse(X402Headers.encode(response)).value())
        .isEqualTo(response);
  }

  @Test
  void aRefusedResponseHasAnEmptyTransactionAndNoUpdate() {
    Refusal refusal = Refusal.of(PaywallReason.QUOTE_EXPIRED, "quote expired at 5 (now 6)");
    SettlementResponse response =
        SettlementResponse.refused("eip155:31337", refusal, Optional.of(PAYER.signer().address()));

    ObjectNode json = response.toJson();
    assertThat(SettlementResponse.fromJson(json, "")).isEqualTo(response);
    assertThat(json.get("success").booleanValue()).isFalse();
    assertThat(json.get("errorReason").asText()).isEqualTo("quote_expired");
    assertThat(json.get("errorMessage").asText()).isEqualTo("quote expired at 5 (now 6)");
    assertThat(json.get("transaction").asText()).isEmpty();
    assertThat(json.has("latestUpdate")).isFalse();
    assertThat(X402Headers.decodePaymentResponse(X402Headers.encode(response)).value())
        .isEqualTo(response);
  }

  @Test
  void headersAreStandardBase64OfUtf8Json() throws Exception {
    PaymentPayload payload = PaymentPayload.of(ARTICLE, quote, create);
    String header = X402Headers.encode(payload);

    assertThat(header).matches("[A-Za-z0-9+/]+=*");
    JsonNode decoded =
        ChannelJson.MAPPER.readTree(
            new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8));
    // compared as text: a parsed tree holds small numbers as ints where the built one has longs
    assertThat(decoded.toString()).isEqualTo(payload.toJson().toString());
  }

  @Test
  void extensionsCannotBeChangedThroughTheRecord() {
    ObjectNode extensions = JsonNodeFactory.instance.objectNode().put("a", 1);
    PaymentRequired required =
        new PaymentRequired(Optional.empty(), ARTICLE, List.of(quote), Optional.of(extensions));
    extensions.put("a", 2);
    required.extensions().orElseThrow().put("a", 3);

    assertThat(required.extensions().orElseThrow().get("a").intValue()).isEqualTo(1);
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
