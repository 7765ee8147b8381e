package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.Family.NOT_BASE64;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A genuine payment's header spoiled as base64: a character outside the alphabet, the URL-safe
 * alphabet, percent-encoding, a prefix, hex, base64 twice. Padding the decoder may forgive
 * (missing, extra) is changed on the stranger-signed twin, so it can never become a payment.
 */
final class NotBase64Cases extends CaseSource {
  private static final String NOT_IN_ALPHABET = "!@#$%^&*()[]{}<>?,.;:'\"~`|\\- _";

  NotBase64Cases(PaymentMaterial m) {
    super(NOT_BASE64);
    kind(
        "foreign-character-inside",
        (kind, r) -> {
          Payment p = m.payment(r);
          String h = p.header();
          int at = 1 + r.nextInt(h.length() - 2);
          char c = NOT_IN_ALPHABET.charAt(r.nextInt(NOT_IN_ALPHABET.length()));
          return FuzzCase.of(NOT_BASE64, kind, p.path(), h.substring(0, at) + c + h.substring(at))
              .expecting("invalid_payload");
        });
    kind(
        "url-safe-alphabet",
        (kind, r) -> {
          Payment p = m.payment(r);
          String url =
              Base64.getUrlEncoder().encodeToString(Base64.getDecoder().decode(p.header()));
          String h = url.equals(p.header()) ? "-" + url : url;
          return FuzzCase.of(NOT_BASE64, kind, p.path(), h).expecting("invalid_payload");
        });
    kind(
        "tab-inside",
        (kind, r) -> {
          Payment p = m.payment(r);
          String h = p.header();
          int at = 1 + r.nextInt(h.length() - 2);
          return FuzzCase.of(
                  NOT_BASE64, kind, p.path(), h.substring(0, at) + "\t" + h.substring(at))
              .expecting("invalid_payload");
        });
    kind(
        "percent-encoded",
        (kind, r) -> {
          Payment p = m.payment(r);
          String encoded = URLEncoder.encode(p.header(), StandardCharsets.US_ASCII);
          String h = encoded.equals(p.header()) ? "%20" + encoded : encoded;
          return FuzzCase.of(NOT_BASE64, kind, p.path(), h).expecting("invalid_payload");
        });
    kind(
        "scheme-prefix",
        (kind, r) -> {
          Payment p = m.payment(r);
          String prefix = Mutate.pick(r, "Bearer ", "base64:", "x402 ", "Basic ", "PAYMENT ");
          return FuzzCase.of(NOT_BASE64, kind, p.path(), prefix + p.header())
              .expecting("invalid_payload");
        });
    kind(
        "hex-of-json",
        (kind, r) -> {
          Payment p = m.payment(r);
          String hex =
              HexFormat.of().formatHex(Payment.text(p.json()).getBytes(StandardCharsets.UTF_8));
          return FuzzCase.of(NOT_BASE64, kind, p.path(), hex).expecting("invalid_payload");
        });
    kind(
        "base64-twice",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.of(NOT_BASE64, kind, p.path(), Payment.base64(p.header()))
              .expecting("invalid_payload");
        });
    kind(
        "padding-removed",
        (kind, r) -> {
          Payment p = m.payment(r);
          String h = p.strangerHeader().replace("=", "");
          return FuzzCase.of(NOT_BASE64, kind, p.path(), h);
        });
    kind(
        "padding-added",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.of(
              NOT_BASE64, kind, p.path(), p.strangerHeader() + "=".repeat(1 + r.nextInt(3)));
        });
    kind(
        "padding-inside",
        (kind, r) -> {
          Payment p = m.payment(r);
          String h = p.header();
          int at = 4 * (1 + r.nextInt(h.length() / 4 - 1));
          return FuzzCase.of(
                  NOT_BASE64, kind, p.path(), h.substring(0, at) + "==" + h.substring(at))
              .expecting("invalid_payload");
        });
  }
}
