package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.Family.TRUNCATED;

import java.nio.charset.StandardCharsets;

/**
 * A genuine payment's header cut short. Every cut removes at least one base64 character that
 * carries data (padding alone the decoder may forgive), so the JSON loses at least its closing
 * brace and no cut can still be a payment.
 */
final class TruncatedCases extends CaseSource {
  TruncatedCases(PaymentMaterial m) {
    super(TRUNCATED);
    kind(
        "cut-anywhere",
        (kind, r) -> {
          Payment p = m.payment(r);
          String h = p.header();
          return FuzzCase.of(
                  TRUNCATED, kind, p.path(), h.substring(0, 1 + r.nextInt(dataLength(h) - 1)))
              .expecting("invalid_payload");
        });
    kind(
        "cut-at-a-4-character-boundary",
        (kind, r) -> {
          Payment p = m.payment(r);
          String h = p.header();
          int groups = (dataLength(h) - 1) / 4;
          return FuzzCase.of(TRUNCATED, kind, p.path(), h.substring(0, 4 * (1 + r.nextInt(groups))))
              .expecting("invalid_payload");
        });
    kind(
        "cut-and-repadded",
        (kind, r) -> {
          Payment p = m.payment(r);
          String h = p.header();
          String cut = h.substring(0, 2 + r.nextInt(dataLength(h) - 2));
          return FuzzCase.of(
                  TRUNCATED, kind, p.path(), cut + "=".repeat((4 - cut.length() % 4) % 4))
              .expecting("invalid_payload");
        });
    kind(
        "head-cut-off",
        (kind, r) -> {
          Payment p = m.payment(r);
          String h = p.header();
          return FuzzCase.of(TRUNCATED, kind, p.path(), h.substring(1 + r.nextInt(h.length() - 2)))
              .expecting("invalid_payload");
        });
    kind(
        "json-text-cut",
        (kind, r) -> {
          Payment p = m.payment(r);
          String json = Payment.text(p.json());
          String cut = json.substring(0, 1 + r.nextInt(json.length() - 1));
          return FuzzCase.of(
                  TRUNCATED, kind, p.path(), Payment.base64(cut.getBytes(StandardCharsets.UTF_8)))
              .expecting("invalid_payload");
        });
    kind(
        "cut-to-nothing",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.of(TRUNCATED, kind, p.path(), "").expecting("invalid_payload");
        });
  }

  /** The header's length without its trailing padding. */
  private static int dataLength(String header) {
    int n = header.length();
    while (n > 0 && header.charAt(n - 1) == '=') {
      n--;
    }
    return n;
  }
}
