package dev.tollgate.core.transfer;

/** What the responder supplies to resolve a transfer. */
public sealed interface TransferResolver permits HashlockResolver, WithdrawResolver {
  /** {@code abi.encode} with the definition's resolver encoding. */
  byte[] encode();
}
