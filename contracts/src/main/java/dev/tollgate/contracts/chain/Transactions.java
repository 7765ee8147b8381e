package dev.tollgate.contracts.chain;

import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Signs transactions locally and waits for receipts with a fast poller: web3j's default polls every
 * 15 seconds, which is longer than a local chain takes to mine a whole test.
 */
public final class Transactions {
  public static final long RECEIPT_POLL_MILLIS = 25;
  public static final int RECEIPT_POLL_ATTEMPTS = 2_400;

  /** A fixed gas limit makes a reverting call mine (status 0) instead of failing estimation. */
  public static final ContractGasProvider LOCAL_GAS =
      new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(12_000_000L));

  private Transactions() {}

  public static TransactionManager manager(Web3j web3j, Credentials sender, long chainId) {
    return new RawTransactionManager(
        web3j,
        sender,
        chainId,
        new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_MILLIS, RECEIPT_POLL_ATTEMPTS));
  }
}
