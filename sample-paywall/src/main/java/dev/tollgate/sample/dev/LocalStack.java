package dev.tollgate.sample.dev;

import dev.tollgate.contracts.anvil.AnvilBinary;
import dev.tollgate.contracts.anvil.AnvilNode;
import dev.tollgate.contracts.anvil.DevAccounts;
import dev.tollgate.contracts.chain.Transactions;
import dev.tollgate.contracts.deploy.Deployer;
import dev.tollgate.contracts.deploy.Deployment;
import dev.tollgate.contracts.generated.TestToken;
import dev.tollgate.core.value.Hex;
import dev.tollgate.emulators.DynamoDbLocal;
import dev.tollgate.emulators.ElasticMq;
import dev.tollgate.functions.GatewayApplication;
import dev.tollgate.functions.adapter.sqs.EventQueueUrls;
import dev.tollgate.functions.adapter.sqs.EventQueues;
import dev.tollgate.functions.config.DeploymentProperties;
import dev.tollgate.sample.site.Catalogue;
import dev.tollgate.sample.site.OriginApi;
import dev.tollgate.sample.site.PublisherSite;
import dev.tollgate.sample.site.SiteSettings;
import io.micronaut.context.ApplicationContext;
import java.math.BigInteger;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole of Tollgate on 127.0.0.1: anvil with the contracts and funded demo accounts, DynamoDB
 * Local and ElasticMQ in this process, the gateway on Netty, the watcher, processor and dispute
 * keeper on a short schedule, and the sample publisher site. {@link #close} stops everything it
 * started, in reverse order.
 */
public final class LocalStack implements AutoCloseable {
  /** The gateway signs as dev account 1 (funded with Ether by anvil, so it can pay gas). */
  public static final int GATEWAY_ACCOUNT = 1;

  /** Dev accounts 2 to 4 are demo readers, each given {@link #DEMO_TOKENS} of the test token. */
  public static final List<Integer> DEMO_ACCOUNTS = List.of(2, 3, 4);

  /** 1,000 TEST (6 decimals). */
  public static final BigInteger DEMO_TOKENS = BigInteger.valueOf(1_000_000_000L);

  /** What the faucet gives a reader's channel: 10 TEST. */
  public static final BigInteger FAUCET_TOKENS = BigInteger.valueOf(10_000_000L);

  public static final String QUEUE = "tollgate-events";
  public static final String TABLE_PREFIX = "tollgate-";

  /** The gateway's own priced route (1,000 base units a request) and its free twin. */
  public static final String DEMO_ROUTE = "/paid/demo/";

  public static final String FREE_ROUTE = "/paid/free/";

  /** The metered API behind the gateway: {@code /paid/api/quotes?symbol=ACME}. */
  public static final String API_ROUTE = "/paid/api/";

  public static final BigInteger API_PRICE = BigInteger.valueOf(100);

  public static final BigInteger DEMO_PRICE = BigInteger.valueOf(1_000);

  private final DevOptions options;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private boolean closed;
  private Deployment deployment;
  private String gatewayAddress;
  private URI siteUrl;
  private URI gatewayUrl;
  private String operatorToken;
  private String publisherToken;

  /** The sample site's name as a publisher of the gateway. */
  public static final String PUBLISHER = "site";

  private String dashboardPassword;

  /**
   * A stack not started yet: {@link #close} may be called at any time, also during {@link #start}.
   */
  public LocalStack(DevOptions options) {
    this.options = java.util.Objects.requireNonNull(options, "options");
  }

  /** Starts {@code options}' stack, or stops what it started and rethrows. */
  public static LocalStack start(DevOptions options) throws Exception {
    LocalStack stack = new LocalStack(options);
    try {
      stack.start();
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  /**
   * Starts everything in order. What is started is stopped by {@link #close}, which a shutdown hook
   * may call while this runs: anything started after that is stopped at once.
   *
   * @throws AlreadyRunningException if another stack holds the state directory or a port is taken
   */
  public void start() throws Exception {
    started(
        InstanceLock.acquire(
            options.stateDir(),
            "pid "
                + ProcessHandle.current().pid()
                + ", site http://127.0.0.1:"
                + options.port(DevOptions.SITE)));
    PortCheck.requireFree(options);

    AnvilNode anvil =
        started(
            AnvilNode.startOn(
                AnvilBinary.locate(AnvilBinary.repositoryRoot()),
                options.port(DevOptions.ANVIL),
                List.of(
                    "--block-time", Integer.toString(options.blockSeconds()), "--mixed-mining")));
    Credentials deployer = DevAccounts.account(0);
    deployment =
        Deployer.deployAll(
            anvil.web3j(),
            Transactions.manager(anvil.web3j(), deployer, AnvilNode.CHAIN_ID),
            Transactions.LOCAL_GAS,
            AnvilNode.CHAIN_ID);
    String asset = deployment.testToken().toChecksumHex();
    TestToken token =
        TestToken.load(
            asset,
            anvil.web3j(),
            Transactions.manager(anvil.web3j(), deployer, AnvilNode.CHAIN_ID),
            Transactions.LOCAL_GAS);
    for (int account : DEMO_ACCOUNTS) {
      token.mint(DevAccounts.account(account).getAddress(), DEMO_TOKENS).send();
    }

    DynamoDbLocal dynamo = started(DynamoDbLocal.start(options.port(DevOptions.DYNAMODB)));
    ElasticMq mq = started(ElasticMq.start(options.port(DevOptions.SQS)));
    SqsClient sqs = started(mq.client());
    EventQueueUrls queues = EventQueues.createIfMissing(sqs, QUEUE, 5);

    siteUrl = URI.create("http://127.0.0.1:" + options.port(DevOptions.SITE));
    gatewayUrl = URI.create("http://127.0.0.1:" + options.port(DevOptions.GATEWAY));
    operatorToken = Hex.encode(random(32)).substring(2);
    Credentials gatewayKey = DevAccounts.account(GATEWAY_ACCOUNT);
    gatewayAddress = gatewayKey.getAddress();
    Map<String, Object> p =
        gatewayProperties(options, anvil, deployment, dynamo, mq, queues, gatewayKey);
    // The metered API once more, this time with the gateway in front of it: no payment code in it.
    OriginApi origin = started(OriginApi.start(() -> System.currentTimeMillis() / 1000));
    p.put("tollgate.paywall.routes.api.prefix", API_ROUTE);
    p.put("tollgate.paywall.routes.api.price", API_PRICE.toString());
    p.put("tollgate.paywall.routes.api.description", "One call of the metered API");
    p.put("tollgate.paywall.routes.api.upstream", origin.url().toString());
    p.put("tollgate.operator.token", operatorToken);
    publisherToken = Hex.encode(random(32)).substring(2);
    p.put("tollgate.publishers." + PUBLISHER + ".token", publisherToken);
    p.put("tollgate.publishers." + PUBLISHER + ".resources", siteUrl + "/");
    // No allowed-headers: Micronaut then allows any request header, PAYMENT-SIGNATURE and the
    // browser payer's signed reads (TOLLGATE-AUTH) among them.
    p.put("micronaut.server.cors.enabled", true);
    p.put(
        "micronaut.server.cors.configurations.site.allowed-origins",
        List.of(siteUrl.toString(), "http://localhost:" + options.port(DevOptions.SITE)));
    p.put(
        "micronaut.server.cors.configurations.site.exposed-headers",
        List.of("PAYMENT-REQUIRED", "PAYMENT-RESPONSE"));
    ApplicationContext gateway = started(GatewayApplication.start(p));
    started(new EventLoops(gateway, sqs, queues.queue()));

    // a new publisher password each run, printed with the other credentials
    dashboardPassword =
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random(18));
    SiteSettings settings =
        new SiteSettings(
            siteUrl,
            gatewayUrl,
            publisherToken,
            Optional.of(operatorToken),
            options.receiptSeconds(),
            random(32),
            asset,
            "TEST",
            6,
            Optional.of(dashboardPassword));
    started(
        PublisherSite.start(
            options.port(DevOptions.SITE),
            settings,
            Catalogue.demo(),
            Optional.of(
                new TokenFaucet(anvil.web3j(), deployer, AnvilNode.CHAIN_ID, asset, FAUCET_TOKENS)),
            () -> System.currentTimeMillis() / 1000));
  }

  /** Records {@code resource} to be stopped; if the stack was closed meanwhile, stops it now. */
  private <T extends AutoCloseable> T started(T resource) throws Exception {
    synchronized (started) {
      if (!closed) {
        started.push(resource);
        return resource;
      }
    }
    resource.close();
    throw new IllegalStateException("the local stack was stopped while it was starting");
  }

  /** The gateway's configuration: the same properties a deployment sets, pointed at loopback. */
  private static Map<String, Object> gatewayProperties(
      DevOptions options,
      AnvilNode anvil,
      Deployment deployment,
      DynamoDbLocal dynamo,
      ElasticMq mq,
      EventQueueUrls queues,
      Credentials gatewayKey) {
    Map<String, Object> p = DeploymentProperties.of(deployment, anvil.rpcUrl());
    p.put("micronaut.server.host", "127.0.0.1");
    p.put("micronaut.server.port", options.port(DevOptions.GATEWAY));
    p.put("tollgate.signer.mode", "local");
    p.put(
        "tollgate.signer.private-key",
        Numeric.toHexStringWithPrefixZeroPadded(gatewayKey.getEcKeyPair().getPrivateKey(), 64));
    p.put("tollgate.aws.region", ElasticMq.REGION);
    p.put("tollgate.dynamodb.endpoint", dynamo.endpoint().toString());
    p.put("tollgate.tables.prefix", TABLE_PREFIX);
    p.put("tollgate.tables.create", true);
    p.put("tollgate.sqs.endpoint", mq.endpoint().toString());
    p.put("tollgate.events.queue-url", queues.queue());
    p.put("tollgate.deposits.credit", "confirmed");
    p.put("tollgate.watcher.confirmations", options.confirmations());
    // Every local payer (the widget, the demo, the load generator's channels) calls from
    // 127.0.0.1, one source: a deployment keeps the default per-source setup limit.
    p.put("tollgate.channels.setup-limit.per-source", 100_000);
    p.put("tollgate.chain.sender.poll-millis", 100);
    p.put("tollgate.paywall.secret", Hex.encode(random(32)));
    p.put("tollgate.paywall.routes.demo.prefix", DEMO_ROUTE);
    p.put("tollgate.paywall.routes.demo.price", DEMO_PRICE.toString());
    p.put("tollgate.paywall.routes.demo.description", "A demo resource served by the gateway");
    // The same resource at no charge: the load generator's unpaid baseline.
    p.put("tollgate.paywall.routes.free.prefix", FREE_ROUTE);
    p.put("tollgate.paywall.routes.free.price", "0");
    p.put("tollgate.paywall.routes.free.description", "The demo resource, free of charge");
    return p;
  }

  private static byte[] random(int bytes) {
    byte[] out = new byte[bytes];
    new SecureRandom().nextBytes(out);
    return out;
  }

  public URI siteUrl() {
    return siteUrl;
  }

  public URI gatewayUrl() {
    return gatewayUrl;
  }

  /** The sample site's bearer token on the gateway's facilitator routes. */
  public String publisherToken() {
    return publisherToken;
  }

  public String operatorToken() {
    return operatorToken;
  }

  /** The password of the site's dashboard ({@code /dashboard/login}). */
  public String dashboardPassword() {
    return dashboardPassword;
  }

  public Deployment deployment() {
    return deployment;
  }

  public String gatewayAddress() {
    return gatewayAddress;
  }

  public DevOptions options() {
    return options;
  }

  @Override
  public void close() {
    List<AutoCloseable> toClose;
    synchronized (started) {
      closed = true;
      toClose = List.copyOf(started);
      started.clear();
    }
    RuntimeException first = null;
    for (AutoCloseable resource : toClose) {
      try {
        resource.close();
      } catch (Exception e) {
        if (first == null) {
          first = new IllegalStateException("stopping the local stack failed: " + e, e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
