package dev.tollgate.core.transfer;

import dev.tollgate.core.abi.ChannelAbi;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.Objects;

/** {@code tuple(bytes32 lockHash, uint256 expiry)}; expiry 0 means the lock never expires. */
public record HashlockState(Bytes32 lockHash, Uint256 expiry) implements TransferInitialState {
  public HashlockState {
    Objects.requireNonNull(lockHash, "lockHash");
    Objects.requireNonNull(expiry, "expiry");
  }

  @Override
  public byte[] encode() {
    return ChannelAbi.encodeWordAndUint(lockHash, expiry);
  }
}
