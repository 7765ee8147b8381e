package dev.tollgate.functions.events;

import dev.tollgate.core.value.Address;
import java.util.Set;

/**
 * The channels the watcher reads (their contracts' events and the token transfers into them): the
 * gateway's funded channels. A channel merely opened holds nothing to defend, so it costs the
 * watcher nothing until a deposit into it is credited (see {@code deposits.FundedChannels}).
 */
public interface KnownChannels {
  Set<Address> all();
}
