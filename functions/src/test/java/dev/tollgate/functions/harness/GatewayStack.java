package dev.tollgate.functions.harness;

import dev.tollgate.contracts.anvil.AnvilNode;
import dev.tollgate.contracts.anvil.DevAccounts;
import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.chain.Transactions;
import dev.tollgate.contracts.deploy.Deployer;
import dev.tollgate.contracts.deploy.Deployment;
import dev.tollgate.contracts.generated.TestToken;
import dev.tollgate.core.protocol.ChannelRules;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Hex;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.gateway.GatewayNetwork;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The gateway as deployed, on one machine: anvil with the contracts, DynamoDB Local, and the real
 * Lambda handler configured against them. Each stack gets its own tables, so test classes never see
 * each other's channels.
 */
public final class GatewayStack implements AutoCloseable {
  public static final String GATEWAY_KEY =
      "0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63";
  public static final String ARTICLES = "/paid/articles/";
  public static final BigInteger ARTICLE_PRICE = BigInteger.valueOf(1_000);
  public static final String FREE = "/paid/free/";
  private static final AtomicInteger STACKS = new AtomicInteger();

  private final AnvilNode anvil;
  private final Deployment deployment;
  private final DynamoDbLocal dynamo;
  private final Map<String, Object> properties;
  private LambdaInvoker lambda;

  private GatewayStack(
      AnvilNode anvil, Deployment deployment, DynamoDbLocal dynamo, Map<String, Object> props) {
    this.anvil = anvil;
    this.deployment = deployment;
    this.dynamo = dynamo;
    this.properties = props;
  }

  /** A stack whose gateway signs with a local key. */
  public static GatewayStack start() throws Exception {
    return start(
        Map.of("tollgate.signer.mode", "local", "tollgate.signer.private-key", GATEWAY_KEY));
  }

  /** A stack whose gateway signer is configured by {@code signer} (tollgate.signer.* and kms). */
  public static GatewayStack start(Map<String, Object> signer) throws Exception {
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
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      Map<String, Object> p = new HashMap<>(signer);
      p.put("tollgate.chain.id", AnvilNode.CHAIN_ID);
      p.put("tollgate.chain.rpc-url", anvil.rpcUrl());
      p.put("tollgate.contracts.channel-factory", deployment.channelFactory().toChecksumHex());
      p.put("tollgate.contracts.transfer-registry", deployment.transferRegistry().toChecksumHex());
      p.put("tollgate.contracts.mastercopy", deployment.mastercopy().toChecksumHex());
      p.put("tollgate.contracts.hashlock", deployment.hashlockTransfer().toChecksumHex());
      p.put("tollgate.contracts.withdraw", deployment.withdraw().toChecksumHex());
      p.put("tollgate.asset", deployment.testToken().toChecksumHex());
      p.put("tollgate.dynamodb.endpoint", dynamo.endpoint().toString());
      p.put("tollgate.tables.prefix", "stack" + STACKS.incrementAndGet() + "-");
      p.put("tollgate.tables.create", true);
      p.put("tollgate.paywall.secret", Hex.encode(secret));
      p.put("tollgate.paywall.routes.articles.prefix", ARTICLES);
      p.put("tollgate.paywall.routes.articles.price", ARTICLE_PRICE.toString());
      p.put("tollgate.paywall.routes.articles.description", "One article");
      p.put("tollgate.paywall.routes.free.prefix", FREE);
      p.put("tollgate.paywall.routes.free.price", "0");
      p.put("tollgate.paywall.routes.free.description", "The same resource, unpaid");
      return new GatewayStack(anvil, deployment, dynamo, p);
    } catch (Exception | Error e) {
      if (dynamo != null) {
        dynamo.close();
      }
      anvil.close();
      throw e;
    }
  }

  /** The handler, started on first use with the stack's configuration. */
  public synchronized LambdaInvoker lambda() {
    if (lambda == null) {
      lambda = LambdaInvoker.start(properties);
    }
    return lambda;
  }

  public Map<String, Object> properties() {
    return Map.copyOf(properties);
  }

  public Deployment deployment() {
    return deployment;
  }

  public AnvilNode anvil() {
    return anvil;
  }

  /** The gateway's address, as its handler reports it. */
  public String gatewayAddress() {
    return dev.tollgate.core.json.ChannelJson.parse(lambda().get("/gateway", Map.of()).body())
        .get("address")
        .asText();
  }

  public DynamoDbClient dynamoClient() {
    return dynamo.client();
  }

  public Address token() {
    return deployment.testToken();
  }

  public GatewayNetwork network() {
    return new GatewayNetwork(
        deployment.network(),
        deployment.mastercopy(),
        deployment.hashlockTransfer(),
        deployment.withdraw(),
        Set.of(deployment.testToken()));
  }

  public ChannelRules rules() {
    return ChannelRules.defaults(deployment.definitions());
  }

  /** Sends {@code amount} of the test token into {@code channel}: the payer's on-chain deposit. */
  public synchronized void fund(Address channel, BigInteger amount) throws Exception {
    TestToken token =
        TestToken.load(
            ChannelStructs.hex(deployment.testToken()),
            anvil.web3j(),
            Transactions.manager(anvil.web3j(), DevAccounts.account(0), AnvilNode.CHAIN_ID),
            Transactions.LOCAL_GAS);
    token.mint(ChannelStructs.hex(channel), amount).send();
  }

  @Override
  public void close() {
    try {
      if (lambda != null) {
        lambda.close();
      }
    } finally {
      try {
        dynamo.close();
      } finally {
        anvil.close();
      }
    }
  }
}
