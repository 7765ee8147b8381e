package dev.tollgate.functions.disputes;

import dev.tollgate.core.value.Address;
import java.util.List;
import java.util.Optional;

/** Where the gateway keeps its dispute records, one per channel. */
public interface DisputeBook {
  Optional<DisputeRecord> find(Address channel);

  /** Disputes not yet settled or lost, for the keeper's next round. */
  List<DisputeRecord> unfinished();

  /**
   * Stores {@code record} if the stored one is at {@code record.version() - 1} (or absent for
   * version 1); otherwise throws {@link DisputeRecordChangedException} with what is stored.
   */
  void save(DisputeRecord record) throws DisputeRecordChangedException;
}
