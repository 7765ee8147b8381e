package dev.tollgate.core.transfer;

import dev.tollgate.core.abi.ChannelAbi;
import dev.tollgate.core.value.Bytes32;
import java.util.Objects;

/** {@code tuple(bytes32 preImage)}; the zero preimage cancels the transfer. */
public record HashlockResolver(Bytes32 preImage) implements TransferResolver {
  public HashlockResolver {
    Objects.requireNonNull(preImage, "preImage");
  }

  public static HashlockResolver cancel() {
    return new HashlockResolver(Bytes32.ZERO);
  }

  public boolean isCancel() {
    return preImage.isZero();
  }

  @Override
  public byte[] encode() {
    return ChannelAbi.encodeWord(preImage);
  }

  /** Never print a preimage: until it is revealed on purpose it is the payment itself. */
  @Override
  public String toString() {
    return isCancel() ? "HashlockResolver[cancel]" : "HashlockResolver[preImage=<hidden>]";
  }
}
