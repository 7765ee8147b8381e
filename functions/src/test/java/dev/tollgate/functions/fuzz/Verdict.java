package dev.tollgate.functions.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.x402.PaymentRequired;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import dev.tollgate.x402.refusal.Checked;
import java.util.Optional;

/**
 * Whether one answer is a proper refusal: a 4xx (never a 5xx, never a success) that names its
 * reason from the gateway's catalogues, with the status that reason maps to. A 402 carries the
 * reason in {@code PAYMENT-RESPONSE} ({@code success: false}) and a fresh quote naming it; any
 * other refusal names it in the body's {@code error} and, when it has one, in {@code
 * PAYMENT-RESPONSE} as well. Only a request malformed at the HTTP level (raw bytes, an oversized
 * header) or sent to a path no controller routes may be refused by the server before the gateway
 * sees it; such a refusal is named by its status (400, 404, 413 or 431) and the server's message.
 *
 * @param reason what named the refusal: an errorReason, or {@code server <status> <message>}
 * @param problem why the answer is not a proper refusal, or empty
 */
record Verdict(int status, String reason, Optional<String> problem) {

  static Verdict judge(FuzzCase c, Answer a) {
    if (a.status() == Answer.NO_ANSWER) {
      return bad(a, "-", "no answer: " + a.body());
    }
    if (a.status() >= 500) {
      return bad(a, "-", "a server error");
    }
    if (a.status() < 400) {
      return bad(a, "-", "not refused: a bad payment got " + a.status());
    }
    JsonNode body = parse(a.body());
    Optional<String> bodyError =
        Optional.ofNullable(body)
            .map(b -> b.get("error"))
            .filter(JsonNode::isTextual)
            .map(JsonNode::asText);
    Optional<String> settlementHeader = a.header(X402Headers.PAYMENT_RESPONSE);
    Verdict named;
    if (settlementHeader.isPresent()) {
      named = fromSettlement(a, settlementHeader.get(), bodyError);
    } else if (bodyError.isPresent() && ReasonCatalogue.statusOf(bodyError.get()).isPresent()) {
      named =
          a.status() == 402
              ? bad(a, bodyError.get(), "a 402 without PAYMENT-RESPONSE")
              : fromBody(a, bodyError.get(), body);
    } else if (c.serverMayRefuse()) {
      named = fromServer(a, body);
    } else {
      return bad(a, "-", "a refusal that names no reason from the catalogues");
    }
    if (named.problem().isEmpty()
        && !c.expected().isEmpty()
        && !c.expected().contains(named.reason())) {
      return bad(a, named.reason(), "expected one of " + c.expected());
    }
    if (named.problem().isEmpty() && c.forbidden().contains(named.reason())) {
      return bad(
          a, named.reason(), "refused only by " + named.reason() + ": the change meant nothing");
    }
    return named;
  }

  boolean ok() {
    return problem.isEmpty();
  }

  /** For the histogram: {@code 402 bad_signature}. */
  String outcome() {
    return status + " " + reason;
  }

  private static Verdict fromSettlement(Answer a, String header, Optional<String> bodyError) {
    Checked<SettlementResponse> decoded = X402Headers.decodePaymentResponse(header);
    if (!decoded.isOk()) {
      return bad(a, "-", "PAYMENT-RESPONSE does not decode: " + decoded.refusal());
    }
    SettlementResponse s = decoded.value();
    if (s.success()) {
      return bad(a, "-", "PAYMENT-RESPONSE says success on a " + a.status());
    }
    String reason = s.errorReason().orElse("");
    Optional<Integer> status = ReasonCatalogue.statusOf(reason);
    if (status.isEmpty()) {
      return bad(a, reason, "errorReason '" + reason + "' is in no catalogue");
    }
    if (status.get() != a.status()) {
      return bad(a, reason, reason + " maps to " + status.get() + ", not " + a.status());
    }
    if (s.errorMessage().filter(m -> !m.isBlank()).isEmpty()) {
      return bad(a, reason, "PAYMENT-RESPONSE has no errorMessage");
    }
    if (!bodyError.equals(Optional.of(reason))) {
      return bad(a, reason, "the body's error " + bodyError + " is not " + reason);
    }
    if (a.status() == 402) {
      Optional<String> required = a.header(X402Headers.PAYMENT_REQUIRED);
      if (required.isEmpty()) {
        return bad(a, reason, "a 402 without a fresh PAYMENT-REQUIRED");
      }
      Checked<PaymentRequired> quote = X402Headers.decodePaymentRequired(required.get());
      if (!quote.isOk() || !quote.value().error().equals(Optional.of(reason))) {
        return bad(a, reason, "PAYMENT-REQUIRED does not name " + reason);
      }
    }
    return new Verdict(a.status(), reason, Optional.empty());
  }

  private static Verdict fromBody(Answer a, String reason, JsonNode body) {
    if (ReasonCatalogue.statusOf(reason).orElseThrow() != a.status()) {
      return bad(a, reason, reason + " does not map to " + a.status());
    }
    JsonNode detail = body.get("detail");
    if (detail == null || !detail.isTextual() || detail.asText().isBlank()) {
      return bad(a, reason, "the body names " + reason + " but gives no detail");
    }
    return new Verdict(a.status(), reason, Optional.empty());
  }

  private static Verdict fromServer(Answer a, JsonNode body) {
    if (a.status() != 400 && a.status() != 404 && a.status() != 413 && a.status() != 431) {
      return bad(a, "-", "the server refused with " + a.status() + ", naming nothing");
    }
    String message =
        Optional.ofNullable(body)
            .map(b -> b.get("message"))
            .filter(JsonNode::isTextual)
            .map(JsonNode::asText)
            .orElse("(no message)");
    return new Verdict(a.status(), "server: " + message, Optional.empty());
  }

  private static JsonNode parse(String body) {
    try {
      return ChannelJson.parse(body);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Verdict bad(Answer a, String reason, String problem) {
    return new Verdict(a.status(), reason, Optional.of(problem + " (answer: " + a + ")"));
  }
}
