package dev.tollgate.x402;

import dev.tollgate.x402.refusal.PaywallReason;
import dev.tollgate.x402.refusal.Refusal;
import java.util.Objects;

/**
 * A field of an x402 message that cannot be read, with the reason it maps to and the JSON path of
 * the field (for example {@code accepted.extra.lockHash}). Thrown only inside the codecs; {@link
 * X402Headers} turns it into a {@link Refusal}.
 */
public final class X402FormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final PaywallReason reason;
  private final String path;

  public X402FormatException(PaywallReason reason, String path, String problem) {
    super(path.isEmpty() ? problem : path + ": " + problem);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.path = path;
  }

  public PaywallReason reason() {
    return reason;
  }

  public String path() {
    return path;
  }

  public Refusal toRefusal() {
    return Refusal.of(reason, getMessage());
  }
}
