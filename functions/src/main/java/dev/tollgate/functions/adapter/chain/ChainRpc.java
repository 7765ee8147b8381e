package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.port.ChainCallRevertedException;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The node calls a {@link TransactionSender} needs, so a test can stand between it and the node.
 */
public interface ChainRpc {
  long chainId();

  /**
   * Runs the call against the latest state without sending it.
   *
   * @throws ChainCallRevertedException named {@code eth_call} when the contract reverts
   */
  void simulate(Address from, Address to, String data);

  /**
   * @throws ChainCallRevertedException named {@code eth_estimateGas} when the contract reverts
   */
  BigInteger estimateGas(Address from, Address to, String data);

  BigInteger latestBaseFee();

  BigInteger suggestedPriorityFee();

  /** Transactions {@code account} has sent: mined only, or including those waiting in the pool. */
  long transactionCount(Address account, boolean includingPending);

  /**
   * Hands a signed transaction to the node; one the node already has counts as sent.
   *
   * @throws BroadcastRejectedException when the node refuses it
   */
  void broadcast(SignedTransaction signed);

  Optional<Receipt> receipt(Bytes32 transactionHash);

  record Receipt(Bytes32 transactionHash, long blockNumber, long gasUsed, boolean succeeded) {}
}
