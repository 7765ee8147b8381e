package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.Family.UNICODE_CONTROL;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Characters an HTTP header or a JSON string should not carry, or carries only with care: control
 * characters and bytes above 0x7f written raw into the header line (an HTTP client library refuses
 * to send them), and, inside the base64, JSON strings with lone surrogates, NUL, bidi overrides,
 * lookalike letters and fullwidth digits in the fields the gateway compares. All built on the
 * stranger-signed twin: a change to a field the gateway compares must be refused before the
 * signature check.
 */
final class UnicodeCases extends CaseSource {
  /** Controls other than CR and LF, which would end the header line, plus DEL. */
  private static final byte[] CONTROLS = controls();

  private static final List<String> UNICODE =
      List.of("é", "€", "😀", "\u202e", "\u200b", "\ufeff", "\u00a0", "\u2028", "е", "１");

  /** JSON escapes the parser turns into characters a strict writer may choke on. */
  private static final List<String> ESCAPES =
      List.of("\\ud83d", "\\ude00", "\\u0000", "\\u202e", "\\u0007", "\\u00ff", "\\ud83d\\ud83d");

  /**
   * Fields the gateway compares or parses strictly: a change must be refused before the signature.
   */
  private static final List<String> STRICT_FIELDS =
      List.of(
          "accepted.scheme",
          "accepted.network",
          "accepted.amount",
          "accepted.asset",
          "accepted.payTo",
          "accepted.extra.quoteId",
          "accepted.extra.lockHash",
          "accepted.extra.transferTimeout",
          "payload.channelAddress",
          "payload.type",
          "payload.assetId",
          "payload.details.transferId",
          "payload.details.balance.amount[0]");

  UnicodeCases(PaymentMaterial m) {
    super(UNICODE_CONTROL);
    kind(
        "raw-control-character",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.raw(
              UNICODE_CONTROL,
              kind,
              p.path(),
              insert(p.strangerHeader(), new byte[] {CONTROLS[r.nextInt(CONTROLS.length)]}, r));
        });
    kind(
        "raw-high-byte",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.raw(
              UNICODE_CONTROL,
              kind,
              p.path(),
              insert(p.strangerHeader(), new byte[] {(byte) (0x80 + r.nextInt(0x80))}, r));
        });
    kind(
        "raw-utf8",
        (kind, r) -> {
          Payment p = m.payment(r);
          byte[] utf8 = Mutate.pick(r, UNICODE).getBytes(StandardCharsets.UTF_8);
          return FuzzCase.raw(UNICODE_CONTROL, kind, p.path(), insert(p.strangerHeader(), utf8, r));
        });
    kind(
        "raw-nul-only",
        (kind, r) ->
            FuzzCase.raw(
                UNICODE_CONTROL, kind, Mutate.pick(r, PaymentMaterial.PATHS), new byte[] {0}));
    kind(
        "raw-bare-cr",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.raw(
              UNICODE_CONTROL, kind, p.path(), insert(p.strangerHeader(), new byte[] {'\r'}, r));
        });
    kind(
        "json-escape-in-a-compared-field",
        (kind, r) -> {
          Payment p = m.payment(r);
          String field = Mutate.pick(r, STRICT_FIELDS);
          String escape = Mutate.pick(r, ESCAPES);
          return FuzzCase.of(
                  UNICODE_CONTROL, kind + ":" + field, p.path(), withEscape(p, field, escape, r))
              .refusedBeforeTheSignature();
        });
    kind(
        "unicode-in-a-compared-field",
        (kind, r) -> {
          Payment p = m.payment(r);
          String field = Mutate.pick(r, STRICT_FIELDS);
          ObjectNode json = p.strangerJson();
          String value = JsonTree.get(json, field).asText();
          int at = r.nextInt(value.length() + 1);
          JsonTree.setText(
              json, field, value.substring(0, at) + Mutate.pick(r, UNICODE) + value.substring(at));
          return FuzzCase.of(UNICODE_CONTROL, kind + ":" + field, p.path(), Payment.base64(json))
              .refusedBeforeTheSignature();
        });
    kind(
        "lookalike-or-fullwidth",
        (kind, r) -> {
          Payment p = m.payment(r);
          ObjectNode json = p.strangerJson();
          String field;
          if (r.nextBoolean()) {
            field = "accepted.scheme";
            // Cyrillic е (U+0435) for the Latin e.
            JsonTree.setText(json, field, "v\u0435ctor-hashlock");
          } else {
            field = "accepted.amount";
            String digits = JsonTree.get(json, field).asText();
            StringBuilder wide = new StringBuilder();
            digits.chars().forEach(c -> wide.append((char) (c - '0' + '\uff10')));
            JsonTree.setText(json, field, wide.toString());
          }
          return FuzzCase.of(UNICODE_CONTROL, kind + ":" + field, p.path(), Payment.base64(json))
              .refusedBeforeTheSignature();
        });
    kind(
        "split-surrogate-in-a-long-value",
        (kind, r) -> {
          // 76 characters and an emoji: abbreviating to 77 characters splits its surrogate pair.
          Payment p = m.payment(r);
          ObjectNode json = p.strangerJson();
          String field =
              Mutate.pick(r, "accepted.scheme", "accepted.network", "accepted.extra.quoteId");
          JsonTree.setText(json, field, "v".repeat(76) + "😀" + "v".repeat(10));
          return FuzzCase.of(UNICODE_CONTROL, kind + ":" + field, p.path(), Payment.base64(json))
              .refusedBeforeTheSignature();
        });
    kind(
        "escape-in-an-unknown-key",
        (kind, r) -> {
          Payment p = m.payment(r);
          String json = Payment.text(p.strangerJson());
          String key = "\"k" + Mutate.pick(r, ESCAPES) + "\":1,";
          // extra is closed: an unknown key there is refused, and named in the refusal.
          String edited =
              json.replaceFirst(
                  "\"extra\":\\{", "\"extra\":{" + java.util.regex.Matcher.quoteReplacement(key));
          return FuzzCase.of(UNICODE_CONTROL, kind, p.path(), Payment.base64(edited))
              .refusedBeforeTheSignature();
        });
    kind(
        "escape-in-an-ignored-field",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.of(
              UNICODE_CONTROL,
              kind,
              p.path(),
              withEscape(p, "resource.description", Mutate.pick(r, ESCAPES), r));
        });
  }

  /** The stranger-signed twin's JSON with {@code escape} written into the text of {@code field}. */
  private static String withEscape(Payment p, String field, String escape, Random r) {
    ObjectNode json = p.strangerJson();
    String value = JsonTree.get(json, field).asText();
    int at = r.nextInt(value.length() + 1);
    String marker = "@@ESCAPE@@";
    JsonTree.setText(json, field, value.substring(0, at) + marker + value.substring(at));
    return Payment.base64(
        Payment.text(json).replace(marker, escape).getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] insert(String header, byte[] what, Random r) {
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    int at = r.nextInt(h.length + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(h, 0, at);
    out.writeBytes(what);
    out.write(h, at, h.length - at);
    return out.toByteArray();
  }

  private static byte[] controls() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int c = 0; c < 0x20; c++) {
      if (c != '\r' && c != '\n') {
        out.write(c);
      }
    }
    out.write(0x7f);
    return out.toByteArray();
  }
}
