package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.Family.HUGE_HEADER;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Headers from 4 KiB to 64 KiB, around the server's header limit and the gateway's own (16 KiB):
 * noise of base64 characters, or the stranger-signed twin padded in its free-form {@code
 * extensions} (a padded genuine payment would still be one below the limits).
 */
final class HugeHeaderCases extends CaseSource {
  static final List<Integer> SIZES =
      List.of(4_096, 7_000, 8_000, 8_192, 9_000, 12_000, 16_384, 16_385, 20_000, 32_768, 65_536);

  HugeHeaderCases(PaymentMaterial m) {
    super(HUGE_HEADER);
    for (int size : SIZES) {
      kind(
          "base64-noise-" + size,
          (kind, r) ->
              FuzzCase.of(
                  HUGE_HEADER,
                  kind,
                  Mutate.pick(r, PaymentMaterial.PATHS),
                  Mutate.base64Chars(r, size)));
      kind(
          "padded-payment-" + size,
          (kind, r) -> {
            Payment p = m.payment(r);
            ObjectNode json = p.strangerJson();
            int base = Payment.base64(json).length();
            // base64 grows by 4/3: pad the JSON so the header lands near the size.
            int pad = Math.max(1, (size - base) * 3 / 4);
            json.putObject("extensions").put("padding", "x".repeat(pad));
            return FuzzCase.of(HUGE_HEADER, kind, p.path(), Payment.base64(json));
          });
    }
  }
}
