package dev.tollgate.core.transfer;

import dev.tollgate.core.hash.Keccak;
import dev.tollgate.core.value.Bytes32;

/** A transfer definition's own state, fixed at create and committed to by its hash. */
public sealed interface TransferInitialState permits HashlockState, WithdrawState {
  /** {@code abi.encode} with the definition's state encoding. */
  byte[] encode();

  /** The {@code initialStateHash} of the transfer. */
  default Bytes32 hash() {
    return Keccak.hash(encode());
  }
}
