package dev.tollgate.functions.api;

import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import java.util.Optional;

/** Query parameters parsed into refusals that name the parameter and its value. */
final class QueryValues {
  /** Longer than any long's digits: not worth echoing back whole. */
  private static final int MAX_CHARS = 20;

  private QueryValues() {}

  /** Empty when the parameter is absent; refused when present and not a whole number. */
  static Checked<Optional<Long>> whole(String name, String value) {
    if (value == null) {
      return Checked.ok(Optional.empty());
    }
    if (value.length() <= MAX_CHARS && value.matches("-?[0-9]+")) {
      try {
        return Checked.ok(Optional.of(Long.parseLong(value)));
      } catch (NumberFormatException tooLarge) {
        // Falls through to the refusal below.
      }
    }
    String shown = value.length() <= MAX_CHARS ? value : value.substring(0, MAX_CHARS) + "...";
    return Checked.refused(
        GatewayReason.INVALID_PARAMETER, name + " '" + shown + "' is not a whole number");
  }
}
