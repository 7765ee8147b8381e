package dev.tollgate.functions.disputes;

import dev.tollgate.core.value.Address;
import java.util.List;

/** Finds channels whose newest state still waits for the payer's signature. */
public interface IdleChannels {
  /**
   * Channels whose latest state is not double-signed and was last written before {@code
   * updatedBefore} (epoch seconds), at most {@code limit}.
   */
  List<Address> unacknowledgedSince(long updatedBefore, int limit);
}
