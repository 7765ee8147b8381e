package dev.tollgate.functions.harness;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.tollgate.contracts.anvil.AnvilNode;
import dev.tollgate.contracts.anvil.DevAccounts;
import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.chain.Transactions;
import dev.tollgate.contracts.deploy.Deployment;
import dev.tollgate.contracts.generated.TestToken;
import dev.tollgate.core.protocol.ChannelRules;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Hex;
import dev.tollgate.emulators.DynamoDbLocal;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.config.DeploymentProperties;
import dev.tollgate.functions.gateway.GatewayNetwork;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The gateway as deployed, on one machine: anvil with the contracts, DynamoDB Local, and the real
 * Lambda handler configured against them. Each stack gets its own tables, so test classes never see
 * each other's channels.
 *
 * <p>DynamoDB Local runs either behind HTTP on loopback ({@link #start}), as the deployed gateway
 * talks to DynamoDB, or in-process ({@link #startInProcess}), its client handed to the gateway's
 * context in place of the configured one: no HTTP, no JSON marshalling, for benchmarks of the
 * gateway's own work.
 */
public final class GatewayStack implements AutoCloseable {
  public static final String GATEWAY_KEY =
      "0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63";
  public static final String ARTICLES = "/paid/articles/";
  public static final BigInteger ARTICLE_PRICE = BigInteger.valueOf(1_000);
  public static final String FREE = "/paid/free/";

  /** The publisher every test stack knows: it sells under news.example and any bare path. */
  public static final String PUBLISHER = "news";

  public static final String PUBLISHER_TOKEN = "news-publisher-token-of-the-test-stack";
  public static final String PUBLISHER_RESOURCES = "https://news.example/,/";

  /** A second publisher, to show one cannot quote or settle for the other. */
  public static final String OTHER_PUBLISHER = "blog";

  public static final String OTHER_PUBLISHER_TOKEN = "blog-publisher-token-of-the-test-stack";
  public static final String OTHER_PUBLISHER_RESOURCES = "https://blog.example/";
  private static final AtomicInteger STACKS = new AtomicInteger();

  private final AnvilNode anvil;
  private final Deployment deployment;
  private final Dynamo dynamo;
  private final Map<String, Object> properties;
  private final List<Object> beans = new ArrayList<>();
  private LambdaInvoker lambda;

  private GatewayStack(
      AnvilNode anvil, Deployment deployment, Dynamo dynamo, Map<String, Object> props) {
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
    return start(signer, Optional.empty());
  }

  /**
   * A stack whose gateway reaches DynamoDB Local in-process ({@code DynamoDBEmbedded}, in memory)
   * and whose signer is configured by {@code signer}.
   */
  public static GatewayStack startInProcess(Map<String, Object> signer) throws Exception {
    return startInProcess(signer, UnaryOperator.identity());
  }

  /**
   * As {@link #startInProcess(Map)}, the gateway given {@code wrap} applied to the in-process
   * client: a benchmark wraps it to time the gateway's DynamoDB calls.
   */
  public static GatewayStack startInProcess(
      Map<String, Object> signer, UnaryOperator<DynamoDbClient> wrap) throws Exception {
    return start(signer, Optional.of(wrap));
  }

  /** {@code inProcess}: empty for DynamoDB Local over HTTP, else how to wrap its client. */
  private static GatewayStack start(
      Map<String, Object> signer, Optional<UnaryOperator<DynamoDbClient>> inProcess)
      throws Exception {
    AnvilNode anvil = AnvilNode.start();
    Dynamo dynamo = null;
    try {
      Deployment deployment = LocalContracts.deploy(anvil);
      dynamo = inProcess.isPresent() ? Dynamo.inProcess(inProcess.get()) : Dynamo.overHttp();
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      Map<String, Object> p = new HashMap<>(signer);
      // Most tests deposit and reconcile at once, with no watcher running; the chain-events tests
      // ask for confirmed deposits.
      p.putIfAbsent("tollgate.deposits.credit", "chain-head");
      p.putAll(DeploymentProperties.of(deployment, anvil.rpcUrl()));
      if (signer.containsKey("tollgate.asset")) {
        // A test pricing in another asset than the test token (Ether: the zero address).
        p.put("tollgate.asset", signer.get("tollgate.asset"));
      }
      // Every test payer calls from 127.0.0.1: room for the many channels some tests open. The
      // rate-limit tests set their own limits.
      p.putIfAbsent("tollgate.channels.setup-limit.per-source", 1_000_000);
      dynamo.endpoint().ifPresent(e -> p.put("tollgate.dynamodb.endpoint", e));
      p.put("tollgate.tables.prefix", "stack" + STACKS.incrementAndGet() + "-");
      p.put("tollgate.tables.create", true);
      p.put("tollgate.paywall.secret", Hex.encode(secret));
      p.put("tollgate.paywall.routes.articles.prefix", ARTICLES);
      p.put("tollgate.paywall.routes.articles.price", ARTICLE_PRICE.toString());
      p.put("tollgate.paywall.routes.articles.description", "One article");
      p.put("tollgate.paywall.routes.free.prefix", FREE);
      p.put("tollgate.paywall.routes.free.price", "0");
      p.put("tollgate.paywall.routes.free.description", "The same resource, unpaid");
      p.put("tollgate.publishers." + PUBLISHER + ".token", PUBLISHER_TOKEN);
      p.put("tollgate.publishers." + PUBLISHER + ".resources", PUBLISHER_RESOURCES);
      p.put("tollgate.publishers." + OTHER_PUBLISHER + ".token", OTHER_PUBLISHER_TOKEN);
      p.put("tollgate.publishers." + OTHER_PUBLISHER + ".resources", OTHER_PUBLISHER_RESOURCES);
      return new GatewayStack(anvil, deployment, dynamo, p);
    } catch (Exception | Error e) {
      if (dynamo != null) {
        dynamo.stop().run();
      }
      anvil.close();
      throw e;
    }
  }

  /** The handler, started on first use with the stack's configuration. */
  public synchronized LambdaInvoker lambda() {
    if (lambda == null) {
      List<Object> singletons = new ArrayList<>(dynamo.singletons());
      singletons.addAll(beans);
      lambda = LambdaInvoker.start(properties, singletons);
    }
    return lambda;
  }

  /**
   * Registers {@code bean} with the handler's context before it starts, in place of the one the
   * gateway would build where it allows that (a {@code Clock}, to control the gateway's time), or
   * for it to use (an {@code AwsInterceptors}, to disturb its DynamoDB or KMS calls).
   */
  public synchronized GatewayStack register(Object bean) {
    if (lambda != null) {
      throw new IllegalStateException("the handler has started; register beans before lambda()");
    }
    beans.add(Objects.requireNonNull(bean, "bean"));
    return this;
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

  /** A client of the stack's DynamoDB Local: the gateway's own when it runs in-process. */
  public DynamoDbClient dynamoClient() {
    return dynamo.client().get();
  }

  /** Whether the gateway reaches DynamoDB Local in-process rather than over HTTP. */
  public boolean dynamoInProcess() {
    return dynamo.endpoint().isEmpty();
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
        dynamo.stop().run();
      } finally {
        anvil.close();
      }
    }
  }

  /**
   * Where the gateway's tables live: the endpoint to configure (empty in-process), the beans to
   * register with the gateway's context, a client for the test's own reads, and how to stop it.
   */
  private record Dynamo(
      Optional<String> endpoint,
      List<Object> singletons,
      Supplier<DynamoDbClient> client,
      Runnable stop) {

    static Dynamo overHttp() throws Exception {
      DynamoDbLocal server = DynamoDbLocal.start();
      return new Dynamo(
          Optional.of(server.endpoint().toString()), List.of(), server::client, server::close);
    }

    static Dynamo inProcess(UnaryOperator<DynamoDbClient> wrap) {
      AmazonDynamoDBLocal local = DynamoDBEmbedded.create(true);
      DynamoDbClient client = wrap.apply(local.dynamoDbClient());
      return new Dynamo(Optional.empty(), List.of(client), () -> client, local::shutdown);
    }
  }
}
