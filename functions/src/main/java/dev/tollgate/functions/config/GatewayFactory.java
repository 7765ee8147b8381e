package dev.tollgate.functions.config;

import dev.tollgate.contracts.chain.Web3jChainReader;
import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.port.AdjudicatorReader;
import dev.tollgate.core.port.ChainReader;
import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.core.protocol.ChannelRules;
import dev.tollgate.core.transfer.TransferRegistry;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Hex;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbChannelStore;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbConfirmedDeposits;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbFundedChannels;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbPaymentRecords;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbRateCounters;
import dev.tollgate.functions.adapter.dynamodb.GatewayTables;
import dev.tollgate.functions.adapter.dynamodb.TableNames;
import dev.tollgate.functions.adapter.kms.KmsSigner;
import dev.tollgate.functions.adapter.kms.KmsWrappedKeySigner;
import dev.tollgate.functions.deposits.ConfirmedChainReader;
import dev.tollgate.functions.deposits.ConfirmedDeposits;
import dev.tollgate.functions.events.WatcherSettings;
import dev.tollgate.functions.forwarding.OriginForwarder;
import dev.tollgate.functions.forwarding.RouteUpstreams;
import dev.tollgate.functions.forwarding.Upstream;
import dev.tollgate.functions.gateway.AcceptTransfer;
import dev.tollgate.functions.gateway.ChannelCache;
import dev.tollgate.functions.gateway.ChannelQueries;
import dev.tollgate.functions.gateway.ChannelReadAccess;
import dev.tollgate.functions.gateway.FirstFundingGuard;
import dev.tollgate.functions.gateway.GatewayNetwork;
import dev.tollgate.functions.gateway.InboundUpdates;
import dev.tollgate.functions.gateway.OpenChannel;
import dev.tollgate.functions.gateway.ReconcileDeposit;
import dev.tollgate.functions.gateway.ResolveTransfer;
import dev.tollgate.functions.gateway.SetupLimits;
import dev.tollgate.functions.gateway.SetupRateLimit;
import dev.tollgate.functions.gateway.Withdraw;
import dev.tollgate.functions.operator.OperatorAccess;
import dev.tollgate.functions.paywall.LockExpiryPolicy;
import dev.tollgate.functions.paywall.PaidRequests;
import dev.tollgate.functions.paywall.PriceList;
import dev.tollgate.functions.paywall.QuoteBook;
import dev.tollgate.functions.paywall.QuoteNonces;
import dev.tollgate.functions.paywall.QuoteTerms;
import dev.tollgate.functions.paywall.RecordedPayments;
import dev.tollgate.functions.publisher.Publishers;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Wires the gateway from {@code tollgate.*} configuration. Present only when a chain is configured,
 * so a context without one (the health check alone) still starts. Every value is read and checked
 * here, at startup, so a misconfigured function fails its init instead of a request.
 */
@Factory
@Requires(property = "tollgate.chain.id")
public class GatewayFactory {

  /** The wall clock; a clock registered with the context before it starts replaces it (tests). */
  @Singleton
  @Requires(missingBeans = Clock.class)
  Clock clock() {
    return new Clock() {
      @Override
      public long nowSeconds() {
        return System.currentTimeMillis() / 1000;
      }

      @Override
      public long nowMillis() {
        return System.currentTimeMillis();
      }
    };
  }

  /** One JSON-RPC client of {@code tollgate.chain.rpc-url} for every chain reader and writer. */
  @Singleton
  @Bean(preDestroy = "shutdown")
  Web3j web3j(@Property(name = "tollgate.chain.rpc-url") String rpcUrl) {
    return Web3j.build(new HttpService(rpcUrl));
  }

  @Singleton
  GatewayNetwork network(
      @Property(name = "tollgate.chain.id") long chainId,
      @Property(name = "tollgate.contracts.channel-factory") String factory,
      @Property(name = "tollgate.contracts.transfer-registry") String registry,
      @Property(name = "tollgate.contracts.mastercopy") String mastercopy,
      @Property(name = "tollgate.contracts.hashlock") String hashlock,
      @Property(name = "tollgate.contracts.withdraw") String withdraw,
      @Property(name = "tollgate.asset") String asset) {
    return new GatewayNetwork(
        new NetworkContext(
            chainId, address("channel-factory", factory), address("transfer-registry", registry)),
        address("mastercopy", mastercopy),
        address("hashlock", hashlock),
        address("withdraw", withdraw),
        Set.of(address("asset", asset)));
  }

  /**
   * The DynamoDB client, for the real service or {@code tollgate.dynamodb.endpoint}. A client
   * registered with the context before it starts ({@code contextBuilder().singletons(client)})
   * replaces it: that is how a benchmark puts DynamoDB Local in-process behind the gateway. Each
   * attempt and each call is bounded ({@code tollgate.dynamodb.attempt-timeout}, {@code
   * call-timeout}; see {@link AwsTimeouts}); an {@link AwsInterceptors} bean adds interceptors.
   */
  @Singleton
  @Requires(missingBeans = DynamoDbClient.class)
  DynamoDbClient dynamo(
      @Property(name = "tollgate.dynamodb.endpoint") Optional<String> endpoint,
      @Property(name = "tollgate.aws.region") Optional<String> region,
      @Value("${tollgate.dynamodb.attempt-timeout:" + AwsTimeouts.DEFAULT_ATTEMPT + "}")
          Duration attemptTimeout,
      @Value("${tollgate.dynamodb.call-timeout:" + AwsTimeouts.DEFAULT_CALL + "}")
          Duration callTimeout,
      @Nullable AwsInterceptors interceptors) {
    return AwsClients.dynamo(
        endpoint,
        region,
        AwsTimeouts.of("dynamodb", attemptTimeout, callTimeout),
        orNone(interceptors).dynamo());
  }

  /** The KMS client of the kms and wrapped signers, bounded and extended as the DynamoDB one. */
  @Singleton
  @Requires(property = "tollgate.signer.mode", pattern = "kms|wrapped")
  KmsClient kms(
      @Property(name = "tollgate.kms.endpoint") Optional<String> endpoint,
      @Property(name = "tollgate.aws.region") Optional<String> region,
      @Value("${tollgate.kms.attempt-timeout:" + AwsTimeouts.DEFAULT_ATTEMPT + "}")
          Duration attemptTimeout,
      @Value("${tollgate.kms.call-timeout:" + AwsTimeouts.DEFAULT_CALL + "}") Duration callTimeout,
      @Nullable AwsInterceptors interceptors) {
    return AwsClients.kms(
        endpoint,
        region,
        AwsTimeouts.of("kms", attemptTimeout, callTimeout),
        orNone(interceptors).kms());
  }

  private static AwsInterceptors orNone(@Nullable AwsInterceptors interceptors) {
    return interceptors == null ? AwsInterceptors.none() : interceptors;
  }

  /**
   * {@code local}: a key from configuration, for development; {@code kms}: every signature by KMS;
   * {@code wrapped}: a key stored encrypted under a KMS key, decrypted once per container.
   */
  @Singleton
  Signer signer(
      @Value("${tollgate.signer.mode:local}") String mode,
      @Property(name = "tollgate.signer.private-key") Optional<String> privateKey,
      @Property(name = "tollgate.signer.kms-key-id") Optional<String> kmsKeyId,
      @Property(name = "tollgate.signer.wrapping-key-id") Optional<String> wrappingKeyId,
      @Property(name = "tollgate.signer.wrapped-key") Optional<String> wrappedKey,
      io.micronaut.context.BeanProvider<KmsClient> kms) {
    return switch (mode) {
      case "local" -> LocalKeySigner.fromHex(required(privateKey, "tollgate.signer.private-key"));
      case "kms" -> new KmsSigner(kms.get(), required(kmsKeyId, "tollgate.signer.kms-key-id"));
      case "wrapped" ->
          KmsWrappedKeySigner.unwrap(
              kms.get(),
              required(wrappingKeyId, "tollgate.signer.wrapping-key-id"),
              Base64.getDecoder().decode(required(wrappedKey, "tollgate.signer.wrapped-key")));
      default ->
          throw new IllegalArgumentException(
              "tollgate.signer.mode must be local, kms or wrapped, got '" + mode + "'");
    };
  }

  /**
   * The tables every DynamoDB adapter uses, named by {@code tollgate.tables.prefix}; created here
   * when {@code tollgate.tables.create} is set (the local stack, tests), so before any adapter
   * runs.
   */
  @Singleton
  TableNames tables(
      DynamoDbClient dynamo,
      @Value("${tollgate.tables.prefix:tollgate-}") String prefix,
      @Value("${tollgate.tables.create:false}") boolean create) {
    TableNames tables = TableNames.withPrefix(prefix);
    if (create) {
      GatewayTables.createIfMissing(dynamo, tables);
    }
    return tables;
  }

  @Singleton
  ChannelStore store(DynamoDbClient dynamo, TableNames tables, Clock clock) {
    return new DynamoDbChannelStore(dynamo, tables, clock);
  }

  @Singleton
  ConfirmedDeposits confirmedDeposits(DynamoDbClient dynamo, TableNames tables) {
    return new DynamoDbConfirmedDeposits(dynamo, tables);
  }

  /**
   * The funded channels: recorded by the gateway and the processor, read by the watcher (as its
   * {@code KnownChannels}).
   */
  @Singleton
  DynamoDbFundedChannels fundedChannels(DynamoDbClient dynamo, TableNames tables) {
    return new DynamoDbFundedChannels(dynamo, tables);
  }

  /**
   * How fast channels may be opened: {@code tollgate.channels.setup-limit.per-source} (60) setups
   * from one source address and {@code .per-payer} (3) for one payer every {@code .window-seconds}
   * (3600), counted in the chain table.
   */
  @Singleton
  SetupRateLimit setupRateLimit(
      DynamoDbClient dynamo,
      TableNames tables,
      Clock clock,
      @Value("${tollgate.channels.setup-limit.per-source:" + SetupLimits.DEFAULT_PER_SOURCE + "}")
          int perSource,
      @Value("${tollgate.channels.setup-limit.per-payer:" + SetupLimits.DEFAULT_PER_PAYER + "}")
          int perPayer,
      @Value(
              "${tollgate.channels.setup-limit.window-seconds:"
                  + SetupLimits.DEFAULT_WINDOW_SECONDS
                  + "}")
          long windowSeconds) {
    SetupLimits limits;
    try {
      limits = new SetupLimits(perSource, perPayer, windowSeconds);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tollgate.channels.setup-limit: " + e.getMessage(), e);
    }
    return new SetupRateLimit(new DynamoDbRateCounters(dynamo, tables), limits, clock);
  }

  /**
   * Where a payer's deposit update is checked: {@code confirmed} (the default) against the totals
   * the channel's contract reports {@code tollgate.watcher.confirmations} blocks below the head, so
   * a reorganised-away deposit is never credited, while a deposit made before the channel was
   * opened, or in Ether, is; {@code chain-head} against the newest block (development only).
   */
  @Singleton
  ChainReader chainReader(
      @Value("${tollgate.deposits.credit:confirmed}") String credit,
      BeanProvider<Web3j> web3j,
      BeanProvider<AdjudicatorReader> adjudicator,
      @Value("${tollgate.watcher.confirmations:" + WatcherSettings.DEFAULT_CONFIRMATIONS + "}")
          long confirmations) {
    return switch (credit) {
      case "confirmed" -> {
        try {
          yield new ConfirmedChainReader(adjudicator.get(), confirmations);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "tollgate.watcher.confirmations: " + e.getMessage(), e);
        }
      }
      case "chain-head" -> new Web3jChainReader(web3j.get());
      default ->
          throw new IllegalArgumentException(
              "tollgate.deposits.credit must be confirmed or chain-head, got '" + credit + "'");
    };
  }

  @Singleton
  ChannelParty gateway(Signer signer, GatewayNetwork network) {
    return new ChannelParty(
        signer,
        ChannelRules.defaults(
            TransferRegistry.of(network.hashlockDefinition(), network.withdrawDefinition())));
  }

  @Singleton
  InboundUpdates inboundUpdates(ChannelStore store, ChannelParty gateway) {
    return new InboundUpdates(store, gateway);
  }

  @Singleton
  OpenChannel openChannel(
      InboundUpdates updates, GatewayNetwork network, Clock clock, SetupRateLimit limit) {
    return new OpenChannel(updates, network, clock, limit);
  }

  @Singleton
  ReconcileDeposit reconcileDeposit(
      InboundUpdates updates,
      GatewayNetwork network,
      ChainReader chain,
      DynamoDbFundedChannels funded,
      AdjudicatorReader adjudicator,
      Clock clock) {
    return new ReconcileDeposit(
        updates, network, chain, new FirstFundingGuard(funded, adjudicator), clock);
  }

  @Singleton
  AcceptTransfer acceptTransfer(InboundUpdates updates, GatewayNetwork network, Clock clock) {
    return new AcceptTransfer(updates, network, clock);
  }

  @Singleton
  ResolveTransfer resolveTransfer(InboundUpdates updates, Clock clock) {
    return new ResolveTransfer(updates, clock);
  }

  @Singleton
  Withdraw withdraw(InboundUpdates updates, GatewayNetwork network, Clock clock) {
    return new Withdraw(updates, network, clock);
  }

  @Singleton
  ChannelQueries channelQueries(ChannelStore store) {
    return new ChannelQueries(store);
  }

  /**
   * Channel reads for the channel's payer ({@code TOLLGATE-AUTH}, its time within {@code
   * tollgate.channels.read-skew-seconds}, default 300, of this clock) or the operator's token.
   */
  @Singleton
  ChannelReadAccess channelReadAccess(
      ChannelStore store,
      Optional<OperatorAccess> operator,
      Clock clock,
      @Value(
              "${tollgate.channels.read-skew-seconds:"
                  + ChannelReadAccess.DEFAULT_SKEW_SECONDS
                  + "}")
          long skewSeconds) {
    try {
      return new ChannelReadAccess(store, operator, clock, skewSeconds);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "tollgate.channels.read-skew-seconds: " + e.getMessage(), e);
    }
  }

  /**
   * The paywall exists only where its secret is configured: the gateway function has it, the
   * chain-event functions (which never quote or settle) are not given it.
   */
  @Singleton
  @Requires(property = "tollgate.paywall.secret")
  QuoteBook quoteBook(
      GatewayNetwork network,
      Signer signer,
      @Property(name = "tollgate.paywall.secret") String secretHex,
      @Value("${tollgate.paywall.quote-seconds:300}") long quoteSeconds,
      @Value("${tollgate.paywall.transfer-timeout-seconds:86400}") long transferTimeout) {
    byte[] secret;
    try {
      // With or without 0x: a secret generated by Secrets Manager (the CDK app's) has none.
      String trimmed = secretHex.trim();
      secret = Hex.decode(trimmed.startsWith("0x") ? trimmed : "0x" + trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tollgate.paywall.secret must be hex", e);
    }
    Address asset = network.acceptedAssets().iterator().next();
    return new QuoteBook(
        secret,
        new QuoteTerms(
            network.chainId(),
            signer.address(),
            asset,
            network.context().channelFactoryAddress(),
            network.context().transferRegistryAddress(),
            network.hashlockDefinition(),
            quoteSeconds,
            transferTimeout,
            LockExpiryPolicy.none()));
  }

  /** The publishers allowed on the facilitator routes; none configured means none allowed. */
  @Singleton
  Publishers publishers(List<PublisherSettings> publishers) {
    return new Publishers(publishers.stream().map(PublisherSettings::toPublisher).toList());
  }

  /**
   * The routes that forward to an origin once paid; {@code
   * tollgate.paywall.upstream-timeout-seconds} (10) bounds each origin call.
   */
  @Singleton
  RouteUpstreams routeUpstreams(
      List<RouteSettings> routes,
      @Value("${tollgate.paywall.upstream-timeout-seconds:10}") long timeoutSeconds) {
    if (timeoutSeconds < 1 || timeoutSeconds > 25) {
      throw new IllegalArgumentException(
          "tollgate.paywall.upstream-timeout-seconds must be 1..25 (API Gateway waits 30 s), got "
              + timeoutSeconds);
    }
    Map<String, Upstream> upstreams = new java.util.HashMap<>();
    for (RouteSettings r : routes) {
      r.toUpstream(Duration.ofSeconds(timeoutSeconds)).ifPresent(u -> upstreams.put(r.prefix(), u));
    }
    return new RouteUpstreams(upstreams);
  }

  @Singleton
  OriginForwarder originForwarder() {
    return new OriginForwarder();
  }

  @Singleton
  PriceList priceList(List<RouteSettings> routes) {
    return new PriceList(routes.stream().map(RouteSettings::toRoute).toList());
  }

  /**
   * The quote nonces' generator, reseeded after a SnapStart restore (see {@code
   * snapstart.GatewayPriming}); one registered with the context before it starts replaces it
   * (tests).
   */
  @Singleton
  @Requires(missingBeans = QuoteNonces.class)
  QuoteNonces quoteNonces() {
    return QuoteNonces.system();
  }

  /**
   * A payment serves its resource once; {@code tollgate.paywall.max-resends} more times at most,
   * each for a resend proof signed by the payer (a payer whose answer was lost sends again).
   */
  @Singleton
  @Requires(property = "tollgate.paywall.secret")
  RecordedPayments recordedPayments(
      InboundUpdates updates,
      DynamoDbClient dynamo,
      TableNames tables,
      @Value("${tollgate.paywall.max-resends:3}") int maxResends) {
    return new RecordedPayments(updates, new DynamoDbPaymentRecords(dynamo, tables), maxResends);
  }

  @Singleton
  @Requires(property = "tollgate.paywall.secret")
  PaidRequests paidRequests(
      QuoteBook quotes,
      InboundUpdates updates,
      RecordedPayments recorded,
      Clock clock,
      QuoteNonces nonces,
      @Value("${tollgate.paywall.cached-channels:10000}") int cacheSize) {
    return new PaidRequests(quotes, updates, recorded, new ChannelCache(cacheSize), clock, nonces);
  }

  private static Address address(String name, String value) {
    try {
      return Address.fromHex(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tollgate.contracts/" + name + ": " + e.getMessage(), e);
    }
  }

  private static String required(Optional<String> value, String property) {
    return value
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> new IllegalArgumentException(property + " is required"));
  }
}
