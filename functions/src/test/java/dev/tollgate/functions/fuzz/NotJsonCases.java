package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.Family.BASE64_NOT_JSON;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Well-formed base64 of something that is not a payment: noise, JSON that is not an object,
 * trailing content, a duplicated key, comments, nesting or a number beyond the parser's limits,
 * other encodings of the payment's JSON (UTF-16, gzip, invalid UTF-8 inside it). A payment's JSON
 * with a byte-order mark is built from the stranger-signed twin: whether a parser skips the mark is
 * its business.
 */
final class NotJsonCases extends CaseSource {
  NotJsonCases(PaymentMaterial m) {
    super(BASE64_NOT_JSON);
    kind(
        "random-bytes",
        (kind, r) -> {
          byte[] b = new byte[1 + r.nextInt(3000)];
          r.nextBytes(b);
          return of(r, kind, Payment.base64(b));
        });
    kind(
        "random-text",
        (kind, r) -> of(r, kind, Payment.base64(Mutate.printable(r, 1 + r.nextInt(500)))));
    kind(
        "json-scalar-or-array",
        (kind, r) ->
            of(
                r,
                kind,
                Payment.base64(
                    Mutate.pick(
                        r, "1", "\"x\"", "true", "null", "[]", "[{}]", "{}", "-0", "\"\""))));
    kind(
        "payment-in-an-array",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.of(
                  BASE64_NOT_JSON,
                  kind,
                  p.path(),
                  Payment.base64("[" + Payment.text(p.json()) + "]"))
              .expecting("invalid_payload");
        });
    kind(
        "trailing-content",
        (kind, r) -> {
          Payment p = m.payment(r);
          String tail = Mutate.pick(r, " x", "}", "{}", ",", " null", "\u0000", "]");
          return FuzzCase.of(
                  BASE64_NOT_JSON, kind, p.path(), Payment.base64(Payment.text(p.json()) + tail))
              .expecting("invalid_payload");
        });
    kind(
        "duplicate-key",
        (kind, r) -> {
          Payment p = m.payment(r);
          String json = Payment.text(p.json());
          String dup =
              Mutate.pick(
                  r,
                  "\"x402Version\":2,",
                  "\"x402Version\":1,",
                  "\"payload\":{},",
                  "\"accepted\":{},");
          return FuzzCase.of(
                  BASE64_NOT_JSON, kind, p.path(), Payment.base64("{" + dup + json.substring(1)))
              .expecting("invalid_payload");
        });
    kind(
        "comments",
        (kind, r) -> {
          Payment p = m.payment(r);
          String json = Payment.text(p.json());
          return FuzzCase.of(
                  BASE64_NOT_JSON,
                  kind,
                  p.path(),
                  Payment.base64("{/* x402 */" + json.substring(1)))
              .expecting("invalid_payload");
        });
    kind(
        "single-quotes",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.of(
                  BASE64_NOT_JSON,
                  kind,
                  p.path(),
                  Payment.base64(Payment.text(p.json()).replace('"', '\'')))
              .expecting("invalid_payload");
        });
    kind(
        "invalid-utf8",
        (kind, r) -> {
          Payment p = m.payment(r);
          byte[] json = Payment.text(p.json()).getBytes(StandardCharsets.UTF_8);
          byte[][] bad = {
            {(byte) 0xff},
            {(byte) 0xc3, 0x28},
            {(byte) 0xc0, (byte) 0xaf},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {(byte) 0x80}
          };
          byte[] insert = bad[r.nextInt(bad.length)];
          int at = 1 + r.nextInt(json.length - 2);
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          out.write(json, 0, at);
          out.writeBytes(insert);
          out.write(json, at, json.length - at);
          return FuzzCase.of(BASE64_NOT_JSON, kind, p.path(), Payment.base64(out.toByteArray()))
              .expecting("invalid_payload");
        });
    kind(
        "utf16",
        (kind, r) -> {
          Payment p = m.payment(r);
          byte[] json =
              Payment.text(p.json())
                  .getBytes(r.nextBoolean() ? StandardCharsets.UTF_16 : StandardCharsets.UTF_16LE);
          return FuzzCase.of(BASE64_NOT_JSON, kind, p.path(), Payment.base64(json))
              .expecting("invalid_payload");
        });
    kind(
        "gzip",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.of(
                  BASE64_NOT_JSON,
                  kind,
                  p.path(),
                  Payment.base64(gzip(Payment.text(p.json()).getBytes(StandardCharsets.UTF_8))))
              .expecting("invalid_payload");
        });
    kind(
        "byte-order-mark",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.of(
              BASE64_NOT_JSON,
              kind,
              p.path(),
              Payment.base64("\uFEFF" + Payment.text(p.strangerJson())));
        });
    kind(
        "nested-too-deep",
        (kind, r) -> {
          Payment p = m.payment(r);
          int depth = 1_100 + r.nextInt(900);
          String deep = "[".repeat(depth) + "]".repeat(depth);
          String json =
              r.nextBoolean()
                  ? deep
                  : Payment.text(p.strangerJson())
                      .replaceFirst("^\\{", "{\"extensions\":{\"x\":" + deep + "},");
          return FuzzCase.of(BASE64_NOT_JSON, kind, p.path(), Payment.base64(json))
              .expecting("invalid_payload");
        });
    kind(
        "number-too-long",
        (kind, r) -> {
          Payment p = m.payment(r);
          String digits = "9".repeat(1_100 + r.nextInt(1_500));
          String json =
              Payment.text(p.strangerJson())
                  .replaceFirst("\"nonce\":[0-9]+", "\"nonce\":" + digits);
          return FuzzCase.of(BASE64_NOT_JSON, kind, p.path(), Payment.base64(json))
              .expecting("invalid_payload");
        });
    kind(
        "other-formats",
        (kind, r) -> {
          Payment p = m.payment(r);
          String text =
              Mutate.pick(
                  r,
                  "<payment><x402Version>2</x402Version></payment>",
                  "x402Version: 2\naccepted:\n  scheme: vector-hashlock\n",
                  "x402Version=2&accepted=vector-hashlock",
                  "(x402Version . 2)");
          return FuzzCase.of(BASE64_NOT_JSON, kind, p.path(), Payment.base64(text))
              .expecting("invalid_payload");
        });
  }

  private static FuzzCase of(Random r, String kind, String header) {
    return FuzzCase.of(BASE64_NOT_JSON, kind, Mutate.pick(r, PaymentMaterial.PATHS), header)
        .expecting("invalid_payload");
  }

  private static byte[] gzip(byte[] bytes) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream z = new GZIPOutputStream(out)) {
        z.write(bytes);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
