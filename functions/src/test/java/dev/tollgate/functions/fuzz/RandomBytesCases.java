package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.Family.RANDOM_BYTES;

import java.util.Random;

/** Header values that are noise: printable characters, base64 characters, raw bytes. */
final class RandomBytesCases extends CaseSource {
  RandomBytesCases() {
    super(RANDOM_BYTES);
    kind(
        "printable-ascii",
        (kind, r) ->
            FuzzCase.of(RANDOM_BYTES, kind, path(r), Mutate.printable(r, 1 + r.nextInt(3000)))
                .expecting("invalid_payload"));
    kind(
        "base64-alphabet",
        (kind, r) ->
            FuzzCase.of(
                    RANDOM_BYTES, kind, path(r), Mutate.base64Chars(r, 4 * (1 + r.nextInt(1000))))
                .expecting("invalid_payload"));
    kind(
        "raw-bytes",
        (kind, r) -> FuzzCase.raw(RANDOM_BYTES, kind, path(r), rawBytes(r, 1 + r.nextInt(2000))));
    kind(
        "whitespace-only",
        (kind, r) ->
            FuzzCase.of(RANDOM_BYTES, kind, path(r), " \t".repeat(1 + r.nextInt(20)).trim() + " ")
                .expecting("invalid_payload"));
  }

  static String path(Random r) {
    return Mutate.pick(r, PaymentMaterial.PATHS);
  }

  /** Any byte but CR and LF, which would end the header line. */
  static byte[] rawBytes(Random r, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      byte b;
      do {
        b = (byte) r.nextInt(256);
      } while (b == '\r' || b == '\n');
      out[i] = b;
    }
    return out;
  }
}
