package dev.tollgate.contracts;

import dev.tollgate.contracts.anvil.AnvilNode;
import dev.tollgate.contracts.anvil.DevAccounts;
import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.chain.Transactions;
import dev.tollgate.contracts.deploy.Deployer;
import dev.tollgate.contracts.deploy.Deployment;
import dev.tollgate.contracts.generated.ChannelFactory;
import dev.tollgate.contracts.generated.ChannelMastercopy;
import dev.tollgate.contracts.generated.TestToken;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.value.Address;
import java.math.BigInteger;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * A fresh anvil chain with a complete Tollgate deployment, and the accounts tests play: the
 * deployer, alice (the gateway), bob (the payer) and carol (an outsider).
 */
final class LocalChain implements AutoCloseable {
  final AnvilNode anvil;
  final Web3j web3j;
  final Deployment deployment;
  final Credentials deployer = DevAccounts.account(0);
  final Credentials alice = DevAccounts.account(1);
  final Credentials bob = DevAccounts.account(2);
  final Credentials carol = DevAccounts.account(3);

  private LocalChain(AnvilNode anvil, Deployment deployment) {
    this.anvil = anvil;
    this.web3j = anvil.web3j();
    this.deployment = deployment;
  }

  static LocalChain start() throws Exception {
    AnvilNode anvil = AnvilNode.start();
    try {
      Deployment deployment =
          Deployer.deployAll(
              anvil.web3j(),
              Transactions.manager(anvil.web3j(), DevAccounts.account(0), AnvilNode.CHAIN_ID),
              Transactions.LOCAL_GAS,
              AnvilNode.CHAIN_ID);
      return new LocalChain(anvil, deployment);
    } catch (Exception | Error e) {
      anvil.close();
      throw e;
    }
  }

  TransactionManager tx(Credentials sender) {
    return Transactions.manager(web3j, sender, AnvilNode.CHAIN_ID);
  }

  static LocalKeySigner signer(Credentials account) {
    return LocalKeySigner.fromPrivateKey(
        Numeric.toBytesPadded(account.getEcKeyPair().getPrivateKey(), 32));
  }

  static Address address(Credentials account) {
    return Address.fromHex(account.getAddress());
  }

  TestToken token(Credentials sender) {
    return TestToken.load(
        ChannelStructs.hex(deployment.testToken()), web3j, tx(sender), Transactions.LOCAL_GAS);
  }

  ChannelFactory factory(Credentials sender) {
    return ChannelFactory.load(
        ChannelStructs.hex(deployment.channelFactory()), web3j, tx(sender), Transactions.LOCAL_GAS);
  }

  ChannelMastercopy channel(Address channel, Credentials sender) {
    return ChannelMastercopy.load(
        ChannelStructs.hex(channel), web3j, tx(sender), Transactions.LOCAL_GAS);
  }

  BigInteger tokenBalance(Address holder) throws Exception {
    return token(deployer).balanceOf(ChannelStructs.hex(holder)).send();
  }

  void mint(Credentials to, long amount) throws Exception {
    token(deployer).mint(to.getAddress(), BigInteger.valueOf(amount)).send();
  }

  /**
   * A plain Ether transfer with room for the channel proxy's receive hook (web3j's Transfer helper
   * allows only 21,000 gas, which a proxy's delegatecall exceeds).
   */
  TransactionReceipt sendEther(Credentials from, Address to, BigInteger wei) throws Exception {
    TransactionManager manager = tx(from);
    String hash =
        manager
            .sendTransaction(
                Transactions.LOCAL_GAS.getGasPrice(),
                BigInteger.valueOf(100_000),
                ChannelStructs.hex(to),
                "",
                wei)
            .getTransactionHash();
    TransactionReceipt receipt =
        new PollingTransactionReceiptProcessor(
                web3j, Transactions.RECEIPT_POLL_MILLIS, Transactions.RECEIPT_POLL_ATTEMPTS)
            .waitForTransactionReceipt(hash);
    if (!receipt.isStatusOK()) {
      throw new IllegalStateException("sending " + wei + " wei to " + to + " failed: " + receipt);
    }
    return receipt;
  }

  /** Test-token units that ERC20 Transfer events moved into {@code holder} since block 0. */
  BigInteger tokensTransferredTo(Address holder) throws Exception {
    return sumTransfers(null, holder);
  }

  /** Test-token units that ERC20 Transfer events moved out of {@code holder} since block 0. */
  BigInteger tokensTransferredFrom(Address holder) throws Exception {
    return sumTransfers(holder, null);
  }

  private BigInteger sumTransfers(Address from, Address to) throws Exception {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameterName.EARLIEST,
            DefaultBlockParameterName.LATEST,
            ChannelStructs.hex(deployment.testToken()));
    filter.addSingleTopic(EventEncoder.encode(TestToken.TRANSFER_EVENT));
    filter.addOptionalTopics(from == null ? null : topic(from));
    filter.addOptionalTopics(to == null ? null : topic(to));
    EthLog logs = web3j.ethGetLogs(filter).send();
    if (logs.hasError()) {
      throw new IllegalStateException("eth_getLogs failed: " + logs.getError().getMessage());
    }
    BigInteger sum = BigInteger.ZERO;
    for (EthLog.LogResult<?> result : logs.getLogs()) {
      Log log = (Log) result.get();
      sum = sum.add(new BigInteger(log.getData().substring(2), 16));
    }
    return sum;
  }

  private static String topic(Address a) {
    return "0x" + TypeEncoder.encode(new org.web3j.abi.datatypes.Address(ChannelStructs.hex(a)));
  }

  @Override
  public void close() {
    anvil.close();
  }
}
