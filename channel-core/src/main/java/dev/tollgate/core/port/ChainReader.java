package dev.tollgate.core.port;

import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.value.Address;

/** Reads what the deposit update needs from the channel contract. */
public interface ChainReader {
  DepositTotals depositTotals(Address channelAddress, Address assetId);
}
