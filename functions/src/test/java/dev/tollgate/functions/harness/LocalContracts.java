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
import dev.tollgate.core.value.Hex;
import dev.tollgate.functions.events.EventOrigin;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

/**
 * Anvil with Tollgate's contracts deployed and nothing else: the chain half of the gateway, for
 * tests of what it reads and writes on chain (its {@link AnvilNode} moves time, mines, sets
 * balances). The accounts: the deployer, the gateway (alice in every channel it serves), bob (a
 * payer) and carol (an outsider).
 */
public final class LocalContracts implements AutoCloseable {
  /** What {@link #fund} gives an account: 100 Ether. */
  public static final BigInteger FUNDED_WEI = new BigInteger("100000000000000000000");

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
      return new LocalContracts(anvil, deploy(anvil));
    } catch (Exception | Error e) {
      anvil.close();
      throw e;
    }
  }

  /** Deploys all of Tollgate's contracts to {@code anvil} from its first dev account. */
  public static Deployment deploy(AnvilNode anvil) throws Exception {
    return Deployer.deployAll(
        anvil.web3j(),
        Transactions.manager(anvil.web3j(), DevAccounts.account(0), AnvilNode.CHAIN_ID),
        Transactions.LOCAL_GAS,
        AnvilNode.CHAIN_ID);
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

  /** Calldata of the test token's {@code approve}: a call that always succeeds. */
  public byte[] approve(Address spender, long amount) {
    String data =
        readToken(spender)
            .approve(ChannelStructs.hex(spender), BigInteger.valueOf(amount))
            .encodeFunctionCall();
    return Hex.decode(data);
  }

  /** What the test token lets {@code spender} take from {@code owner}. */
  public long allowance(Address owner, Address spender) throws Exception {
    return readToken(owner)
        .allowance(owner.toChecksumHex(), spender.toChecksumHex())
        .send()
        .longValueExact();
  }

  /** The test token's balance of {@code holder}. */
  public BigInteger tokenBalance(Address holder) throws Exception {
    return readToken(holder).balanceOf(holder.toChecksumHex()).send();
  }

  private TestToken readToken(Address readAs) {
    return TestToken.load(
        ChannelStructs.hex(token()),
        web3j,
        new ReadonlyTransactionManager(web3j, ChannelStructs.hex(readAs)),
        new DefaultGasProvider());
  }

  /** Gives {@code account} {@link #FUNDED_WEI} to pay gas with. */
  public void fund(Address account) {
    anvil.setBalance(account.toChecksumHex(), FUNDED_WEI);
  }

  /** The transaction as the node has it (pending or mined), if it has it. */
  public Optional<Transaction> transaction(Bytes32 hash) throws Exception {
    return web3j.ethGetTransactionByHash(hash.toHex()).send().getTransaction();
  }

  public long nonceOf(Bytes32 hash) throws Exception {
    return transaction(hash)
        .orElseThrow(() -> new AssertionError("the node does not know " + hash))
        .getNonce()
        .longValueExact();
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
