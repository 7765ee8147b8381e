package dev.tollgate.functions.events;

import dev.tollgate.contracts.anvil.AnvilNode;
import dev.tollgate.contracts.anvil.DevAccounts;
import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.chain.Transactions;
import dev.tollgate.contracts.deploy.Deployment;
import dev.tollgate.contracts.generated.TestToken;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.emulators.DynamoDbLocal;
import dev.tollgate.emulators.ElasticMq;
import dev.tollgate.functions.adapter.chain.Web3jChainLogs;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbFundedChannels;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbWatchCursor;
import dev.tollgate.functions.adapter.dynamodb.GatewayTables;
import dev.tollgate.functions.adapter.dynamodb.TableNames;
import dev.tollgate.functions.adapter.sqs.EventQueues;
import dev.tollgate.functions.adapter.sqs.SqsEventQueue;
import dev.tollgate.functions.harness.LocalContracts;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The watcher's real surroundings, each started here on loopback: anvil with Tollgate's contracts,
 * DynamoDB Local, ElasticMQ. A scenario takes fresh tables and a fresh queue, so scenarios sharing
 * one fixture never see each other's cursor or messages.
 */
final class WatcherFixture implements AutoCloseable {
  static final Credentials DEPLOYER = DevAccounts.account(0);
  static final Credentials GATEWAY = DevAccounts.account(1);
  static final Credentials PAYER = DevAccounts.account(2);
  private static final AtomicInteger NAMES = new AtomicInteger();

  final AnvilNode anvil;
  final Deployment deployment;
  final DynamoDbClient dynamo;
  final SqsClient sqs;
  private final DynamoDbLocal dynamoLocal;
  private final ElasticMq mq;

  private WatcherFixture(
      AnvilNode anvil,
      Deployment deployment,
      DynamoDbLocal dynamoLocal,
      DynamoDbClient dynamo,
      ElasticMq mq,
      SqsClient sqs) {
    this.anvil = anvil;
    this.deployment = deployment;
    this.dynamoLocal = dynamoLocal;
    this.dynamo = dynamo;
    this.mq = mq;
    this.sqs = sqs;
  }

  static WatcherFixture start() throws Exception {
    AnvilNode anvil = AnvilNode.start();
    DynamoDbLocal dynamoLocal = null;
    ElasticMq mq = null;
    try {
      Deployment deployment = LocalContracts.deploy(anvil);
      dynamoLocal = DynamoDbLocal.start();
      mq = ElasticMq.start();
      return new WatcherFixture(
          anvil, deployment, dynamoLocal, dynamoLocal.client(), mq, mq.client());
    } catch (Exception | Error e) {
      if (mq != null) {
        mq.close();
      }
      if (dynamoLocal != null) {
        dynamoLocal.close();
      }
      anvil.close();
      throw e;
    }
  }

  /** One scenario's tables and queue. */
  record Scenario(TableNames tables, String queueUrl) {}

  Scenario scenario() {
    int n = NAMES.incrementAndGet();
    TableNames tables = TableNames.withPrefix("watch" + n + "-");
    GatewayTables.createIfMissing(dynamo, tables);
    String queueUrl = EventQueues.createIfMissing(sqs, "watch" + n, 5).queue();
    return new Scenario(tables, queueUrl);
  }

  /** A watcher of the scenario, as the event functions wire it, on its own cursor instance. */
  ChainWatcher watcher(Scenario scenario, WatcherSettings settings) {
    return watcher(scenario, settings, chainLogs());
  }

  ChainWatcher watcher(Scenario scenario, WatcherSettings settings, ChainLogs logs) {
    return new ChainWatcher(
        logs,
        new DynamoDbFundedChannels(dynamo, scenario.tables()),
        new SqsEventQueue(sqs, scenario.queueUrl()),
        new DynamoDbWatchCursor(dynamo, scenario.tables()),
        settings);
  }

  ChainLogs chainLogs() {
    return new Web3jChainLogs(
        anvil.web3j(), deployment.channelFactory(), Address.fromHex(GATEWAY.getAddress()));
  }

  /** Settings watching the test token, starting after every block mined so far. */
  WatcherSettings settings(long confirmations) throws IOException {
    return WatcherSettings.defaults(Set.of(deployment.testToken()))
        .withConfirmations(confirmations)
        .withStartBlock(head() + 1);
  }

  /**
   * The payer's channel with the gateway, listed in the scenario's channels table and funded, so
   * the watcher reads it.
   */
  Address knownChannel(Scenario scenario, Credentials payer) {
    Address channel =
        deployment.channelAddress(
            Address.fromHex(GATEWAY.getAddress()), Address.fromHex(payer.getAddress()));
    dynamo.putItem(
        b ->
            b.tableName(scenario.tables().channels())
                .item(Map.of("channelAddress", AttributeValue.fromS(channel.toChecksumHex()))));
    new DynamoDbFundedChannels(dynamo, scenario.tables()).funded(channel);
    return channel;
  }

  /** Where a deposit's {@code Transfer} was logged. */
  record Deposit(Bytes32 txHash, long logIndex, long block) {
    String eventId() {
      return txHash + ":" + logIndex;
    }
  }

  /**
   * The payer's deposit: the token minted to the payer, then sent by the payer into the channel.
   */
  Deposit deposit(Credentials payer, Address channel, BigInteger amount) throws Exception {
    mint(payer, amount);
    return transfer(payer, channel, amount);
  }

  void mint(Credentials payer, BigInteger amount) throws Exception {
    token(DEPLOYER).mint(payer.getAddress(), amount).send();
  }

  /** The payer sends tokens it holds into the channel: one {@code Transfer} log. */
  Deposit transfer(Credentials payer, Address channel, BigInteger amount) throws Exception {
    TransactionReceipt receipt = token(payer).transfer(ChannelStructs.hex(channel), amount).send();
    if (!receipt.isStatusOK()) {
      throw new IllegalStateException("the deposit reverted: " + receipt);
    }
    Log transfer =
        receipt.getLogs().stream()
            .filter(l -> Address.fromHex(l.getAddress()).equals(deployment.testToken()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no Transfer log in " + receipt));
    return new Deposit(
        Bytes32.fromHex(receipt.getTransactionHash()),
        transfer.getLogIndex().longValueExact(),
        receipt.getBlockNumber().longValueExact());
  }

  private TestToken token(Credentials sender) {
    return TestToken.load(
        ChannelStructs.hex(deployment.testToken()),
        anvil.web3j(),
        Transactions.manager(anvil.web3j(), sender, AnvilNode.CHAIN_ID),
        Transactions.LOCAL_GAS);
  }

  long head() throws IOException {
    return anvil.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
  }

  /** Mines until the head is {@code block}. */
  void mineTo(long block) throws IOException {
    while (head() < block) {
      anvil.mine();
    }
  }

  @Override
  public void close() {
    try {
      sqs.close();
      mq.close();
    } finally {
      try {
        dynamo.close();
        dynamoLocal.close();
      } finally {
        anvil.close();
      }
    }
  }
}
