package dev.tollgate.functions.disputes;

import dev.tollgate.core.value.Address;
import java.util.List;

/** What one keeper round did: each unfinished dispute's stage after it, and the claims started. */
public record KeeperReport(List<String> disputes, List<String> claimsStarted) {
  public KeeperReport {
    disputes = List.copyOf(disputes);
    claimsStarted = List.copyOf(claimsStarted);
  }

  static KeeperReport of(List<DisputeRecord> advanced, List<Address> claimed) {
    return new KeeperReport(
        advanced.stream().map(r -> r.channel().toChecksumHex() + " " + r.stage()).toList(),
        claimed.stream().map(Address::toChecksumHex).toList());
  }
}
