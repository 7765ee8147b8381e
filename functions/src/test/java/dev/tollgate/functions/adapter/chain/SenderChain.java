package dev.tollgate.functions.adapter.chain;

import dev.tollgate.contracts.anvil.AnvilNode;
import dev.tollgate.contracts.anvil.DevAccounts;
import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.chain.Transactions;
import dev.tollgate.contracts.deploy.Deployer;
import dev.tollgate.contracts.deploy.Deployment;
import dev.tollgate.contracts.generated.TestToken;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbNonceLedger;
import dev.tollgate.functions.adapter.dynamodb.GatewayTables;
import dev.tollgate.functions.adapter.dynamodb.TableNames;
import dev.tollgate.functions.harness.DynamoDbLocal;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * Anvil with Tollgate's contracts deployed and DynamoDB Local, for the transaction sender's tests:
 * fresh funded keys, fresh ledgers, and the chain controls the tests need (automine, balances).
 */
final class SenderChain implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicInteger TABLE_SETS = new AtomicInteger();

  final AnvilNode anvil;
  final Web3j web3j;
  final Deployment deployment;
  final DynamoDbLocal dynamo;
  private final HttpService http;

  private SenderChain(AnvilNode anvil, Deployment deployment, DynamoDbLocal dynamo) {
    this.anvil = anvil;
    this.web3j = anvil.web3j();
    this.deployment = deployment;
    this.dynamo = dynamo;
    this.http = new HttpService(anvil.rpcUrl());
  }

  static SenderChain start() throws Exception {
    AnvilNode anvil = AnvilNode.start();
    DynamoDbLocal dynamo = null;
    try {
      Deployment deployment =
          Deployer.deployAll(
              anvil.web3j(),
              Transactions.manager(anvil.web3j(), DevAccounts.account(0), AnvilNode.CHAIN_ID),
              Transactions.LOCAL_GAS,
              AnvilNode.CHAIN_ID);
      dynamo = DynamoDbLocal.start();
      return new SenderChain(anvil, deployment, dynamo);
    } catch (Exception | Error e) {
      anvil.close();
      if (dynamo != null) {
        dynamo.close();
      }
      throw e;
    }
  }

  /** Polls fast, gives up on a receipt after a minute; nothing is replaced within 10 seconds. */
  static SenderSettings testSettings() {
    return SenderSettings.defaults()
        .withPollInterval(Duration.ofMillis(25))
        .withStuckAfter(Duration.ofSeconds(10))
        .withReceiptTimeout(Duration.ofMinutes(1));
  }

  /** A ledger on tables no other test writes to. */
  NonceLedger freshLedger() {
    TableNames tables = TableNames.withPrefix("sender" + TABLE_SETS.incrementAndGet() + "-");
    GatewayTables.createIfMissing(dynamo.client(), tables);
    return new DynamoDbNonceLedger(dynamo.client(), tables);
  }

  /** A key no test has used, holding 100 Ether. */
  LocalKeySigner fundedKey() {
    LocalKeySigner key = LocalKeySigner.random(RANDOM);
    fund(key.address());
    return key;
  }

  void fund(Address account) {
    control("anvil_setBalance", account.toChecksumHex(), "0x56bc75e2d63100000");
  }

  TransactionSender sender(Signer signer, NonceLedger ledger, SenderSettings settings) {
    return sender(new Web3jChainRpc(web3j), signer, ledger, settings);
  }

  TransactionSender sender(
      ChainRpc rpc, Signer signer, NonceLedger ledger, SenderSettings settings) {
    return new TransactionSender(
        rpc, ledger, signer, settings, () -> System.currentTimeMillis() / 1000, System::nanoTime);
  }

  /** Calldata of the test token's {@code approve}: a call that always succeeds. */
  byte[] approve(Address spender, long amount) {
    String data =
        token(spender)
            .approve(ChannelStructs.hex(spender), BigInteger.valueOf(amount))
            .encodeFunctionCall();
    return Hex.decode(data);
  }

  /** What the test token lets {@code spender} take from {@code owner}. */
  long allowance(Address owner, Address spender) throws Exception {
    return token(owner)
        .allowance(owner.toChecksumHex(), spender.toChecksumHex())
        .send()
        .longValueExact();
  }

  /** The test token's balance of {@code holder}. */
  BigInteger tokenBalance(Address holder) throws Exception {
    return token(holder).balanceOf(holder.toChecksumHex()).send();
  }

  private TestToken token(Address readAs) {
    return TestToken.load(
        ChannelStructs.hex(token()),
        web3j,
        new ReadonlyTransactionManager(web3j, ChannelStructs.hex(readAs)),
        new DefaultGasProvider());
  }

  Address token() {
    return deployment.testToken();
  }

  /** The transaction as the node has it (pending or mined), if it has it. */
  Optional<Transaction> transaction(Bytes32 hash) throws Exception {
    return web3j.ethGetTransactionByHash(hash.toHex()).send().getTransaction();
  }

  long nonceOf(Bytes32 hash) throws Exception {
    return transaction(hash)
        .orElseThrow(() -> new AssertionError("the node does not know " + hash))
        .getNonce()
        .longValueExact();
  }

  long minedCount(Address account) throws Exception {
    return new Web3jChainRpc(web3j).transactionCount(account, false);
  }

  void setAutomine(boolean on) {
    control("evm_setAutomine", on);
  }

  Object control(String method, Object... params) {
    try {
      AnvilNode.GenericResponse response =
          new Request<>(method, List.of(params), http, AnvilNode.GenericResponse.class).send();
      if (response.hasError()) {
        throw new IllegalStateException(method + " failed: " + response.getError().getMessage());
      }
      return response.getResult();
    } catch (IOException e) {
      throw new IllegalStateException(method + " could not reach anvil", e);
    }
  }

  @Override
  public void close() {
    try {
      anvil.close();
    } finally {
      dynamo.close();
    }
  }
}
