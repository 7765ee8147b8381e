package dev.tollgate.functions.harness;

import dev.tollgate.contracts.anvil.AnvilNode;
import dev.tollgate.contracts.anvil.DevAccounts;
import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.chain.EventTopics;
import dev.tollgate.contracts.chain.Transactions;
import dev.tollgate.contracts.deploy.Deployer;
import dev.tollgate.contracts.deploy.Deployment;
import dev.tollgate.contracts.generated.ChannelFactory;
import dev.tollgate.contracts.generated.ChannelMastercopy;
import dev.tollgate.contracts.generated.TestToken;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.functions.events.EventOrigin;
import java.math.BigInteger;
import java.util.Locale;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Anvil with Tollgate's contracts deployed and nothing else: the chain half of the gateway, for
 * tests of what it reads and writes on chain. The accounts: the deployer, the gateway (alice in
 * every channel it serves), bob (a payer) and carol (an outsider).
 */
public final class LocalContracts implements AutoCloseable {
  public final AnvilNode anvil;
  public final Web3j web3j;
  public final Deployment deployment;
  public final Credentials deployer = DevAccounts.account(0);
  public final Credentials gateway = DevAccounts.account(1);
  public final Credentials bob = DevAccounts.account(2);
  public final Credentials carol = DevAccounts.account(3);

  private LocalContracts(AnvilNode anvil, Deployment deployment) {
    this.anvil = anvil;
    this.web3j = anvil.web3j();
    this.deployment = deployment;
  }

  public static LocalContracts start() throws Exception {
    AnvilNode anvil = AnvilNode.start();
    try {
      Deployment deployment =
          Deployer.deployAll(
              anvil.web3j(),
              Transactions.manager(anvil.web3j(), DevAccounts.account(0), AnvilNode.CHAIN_ID),
              Transactions.LOCAL_GAS,
              AnvilNode.CHAIN_ID);
      return new LocalContracts(anvil, deployment);
    } catch (Exception | Error e) {
      anvil.close();
      throw e;
    }
  }

  public static Address address(Credentials account) {
    return Address.fromHex(account.getAddress().toLowerCase(Locale.ROOT));
  }

  public static LocalKeySigner signer(Credentials account) {
    return LocalKeySigner.fromPrivateKey(
        Numeric.toBytesPadded(account.getEcKeyPair().getPrivateKey(), 32));
  }

  public Address token() {
    return deployment.testToken();
  }

  public TestToken token(Credentials sender) {
    return TestToken.load(
        ChannelStructs.hex(deployment.testToken()),
        web3j,
        Transactions.manager(web3j, sender, AnvilNode.CHAIN_ID),
        Transactions.LOCAL_GAS);
  }

  public ChannelFactory factory(Credentials sender) {
    return ChannelFactory.load(
        ChannelStructs.hex(deployment.channelFactory()),
        web3j,
        Transactions.manager(web3j, sender, AnvilNode.CHAIN_ID),
        Transactions.LOCAL_GAS);
  }

  public ChannelMastercopy channel(Address channel, Credentials sender) {
    return ChannelMastercopy.load(
        ChannelStructs.hex(channel),
        web3j,
        Transactions.manager(web3j, sender, AnvilNode.CHAIN_ID),
        Transactions.LOCAL_GAS);
  }

  public void mint(Credentials to, long amount) throws Exception {
    token(deployer).mint(to.getAddress(), BigInteger.valueOf(amount)).send();
  }

  /** A plain ERC20 transfer: how a payer deposits into a channel address. */
  public TransactionReceipt transferToken(Credentials from, Address to, long amount)
      throws Exception {
    return token(from).transfer(ChannelStructs.hex(to), BigInteger.valueOf(amount)).send();
  }

  public long head() throws Exception {
    return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
  }

  public long blockTime(TransactionReceipt receipt) throws Exception {
    return web3j
        .ethGetBlockByHash(receipt.getBlockHash(), false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact();
  }

  /**
   * Where {@code receipt} logged the one event {@code event} of {@code contract}'s ABI from {@code
   * emitter}, as the receipt (not a log query) reports it.
   */
  public static EventOrigin origin(
      TransactionReceipt receipt, String contract, String event, Address emitter) {
    String topic = EventTopics.of(contract).topic(event);
    Log found = null;
    for (Log log : receipt.getLogs()) {
      if (log.getTopics().get(0).equals(topic)
          && Address.fromHex(log.getAddress().toLowerCase(Locale.ROOT)).equals(emitter)) {
        if (found != null) {
          throw new IllegalStateException(
              receipt.getTransactionHash() + " logged " + event + " more than once");
        }
        found = log;
      }
    }
    if (found == null) {
      throw new IllegalStateException(
          receipt.getTransactionHash() + " logged no " + event + " from " + emitter);
    }
    return new EventOrigin(
        Bytes32.fromHex(found.getTransactionHash()),
        found.getLogIndex().longValueExact(),
        found.getBlockNumber().longValueExact(),
        Bytes32.fromHex(found.getBlockHash()));
  }

  @Override
  public void close() {
    anvil.close();
  }
}
