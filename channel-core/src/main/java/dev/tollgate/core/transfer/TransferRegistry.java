package dev.tollgate.core.transfer;

import dev.tollgate.core.value.Address;
import java.util.Map;
import java.util.Optional;

/** The definitions a network has deployed, by contract address. Only these may be created. */
public record TransferRegistry(Map<Address, TransferDefinition> definitions) {
  public TransferRegistry {
    definitions = Map.copyOf(definitions);
  }

  public static TransferRegistry of(Address hashlock, Address withdraw) {
    return new TransferRegistry(
        Map.of(hashlock, HashlockTransfer.INSTANCE, withdraw, WithdrawTransfer.INSTANCE));
  }

  public Optional<TransferDefinition> lookup(Address definition) {
    return Optional.ofNullable(definitions.get(definition));
  }
}
