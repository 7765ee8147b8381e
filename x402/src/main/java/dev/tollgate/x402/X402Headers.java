package dev.tollgate.x402;

import static dev.tollgate.x402.refusal.PaywallReason.HEADER_TOO_LARGE;
import static dev.tollgate.x402.refusal.PaywallReason.MALFORMED_PAYMENT_HEADER;
import static dev.tollgate.x402.refusal.PaywallReason.UNSUPPORTED_X402_VERSION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.BiFunction;

/**
 * The x402 v2 HTTP transport: header names and the base64 of UTF-8 JSON they carry.
 *
 * <p>From coinbase/x402 specs/transports-v2/http.md and specs/x402-specification-v2.md (§5): a 402
 * carries {@code PAYMENT-REQUIRED} = base64({@code PaymentRequired {x402Version: 2, error?,
 * resource {url, description?, mimeType?}, accepts: [PaymentRequirements {scheme, network, amount,
 * asset, payTo, maxTimeoutSeconds, extra?}], extensions?}}); the paid retry carries {@code
 * PAYMENT-SIGNATURE} = base64({@code PaymentPayload {x402Version, resource?, accepted, payload,
 * extensions?}}); the answer carries {@code PAYMENT-RESPONSE} = base64({@code SettlementResponse
 * {success, errorReason?, payer?, transaction ("" on failure), network}}). Malformed payment → 400,
 * failed payment → 402. The spec's schema (specs/schemas/x402-v2.schema.json) does not close its
 * objects, so unknown fields are ignored there; only Tollgate's own {@code extra} is closed.
 *
 * <p>Decoding never throws for bad input: every failure is a {@link Refusal} whose detail names the
 * bad field and never echoes more than a short prefix of the input.
 */
public final class X402Headers {
  public static final String PAYMENT_REQUIRED = "PAYMENT-REQUIRED";
  public static final String PAYMENT_SIGNATURE = "PAYMENT-SIGNATURE";
  public static final String PAYMENT_RESPONSE = "PAYMENT-RESPONSE";
  public static final int X402_VERSION = 2;

  /**
   * The largest header value decoded. A payload (a requirement and one signed create) is about 3
   * KiB of base64; the limit bounds the work an unpaid request can make the gateway do.
   */
  public static final int MAX_HEADER_CHARS = 16 * 1024;

  private X402Headers() {}

  /** base64 (standard alphabet, padded) of the message's UTF-8 JSON. */
  public static String encode(X402Message message) {
    try {
      byte[] json = ChannelJson.MAPPER.writeValueAsBytes(message.toJson());
      return Base64.getEncoder().encodeToString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** The payer's {@code PAYMENT-SIGNATURE}, or why it cannot be read. */
  public static Checked<PaymentPayload> decodePaymentSignature(String header) {
    return decode(PAYMENT_SIGNATURE, header, PaymentPayload::fromJson);
  }

  /** A {@code PAYMENT-REQUIRED} header, as a payer reads it. */
  public static Checked<PaymentRequired> decodePaymentRequired(String header) {
    return decode(PAYMENT_REQUIRED, header, PaymentRequired::fromJson);
  }

  /** A {@code PAYMENT-RESPONSE} header, as a payer reads it. */
  public static Checked<SettlementResponse> decodePaymentResponse(String header) {
    return decode(PAYMENT_RESPONSE, header, SettlementResponse::fromJson);
  }

  private static <T> Checked<T> decode(
      String name, String header, BiFunction<JsonNode, String, T> reader) {
    if (header == null || header.isBlank()) {
      return Checked.refused(MALFORMED_PAYMENT_HEADER, name + " header is missing or empty");
    }
    if (header.length() > MAX_HEADER_CHARS) {
      return Checked.refused(
          HEADER_TOO_LARGE,
          name
              + " header is "
              + header.length()
              + " characters, more than the "
              + MAX_HEADER_CHARS
              + " accepted");
    }
    byte[] bytes;
    try {
      // HTTP strips surrounding whitespace from header values; some stacks do not.
      bytes = Base64.getDecoder().decode(header.strip());
    } catch (IllegalArgumentException e) {
      return Checked.refused(
          MALFORMED_PAYMENT_HEADER, name + " header is not base64: " + e.getMessage());
    }
    String json;
    try {
      json =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return Checked.refused(MALFORMED_PAYMENT_HEADER, name + " header is not UTF-8 text");
    }
    JsonNode node;
    try {
      node = ChannelJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return Checked.refused(
          MALFORMED_PAYMENT_HEADER, name + " header is not JSON: " + e.getOriginalMessage());
    }
    if (node == null || node.isMissingNode()) {
      return Checked.refused(MALFORMED_PAYMENT_HEADER, name + " header holds no JSON");
    }
    try {
      return Checked.ok(reader.apply(node, ""));
    } catch (X402FormatException e) {
      return Checked.refused(
          e.path().isEmpty()
              ? Refusal.of(e.reason(), name + " header: " + e.getMessage())
              : e.toRefusal());
    } catch (IllegalArgumentException e) {
      // A value type's own precondition (an inconsistent SettlementResponse, say): still the
      // payer's input, so still a refusal, never a 500. Those messages are Tollgate's own.
      return Checked.refused(
          MALFORMED_PAYMENT_HEADER, name + " header is inconsistent: " + e.getMessage());
    } catch (RuntimeException e) {
      // Any other exception's message is the JDK's or a library's, about code, not the input.
      return Checked.refused(MALFORMED_PAYMENT_HEADER, name + " header is inconsistent");
    }
  }

  /** {@code x402Version} must be the integer 2; a missing or mistyped one is malformed. */
  static void checkVersion(X402Fields f) {
    long version = f.integer("x402Version");
    if (version != X402_VERSION) {
      throw new X402FormatException(
          UNSUPPORTED_X402_VERSION,
          f.at("x402Version"),
          "version " + version + " is not supported (expected " + X402_VERSION + ")");
    }
  }
}
