package dev.tollgate.functions.withdrawals;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.Optional;

/** Withdrawals the chain executed, by the hash of their withdraw data. */
public interface CompletedWithdrawals {
  /** Marks the withdrawal complete; a repeat of the same record changes nothing. */
  void record(CompletedWithdrawal withdrawal);

  Optional<CompletedWithdrawal> find(Address channel, Bytes32 withdrawDataHash);

  record CompletedWithdrawal(
      Address channel,
      Bytes32 withdrawDataHash,
      Address assetId,
      Address recipient,
      Uint256 amount,
      Bytes32 txHash,
      long block) {}
}
