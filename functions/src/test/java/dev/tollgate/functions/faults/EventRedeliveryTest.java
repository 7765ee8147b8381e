package dev.tollgate.functions.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.contracts.anvil.AnvilNode;
import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.chain.Transactions;
import dev.tollgate.contracts.generated.ChannelMastercopy;
import dev.tollgate.contracts.generated.TestToken;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.WithdrawData;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.config.AwsInterceptors;
import dev.tollgate.functions.events.EventProcessorHandler;
import dev.tollgate.functions.events.ProcessedEvents;
import dev.tollgate.functions.events.QueueDelivery;
import dev.tollgate.functions.faults.WireError.Service;
import dev.tollgate.functions.harness.Conservation;
import dev.tollgate.functions.harness.EventsStack;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.QueueMessages;
import dev.tollgate.functions.withdrawals.CompletedWithdrawals;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;
import org.web3j.tx.TransactionManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The chain-event processor handed the same event twice, through the real queue (ElasticMQ), the
 * real {@link EventProcessorHandler} and {@link QueueDelivery}: once because the processor
 * "crashed" after processing and before deleting (its SQS client fails DeleteMessage), so the queue
 * delivers the same message again after its visibility timeout; once because recording the event as
 * processed failed after its action (the event functions' DynamoDB client fails that PutItem), so
 * the batch reports it failed and it comes straight back. A deposit is credited once, the gateway's
 * own deposit reconciled once, a withdrawal recorded once, and the processed-events record holds
 * one processing of each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventRedeliveryTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(9_000);
  private static final String VISIBILITY_SECONDS = "2";
  private static final Duration REDELIVERY_DEADLINE = Duration.ofSeconds(20);
  private static final WireError SQS_DOWN =
      WireError.refused(Service.SQS, 503, "ServiceUnavailable");
  private static final WireError DYNAMO_DOWN =
      WireError.refused(Service.DYNAMODB, 500, "InternalServerError");

  /** The event functions' DynamoDB client. */
  private final FaultInjector dynamo = new FaultInjector();

  /** The crashing processor's SQS client. */
  private final FaultInjector sqsFaults = new FaultInjector();

  private final FaultReport report = new FaultReport(EventRedeliveryTest.class);
  private final List<SQSEvent.SQSMessage> delivered = new ArrayList<>();
  private EventsStack stack;
  private SqsClient crashingSqs;
  private QueueDelivery crashing;
  private QueueDelivery delivery;
  private ProcessedEvents processed;

  @BeforeAll
  void start() throws Exception {
    stack = EventsStack.start(Map.of(), List.of(AwsInterceptors.forDynamo(dynamo)));
    String queue = stack.queues().queue();
    // A message a crashed processor kept comes back seconds after it was received, not minutes.
    stack
        .sqs()
        .setQueueAttributes(
            r ->
                r.queueUrl(queue)
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, VISIBILITY_SECONDS)));
    crashingSqs =
        SqsClient.builder()
            .endpointOverride(
                URI.create((String) stack.gateway().properties().get("tollgate.sqs.endpoint")))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .overrideConfiguration(o -> o.addExecutionInterceptor(sqsFaults))
            .build();
    EventProcessorHandler processor = new EventProcessorHandler(stack.context());
    Function<SQSEvent, SQSBatchResponse> recording =
        event -> {
          delivered.addAll(event.getRecords());
          return processor.execute(event);
        };
    crashing = new QueueDelivery(crashingSqs, queue, recording);
    delivery = new QueueDelivery(stack.sqs(), queue, recording);
    processed = stack.context().getBean(ProcessedEvents.class);
  }

  @AfterEach
  void clearFaults() {
    dynamo.clear();
    sqsFaults.clear();
    delivered.clear();
  }

  @AfterAll
  void stop() {
    report.write();
    if (crashingSqs != null) {
      crashingSqs.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aDepositEventKeptByACrashedProcessorComesBackAndIsCreditedOnce() throws Exception {
    HttpPayer payer = opened();
    stack.gateway().fund(payer.channel(), DEPOSIT);
    stack.confirm();
    // Credited from the chain's totals; from then on the channel is funded, so watched.
    assertThat(payer.reconcile(DEPOSIT).status()).isEqualTo(200);
    assertThat(stack.watch().eventsPublished()).isEqualTo(1);

    sqsFaults.persist("DeleteMessage", SQS_DOWN);
    assertThatThrownBy(() -> crashing.deliverOnce(1)).isInstanceOf(SqsException.class);
    List<ProcessedEvents.Processed> afterFirst = processed.history(payer.channel(), 10);
    sqsFaults.clear();
    int putsBefore = dynamo.attempts("PutItem");
    QueueDelivery.Delivered again = redelivered();

    assertThat(again).isEqualTo(new QueueDelivery.Delivered(1, 1, 0));
    assertSameMessageReceivedTwice();
    assertThat(dynamo.attempts("PutItem"))
        .as("nothing written on the redelivery")
        .isEqualTo(putsBefore);
    assertThat(afterFirst)
        .singleElement()
        .satisfies(p -> assertThat(p.type()).isEqualTo("TokenDeposited"));
    assertThat(processed.history(payer.channel(), 10)).isEqualTo(afterFirst);
    assertQueuesEmpty();

    LambdaInvoker.Response twice = payer.reconcile(DEPOSIT);
    assertThat(twice.status()).isEqualTo(402);
    assertThat(twice.body()).contains("no_new_deposit");
    Channel view = payer.payer().view();
    int token = view.state().assetIndex(stack.gateway().token());
    assertThat(view.state().processedDepositsB().get(token)).isEqualTo(Uint256.of(DEPOSIT));
    assertThat(payer.payer().balanceOf(stack.gateway().token(), 1).value()).isEqualTo(DEPOSIT);
    assertThat(Conservation.heldAndLocked(view)).isEqualTo(DEPOSIT);
    assertThat(storedState(payer)).isEqualTo(view.state());
    report.row(
        "SQS redelivery of a payer's deposit (TokenDeposited)",
        "processor's SQS DeleteMessage fails after processing (crash); message back after its"
            + " 2 s visibility timeout",
        "deposit reconciled once: 200; after the redelivery, claimed again: 402 no_new_deposit",
        "queue: 2 receives of the same message; processor: skipped the 2nd (0 writes)",
        "credited once; one processed-event record; books balance");
  }

  @Test
  void theGatewaysOwnDepositIsReconciledOnceWhenRecordingItFailedAndItCameBack() throws Exception {
    HttpPayer payer = opened();
    stack.gateway().fund(payer.channel(), BigInteger.valueOf(3_000));
    stack.confirmWatchAndProcess();
    assertThat(payer.reconcile(BigInteger.valueOf(3_000)).status()).isEqualTo(200);
    stack.deployChannel(payer.payer().address());
    stack.confirmWatchAndProcess();
    long nonceBefore = storedChannel(payer).nonce();
    depositAsGateway(payer.channel(), BigInteger.valueOf(2_000));
    stack.confirm();
    assertThat(stack.watch().eventsPublished()).isPositive();

    dynamo.inject(
        "PutItem", processedRecordOf("AliceDeposited"), DYNAMO_DOWN, 0, Integer.MAX_VALUE);
    QueueDelivery.Delivered first = delivery.deliverOnce(1);
    Channel afterFirst = storedChannel(payer);
    dynamo.clear();
    int writesBefore = dynamo.attempts("TransactWriteItems");
    List<QueueDelivery.Delivered> rest = deliverUntilEmpty();

    assertThat(first.failed()).as("the failed record fails its message").isPositive();
    assertThat(afterFirst.nonce())
        .as("reconciled before the record failed")
        .isEqualTo(nonceBefore + 1);
    assertThat(rest).allSatisfy(d -> assertThat(d.failed()).isZero());
    assertThat(dynamo.attempts("TransactWriteItems"))
        .as("no second reconcile")
        .isEqualTo(writesBefore);
    Channel stored = storedChannel(payer);
    int token = stored.state().assetIndex(stack.gateway().token());
    assertThat(stored.nonce()).isEqualTo(nonceBefore + 1);
    assertThat(stored.state().processedDepositsA().get(token)).isEqualTo(Uint256.of(2_000));
    assertThat(stored.state().balances().get(token).amount(0)).isEqualTo(Uint256.of(2_000));
    assertThat(Conservation.heldAndLocked(stored)).isEqualTo(BigInteger.valueOf(5_000));
    assertThat(stack.tokenBalance(payer.channel())).isEqualTo(BigInteger.valueOf(5_000));
    List<ProcessedEvents.Processed> records =
        processed.history(payer.channel(), 20).stream()
            .filter(p -> p.type().equals("AliceDeposited"))
            .toList();
    assertThat(records)
        .singleElement()
        .satisfies(p -> assertThat(p.outcome()).contains("already reconciled"));
    payer.sync();
    assertThat(payer.payer().view().state()).isEqualTo(stored.state());
    assertQueuesEmpty();
    report.row(
        "Processor fails after acting: the gateway's own deposit (AliceDeposited) reconciled,"
            + " recording it processed fails",
        "event functions' DynamoDB PutItem of the processed-event record (500, every attempt)",
        "payer syncs to one gateway deposit update",
        "batch item failure, message back at once; processor: no second reconcile (0 writes)",
        "reconciled once (nonce +1, gateway deposit 2000); one processed-event record");
  }

  @Test
  void aWithdrawalEventKeptByACrashedProcessorComesBackAndIsRecordedOnce() throws Exception {
    HttpPayer payer = opened();
    stack.gateway().fund(payer.channel(), DEPOSIT);
    stack.confirmWatchAndProcess();
    assertThat(payer.reconcile(DEPOSIT).status()).isEqualTo(200);
    stack.deployChannel(payer.payer().address());
    stack.confirmWatchAndProcess();
    Address recipient = Address.fromHex("0x00000000000000000000000000000000000fee13");
    WithdrawData data = payer.withdrawData(recipient, 4_000);
    LambdaInvoker.Response signed = payer.withdraw(data);
    assertThat(signed.status()).as(signed.body()).isEqualTo(200);
    JsonNode withdrawal = ChannelJson.parse(signed.body()).get("withdrawal");
    stack
        .channelContract(payer.channel())
        .withdraw(
            ChannelStructs.of(data),
            Signature.fromHex(withdrawal.get("aliceSignature").asText()).toArray(),
            Signature.fromHex(withdrawal.get("bobSignature").asText()).toArray())
        .send();
    stack.confirm();
    assertThat(stack.watch().eventsPublished()).isEqualTo(1);
    CompletedWithdrawals completed = stack.context().getBean(CompletedWithdrawals.class);
    Bytes32 hash = ChannelHashes.withdrawDataHash(data);

    sqsFaults.persist("DeleteMessage", SQS_DOWN);
    assertThatThrownBy(() -> crashing.deliverOnce(1)).isInstanceOf(SqsException.class);
    var recorded = completed.find(payer.channel(), hash);
    List<ProcessedEvents.Processed> afterFirst = processed.history(payer.channel(), 20);
    sqsFaults.clear();
    int putsBefore = dynamo.attempts("PutItem");
    QueueDelivery.Delivered again = redelivered();

    assertThat(again).isEqualTo(new QueueDelivery.Delivered(1, 1, 0));
    assertSameMessageReceivedTwice();
    assertThat(recorded).isPresent();
    assertThat(completed.find(payer.channel(), hash)).isEqualTo(recorded);
    assertThat(dynamo.attempts("PutItem"))
        .as("nothing written on the redelivery")
        .isEqualTo(putsBefore);
    assertThat(afterFirst.stream().filter(p -> p.type().equals("WithdrawalExecuted")).count())
        .isEqualTo(1);
    assertThat(processed.history(payer.channel(), 20)).isEqualTo(afterFirst);
    assertThat(stack.tokenBalance(recipient)).isEqualTo(BigInteger.valueOf(4_000));
    assertThat(stack.tokenBalance(payer.channel())).isEqualTo(BigInteger.valueOf(5_000));
    assertThat(Conservation.heldAndLocked(payer.payer().view()))
        .isEqualTo(BigInteger.valueOf(5_000));
    assertThat(storedState(payer)).isEqualTo(payer.payer().view().state());
    assertQueuesEmpty();
    report.row(
        "SQS redelivery of a WithdrawalExecuted event",
        "processor's SQS DeleteMessage fails after processing (crash); message back after its"
            + " 2 s visibility timeout",
        "(no payer request) withdrawal recorded complete once",
        "queue: 2 receives of the same message; processor: skipped the 2nd (0 writes)",
        "recorded once; one processed-event record; channel 5000 + recipient 4000 = deposit");
  }

  /** A payer with an open channel, the watcher and processor caught up with everything before. */
  private HttpPayer opened() {
    stack.confirmWatchAndProcess();
    HttpPayer payer = HttpPayer.newPayer(stack.gateway());
    assertThat(payer.open().status()).isEqualTo(201);
    return payer;
  }

  /** Polls the queue until the kept message is delivered again (its visibility timeout ended). */
  private QueueDelivery.Delivered redelivered() {
    long deadline = System.nanoTime() + REDELIVERY_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      QueueDelivery.Delivered d = delivery.deliverOnce(1);
      if (d.received() > 0) {
        return d;
      }
    }
    throw new AssertionError("the message was not delivered again within " + REDELIVERY_DEADLINE);
  }

  private List<QueueDelivery.Delivered> deliverUntilEmpty() {
    List<QueueDelivery.Delivered> all = new ArrayList<>();
    long deadline = System.nanoTime() + REDELIVERY_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      QueueDelivery.Delivered d = delivery.deliverOnce(1);
      if (d.received() == 0) {
        return all;
      }
      all.add(d);
    }
    throw new AssertionError("the queue did not drain within " + REDELIVERY_DEADLINE);
  }

  private void assertSameMessageReceivedTwice() {
    assertThat(delivered).hasSize(2);
    assertThat(delivered.get(1).getMessageId()).isEqualTo(delivered.get(0).getMessageId());
    assertThat(delivered.get(1).getBody()).isEqualTo(delivered.get(0).getBody());
    assertThat(delivered.get(0).getAttributes()).containsEntry("ApproximateReceiveCount", "1");
    assertThat(delivered.get(1).getAttributes()).containsEntry("ApproximateReceiveCount", "2");
  }

  private void assertQueuesEmpty() {
    assertThat(QueueMessages.drain(stack.sqs(), stack.queues().queue())).isEmpty();
    assertThat(QueueMessages.drain(stack.sqs(), stack.queues().deadLetters())).isEmpty();
  }

  /** The PutItem that records an event of {@code type} as processed. */
  private static Predicate<SdkRequest> processedRecordOf(String type) {
    return request ->
        request instanceof PutItemRequest put
            && put.item().getOrDefault("sk", AttributeValue.fromS("")).s().startsWith("event#")
            && type.equals(put.item().getOrDefault("type", AttributeValue.fromS("")).s());
  }

  private Channel storedChannel(HttpPayer payer) {
    return new Books(stack.gateway()).stored(payer).latest();
  }

  private CoreChannelState storedState(HttpPayer payer) {
    return storedChannel(payer).state();
  }

  /** The gateway deposits {@code amount} into {@code channel} itself (depositAlice). */
  private void depositAsGateway(Address channel, BigInteger amount) throws Exception {
    String token = ChannelStructs.hex(stack.gateway().token());
    String channelHex = ChannelStructs.hex(channel);
    Credentials gatewayKey = Credentials.create(GatewayStack.GATEWAY_KEY);
    TransactionManager gateway =
        Transactions.manager(stack.anvil().web3j(), gatewayKey, AnvilNode.CHAIN_ID);
    TestToken.load(token, stack.anvil().web3j(), stack.bystander(), Transactions.LOCAL_GAS)
        .mint(gatewayKey.getAddress(), amount)
        .send();
    TestToken.load(token, stack.anvil().web3j(), gateway, Transactions.LOCAL_GAS)
        .approve(channelHex, amount)
        .send();
    ChannelMastercopy.load(channelHex, stack.anvil().web3j(), gateway, Transactions.LOCAL_GAS)
        .depositAlice(token, amount, BigInteger.ZERO)
        .send();
  }
}
