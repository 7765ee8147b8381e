package dev.tollgate.functions.paywall;

import static dev.tollgate.functions.paywall.PaywallFixtures.ARTICLE;
import static dev.tollgate.functions.paywall.PaywallFixtures.payerCreate;
import static dev.tollgate.functions.paywall.PaywallFixtures.quote;
import static dev.tollgate.x402.refusal.PaywallReason.HEADER_TOO_LARGE;
import static dev.tollgate.x402.refusal.PaywallReason.INVALID_AMOUNT;
import static dev.tollgate.x402.refusal.PaywallReason.MALFORMED_PAYMENT_HEADER;
import static dev.tollgate.x402.refusal.PaywallReason.UNSUPPORTED_SCHEME;
import static dev.tollgate.x402.refusal.PaywallReason.UNSUPPORTED_X402_VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.PaymentPayload;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.PaywallReason;
import dev.tollgate.x402.refusal.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a PAYMENT-SIGNATURE header can be bad, each a refusal naming what was wrong. */
class X402HeadersTest {
  private final PaymentRequirements quote = quote();
  private final PaymentPayload payload = PaymentPayload.of(ARTICLE, quote, payerCreate(quote));

  @Test
  void theHeaderNamesAreX402v2s() {
    assertThat(X402Headers.PAYMENT_REQUIRED).isEqualTo("PAYMENT-REQUIRED");
    assertThat(X402Headers.PAYMENT_SIGNATURE).isEqualTo("PAYMENT-SIGNATURE");
    assertThat(X402Headers.PAYMENT_RESPONSE).isEqualTo("PAYMENT-RESPONSE");
  }

  @Test
  void aMissingOrEmptyHeaderIsMalformed() {
    refused(X402Headers.decodePaymentSignature(null), MALFORMED_PAYMENT_HEADER, "missing");
    refused(X402Headers.decodePaymentSignature("  "), MALFORMED_PAYMENT_HEADER, "missing");
  }

  @Test
  void anOversizedHeaderIsRefusedBeforeDecoding() {
    String huge = "A".repeat(X402Headers.MAX_HEADER_CHARS + 1);

    Refusal r = refused(X402Headers.decodePaymentSignature(huge), HEADER_TOO_LARGE, "16385");
    assertThat(r.httpStatus()).isEqualTo(431);
    assertThat(r.detail()).doesNotContain("AAAA");
  }

  @Test
  void aHeaderAtTheLimitIsDecoded() {
    String atLimit = "A".repeat(X402Headers.MAX_HEADER_CHARS);

    // 16 KiB of 'A' is valid base64 of NUL bytes: refused for what it holds, not for its size
    refused(X402Headers.decodePaymentSignature(atLimit), MALFORMED_PAYMENT_HEADER, "not JSON");
  }

  @Test
  void garbageBase64IsMalformed() {
    refused(
        X402Headers.decodePaymentSignature("this is *not* base64!"),
        MALFORMED_PAYMENT_HEADER,
        "not base64");
  }

  @Test
  void base64urlIsNotTheHeaderAlphabet() {
    String url = Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xfb, (byte) 0xff});
    refused(X402Headers.decodePaymentSignature(url), MALFORMED_PAYMENT_HEADER, "not base64");
  }

  @Test
  void bytesThatAreNotUtf8AreMalformed() {
    String header = Base64.getEncoder().encodeToString(new byte[] {'{', (byte) 0xc3, '}'});
    refused(X402Headers.decodePaymentSignature(header), MALFORMED_PAYMENT_HEADER, "not UTF-8");
  }

  @Test
  void textThatIsNotJsonIsMalformed() {
    refused(decode("{\"x402Version\": 2,"), MALFORMED_PAYMENT_HEADER, "not JSON");
    refused(decode("{} {}"), MALFORMED_PAYMENT_HEADER, "not JSON");
    refused(decode("{\"a\": 1, \"a\": 2}"), MALFORMED_PAYMENT_HEADER, "not JSON");
  }

  @Test
  void jsonThatIsAnArrayIsMalformed() {
    refused(decode("[1, 2, 3]"), MALFORMED_PAYMENT_HEADER, "expected a JSON object, got ARRAY");
  }

  @Test
  void anotherX402VersionIsUnsupported() {
    refused(
        decode(edited(o -> o.put("x402Version", 1))),
        UNSUPPORTED_X402_VERSION,
        "x402Version: version 1 is not supported");
  }

  @Test
  void aMissingOrMistypedVersionIsMalformed() {
    refused(decode(edited(o -> o.remove("x402Version"))), MALFORMED_PAYMENT_HEADER, "x402Version");
    refused(
        decode(edited(o -> o.put("x402Version", "2"))),
        MALFORMED_PAYMENT_HEADER,
        "x402Version: expected a non-negative integer");
  }

  @Test
  void missingFieldsAreNamed() {
    refused(
        decode(edited(o -> o.remove("accepted"))),
        MALFORMED_PAYMENT_HEADER,
        "accepted: is missing");
    refused(
        decode(edited(o -> o.remove("payload"))), MALFORMED_PAYMENT_HEADER, "payload: is missing");
    refused(
        decode(edited(o -> accepted(o).remove("payTo"))),
        MALFORMED_PAYMENT_HEADER,
        "accepted.payTo: is missing");
    refused(
        decode(edited(o -> extra(o).remove("lockHash"))),
        MALFORMED_PAYMENT_HEADER,
        "accepted.extra.lockHash: is missing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "1.5", "0x10", "+5", "1e3", "", " 10", "010"})
  void nonCanonicalAmountsAreInvalid(String amount) {
    refused(
        decode(edited(o -> accepted(o).put("amount", amount))), INVALID_AMOUNT, "accepted.amount");
  }

  @Test
  void anAmountAboveUint256IsInvalid() {
    String twoTo256 = Uint256.MAX_VALUE.add(java.math.BigInteger.ONE).toString();

    refused(
        decode(edited(o -> accepted(o).put("amount", twoTo256))),
        INVALID_AMOUNT,
        "accepted.amount: value is outside the uint256 range");
    assertThat(decode(edited(o -> accepted(o).put("amount", Uint256.MAX_VALUE.toString()))).isOk())
        .isTrue();
  }

  @Test
  void anAmountAsAJsonNumberIsInvalid() {
    refused(
        decode(edited(o -> accepted(o).put("amount", 10000))),
        INVALID_AMOUNT,
        "accepted.amount: expected a string, got NUMBER");
  }

  @Test
  void aHugeAmountIsNotEchoed() {
    String digits = "9".repeat(10_000);

    Refusal r =
        refused(
            decode(edited(o -> accepted(o).put("amount", digits))),
            INVALID_AMOUNT,
            "too long (10000 digits)");
    assertThat(r.detail()).hasSizeLessThanOrEqualTo(Refusal.MAX_DETAIL_CHARS);
  }

  @Test
  void aBadChecksumAddressIsMalformedAndNamed() {
    String wrongCase = flipFirstLetterCase(quote.payTo().toString());
    refused(
        decode(edited(o -> accepted(o).put("payTo", wrongCase))),
        MALFORMED_PAYMENT_HEADER,
        "accepted.payTo: address has a bad EIP-55 checksum");
  }

  @Test
  void aLowercaseAddressIsAccepted() {
    String lower = quote.payTo().toString().toLowerCase();
    assertThat(decode(edited(o -> accepted(o).put("payTo", lower))).value().accepted().payTo())
        .isEqualTo(quote.payTo());
  }

  @Test
  void anotherSchemeIsUnsupportedNotMalformed() {
    refused(
        decode(
            edited(
                o -> {
                  accepted(o).put("scheme", "exact");
                  accepted(o).putObject("extra").put("name", "USDC").put("version", "2");
                })),
        UNSUPPORTED_SCHEME,
        "accepted.scheme: 'exact' is not supported");
  }

  @Test
  void aHugeSchemeIsNotEchoed() {
    Refusal r =
        refused(
            decode(edited(o -> accepted(o).put("scheme", "s".repeat(10_000)))),
            UNSUPPORTED_SCHEME,
            "accepted.scheme");
    assertThat(r.detail()).hasSizeLessThanOrEqualTo(Refusal.MAX_DETAIL_CHARS);
  }

  @Test
  void anUnknownFieldInOurExtraIsRefused() {
    refused(
        decode(edited(o -> extra(o).put("discount", "50%"))),
        MALFORMED_PAYMENT_HEADER,
        "accepted.extra.discount: unknown field");
  }

  @Test
  void unknownFieldsInX402sOwnObjectsAreIgnored() {
    PaymentPayload read =
        decode(
                edited(
                    o -> {
                      o.put("scheme", "vector-hashlock"); // an older draft put these at the top
                      o.put("network", "eip155:31337");
                      accepted(o).put("futureField", true);
                    }))
            .value();
    assertThat(read).isEqualTo(payload);
  }

  @Test
  void aBadUpdateIsMalformedNamingItsPath() {
    refused(
        decode(edited(o -> ((ObjectNode) o.get("payload")).put("nonce", "three"))),
        MALFORMED_PAYMENT_HEADER,
        "payload.nonce: expected a non-negative integer");
    refused(
        decode(
            edited(
                o -> ((ObjectNode) o.get("payload").get("details")).put("transferId", "0x1234"))),
        MALFORMED_PAYMENT_HEADER,
        "payload.details.transferId");
  }

  @Test
  void surroundingWhitespaceIsTolerated() {
    assertThat(X402Headers.decodePaymentSignature("  " + X402Headers.encode(payload) + " ").value())
        .isEqualTo(payload);
  }

  @Test
  void aDeeplyNestedDocumentIsRefusedNotThrown() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    Checked<PaymentPayload> r = decode(deep);
    assertThat(r.isOk()).isFalse();
    assertThat(r.refusal().detail()).hasSizeLessThanOrEqualTo(Refusal.MAX_DETAIL_CHARS);
  }

  @Test
  void anInconsistentSettlementResponseIsMalformed() {
    String json = "{\"success\": true, \"transaction\": \"\", \"network\": \"eip155:1\"}";
    Checked<SettlementResponse> r =
        X402Headers.decodePaymentResponse(
            Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    refused(r, MALFORMED_PAYMENT_HEADER, "inconsistent");
  }

  // ---- helpers ----

  private static String flipFirstLetterCase(String address) {
    char[] c = address.toCharArray();
    for (int i = 2; i < c.length; i++) {
      if (Character.isLetter(c[i])) {
        c[i] =
            Character.isUpperCase(c[i]) ? Character.toLowerCase(c[i]) : Character.toUpperCase(c[i]);
        return new String(c);
      }
    }
    throw new AssertionError("no letter in " + address);
  }

  private String edited(Consumer<ObjectNode> edit) {
    ObjectNode json = payload.toJson();
    edit.accept(json);
    return json.toString();
  }

  private static ObjectNode accepted(ObjectNode payload) {
    return (ObjectNode) payload.get("accepted");
  }

  private static ObjectNode extra(ObjectNode payload) {
    return (ObjectNode) accepted(payload).get("extra");
  }

  private static Checked<PaymentPayload> decode(String json) {
    return X402Headers.decodePaymentSignature(
        Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static Refusal refused(Checked<?> checked, PaywallReason reason, String detailPart) {
    assertThat(checked.isOk()).as("expected %s, got %s", reason, checked).isFalse();
    Refusal r = checked.refusal();
    assertThat(r.is(reason)).as("reason of %s", r).isTrue();
    assertThat(r.httpStatus()).isEqualTo(reason.httpStatus());
    assertThat(r.detail()).contains(detailPart);
    return r;
  }
}
