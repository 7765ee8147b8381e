package dev.tollgate.functions.harness;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.tollgate.contracts.anvil.AnvilNode;
import dev.tollgate.contracts.anvil.DevAccounts;
import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.chain.Transactions;
import dev.tollgate.contracts.generated.ChannelFactory;
import dev.tollgate.contracts.generated.ChannelMastercopy;
import dev.tollgate.contracts.generated.TestToken;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.value.Address;
import dev.tollgate.emulators.ElasticMq;
import dev.tollgate.functions.GatewayHandler;
import dev.tollgate.functions.adapter.sqs.EventQueueUrls;
import dev.tollgate.functions.adapter.sqs.EventQueues;
import dev.tollgate.functions.disputes.DisputeKeeperHandler;
import dev.tollgate.functions.disputes.KeeperReport;
import dev.tollgate.functions.events.EventProcessorHandler;
import dev.tollgate.functions.events.QueueDelivery;
import dev.tollgate.functions.events.WatchReport;
import dev.tollgate.functions.events.WatcherHandler;
import io.micronaut.context.ApplicationContext;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.web3j.crypto.Credentials;
import org.web3j.tx.TransactionManager;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The gateway with its chain-event side, on one machine: a {@link GatewayStack} whose deposits are
 * credited only once confirmed, ElasticMQ with the FIFO event queue and its dead-letter queue, and
 * the watcher, processor and keeper Lambdas wired from the same configuration. The test drives the
 * schedule: {@link #watch()}, {@link #process()} and {@link #keep()} each run once when called.
 */
public final class EventsStack implements AutoCloseable {
  public static final long CONFIRMATIONS = 3;
  public static final int MAX_RECEIVES = 3;

  /** The channel timeout payers open with: each dispute window lasts this long. */
  public static final long WINDOW = HttpPayer.CHANNEL_TIMEOUT;

  private static final AtomicInteger QUEUES = new AtomicInteger();
  private static final BigInteger GAS_MONEY = BigInteger.TEN.pow(20);

  private final GatewayStack stack;
  private final ElasticMq mq;
  private final SqsClient sqs;
  private final EventQueueUrls urls;
  private final AtomicLong clockOffset;
  private final ApplicationContext context;
  private final WatcherHandler watcher;
  private final EventProcessorHandler processor;
  private final DisputeKeeperHandler keeper;
  private final QueueDelivery delivery;

  private EventsStack(
      GatewayStack stack,
      ElasticMq mq,
      EventQueueUrls urls,
      AtomicLong clockOffset,
      ApplicationContext context) {
    this.stack = stack;
    this.mq = mq;
    this.sqs = mq.client();
    this.urls = urls;
    this.clockOffset = clockOffset;
    this.context = context;
    this.watcher = new WatcherHandler(context);
    this.processor = new EventProcessorHandler(context);
    this.keeper = new DisputeKeeperHandler(context);
    this.delivery = new QueueDelivery(sqs, urls.queue(), processor::execute);
  }

  /** A stack with {@code settings} on top of its own (e.g. {@code tollgate.disputes.*}). */
  public static EventsStack start(Map<String, Object> settings) throws Exception {
    return start(settings, List.of());
  }

  /**
   * As {@link #start(Map)}, the event functions' context also given {@code beans} before it starts
   * (an {@code AwsInterceptors}, to disturb their DynamoDB calls); the gateway's is not.
   */
  public static EventsStack start(Map<String, Object> settings, List<Object> beans)
      throws Exception {
    ElasticMq mq = ElasticMq.start();
    GatewayStack stack = null;
    try {
      EventQueueUrls urls =
          EventQueues.createIfMissing(
              mq.client(), "events" + QUEUES.incrementAndGet(), MAX_RECEIVES);
      Map<String, Object> p = new HashMap<>();
      p.put("tollgate.signer.mode", "local");
      p.put("tollgate.signer.private-key", GatewayStack.GATEWAY_KEY);
      p.put("tollgate.deposits.credit", "confirmed");
      p.put("tollgate.sqs.endpoint", mq.endpoint().toString());
      p.put("tollgate.events.queue-url", urls.queue());
      p.put("tollgate.watcher.confirmations", CONFIRMATIONS);
      p.put("tollgate.chain.sender.poll-millis", 25);
      p.putAll(settings);
      stack = GatewayStack.start(p);
      AtomicLong offset = new AtomicLong();
      Clock clock = () -> System.currentTimeMillis() / 1000 + offset.get();
      List<Object> singletons = new ArrayList<>(beans);
      singletons.add(clock);
      ApplicationContext context =
          GatewayHandler.contextBuilder()
              .properties(stack.properties())
              .singletons(singletons.toArray())
              .build();
      EventsStack events = new EventsStack(stack, mq, urls, offset, context);
      stack.anvil().setBalance(stack.gatewayAddress(), GAS_MONEY);
      return events;
    } catch (Exception | Error e) {
      if (stack != null) {
        stack.close();
      }
      mq.close();
      throw e;
    }
  }

  public GatewayStack gateway() {
    return stack;
  }

  public AnvilNode anvil() {
    return stack.anvil();
  }

  public ApplicationContext context() {
    return context;
  }

  public SqsClient sqs() {
    return sqs;
  }

  public EventQueueUrls queues() {
    return urls;
  }

  /** Moves the event functions' wall clock (not the chain's) {@code seconds} ahead. */
  public void passWallTime(long seconds) {
    clockOffset.addAndGet(seconds);
  }

  /** Buries everything mined so far under the confirmation depth. */
  public void confirm() {
    anvil().mine((int) CONFIRMATIONS);
  }

  public WatchReport watch() {
    return watcher.execute(new ScheduledEvent());
  }

  public KeeperReport keep() {
    return keeper.execute(new ScheduledEvent());
  }

  /** What one {@link #process()} did: messages handled, and messages the processor failed. */
  public record Processed(int handled, int failed) {}

  /**
   * Delivers the queue's messages to the processor as the Lambda event source does, in batches of
   * up to 10, until the queue is empty: handled messages are deleted, failed ones become visible
   * again at once (and move to the dead-letter queue after {@link #MAX_RECEIVES} receives).
   */
  public Processed process() {
    int handled = 0;
    int failed = 0;
    for (int round = 0; round < 200; round++) {
      QueueDelivery.Delivered delivered = delivery.deliverOnce(0);
      if (delivered.received() == 0) {
        // A receive can come back empty while it moves a message to the dead-letter queue.
        if (queued() == 0) {
          return new Processed(handled, failed);
        }
        continue;
      }
      handled += delivered.handled();
      failed += delivered.failed();
    }
    throw new AssertionError("the event queue did not drain in 200 rounds");
  }

  private int queued() {
    Map<QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(urls.queue())
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(
            attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  /** Confirms what was mined, then runs the watcher and the processor once each. */
  public Processed confirmWatchAndProcess() {
    confirm();
    watch();
    return process();
  }

  /** A bystander's account (dev account 1): sends the payer's own on-chain calls. */
  public TransactionManager bystander() {
    Credentials account = DevAccounts.account(1);
    return Transactions.manager(anvil().web3j(), account, AnvilNode.CHAIN_ID);
  }

  /** The channel contract, called from the bystander's account. */
  public ChannelMastercopy channelContract(Address channel) throws Exception {
    return ChannelMastercopy.load(
        ChannelStructs.hex(channel), anvil().web3j(), bystander(), Transactions.LOCAL_GAS);
  }

  /** Deploys the channel of the gateway (alice) and {@code payer} (bob). */
  public void deployChannel(Address payer) throws Exception {
    ChannelFactory.load(
            ChannelStructs.hex(stack.deployment().channelFactory()),
            anvil().web3j(),
            bystander(),
            Transactions.LOCAL_GAS)
        .createChannel(stack.gatewayAddress(), ChannelStructs.hex(payer))
        .send();
  }

  /** The test token held by {@code holder}. */
  public BigInteger tokenBalance(Address holder) throws Exception {
    return TestToken.load(
            ChannelStructs.hex(stack.token()), anvil().web3j(), bystander(), Transactions.LOCAL_GAS)
        .balanceOf(ChannelStructs.hex(holder))
        .send();
  }

  @Override
  public void close() {
    try {
      context.close();
      sqs.close();
      mq.close();
    } finally {
      stack.close();
    }
  }
}
