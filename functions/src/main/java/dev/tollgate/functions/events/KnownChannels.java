package dev.tollgate.functions.events;

import dev.tollgate.core.value.Address;
import java.util.Set;

/**
 * The channels the gateway is a party to: the contracts and deposit addresses the watcher reads.
 */
public interface KnownChannels {
  Set<Address> all();
}
