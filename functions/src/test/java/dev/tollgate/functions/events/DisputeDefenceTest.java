package dev.tollgate.functions.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.generated.ChannelMastercopy;
import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.merkle.MerkleTree;
import dev.tollgate.core.port.AdjudicatorReader;
import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.WithdrawData;
import dev.tollgate.core.transfer.WithdrawResolver;
import dev.tollgate.core.transfer.WithdrawState;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Signature;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.config.AwsInterceptors;
import dev.tollgate.functions.disputes.DisputeBook;
import dev.tollgate.functions.disputes.DisputeRecord;
import dev.tollgate.functions.disputes.DisputeStage;
import dev.tollgate.functions.faults.FaultInjector;
import dev.tollgate.functions.faults.WireError;
import dev.tollgate.functions.harness.EventsStack;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.QueueMessages;
import dev.tollgate.functions.harness.StoredTables;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.protocol.exceptions.TransactionException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The gateway on chain against a payer who cheats or vanishes: every test ends with both sides
 * exited and the channel empty, the gateway holding exactly what was paid, the payer the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisputeDefenceTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(100_000);
  private static final BigInteger PRICE = GatewayStack.ARTICLE_PRICE;
  private static final long IDLE = 7 * 24 * 3600;

  /** The event functions' DynamoDB client, to lose a dispute's event on its way. */
  private final FaultInjector dynamo = new FaultInjector();

  private EventsStack stack;
  private Address gateway;

  @BeforeAll
  void start() throws Exception {
    stack =
        EventsStack.start(
            Map.of("tollgate.disputes.claim-idle-after-seconds", IDLE),
            List.of(AwsInterceptors.forDynamo(dynamo)));
    gateway = Address.fromHex(stack.gateway().gatewayAddress());
  }

  @AfterEach
  void clearFaults() {
    dynamo.clear();
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /** An open channel holding {@link #DEPOSIT}, credited through the watcher. */
  private HttpPayer funded() throws Exception {
    stack.confirmWatchAndProcess();
    HttpPayer payer = HttpPayer.newPayer(stack.gateway());
    assertThat(payer.open().status()).isEqualTo(201);
    stack.gateway().fund(payer.channel(), DEPOSIT);
    stack.confirmWatchAndProcess();
    assertThat(payer.reconcile(DEPOSIT).status()).isEqualTo(200);
    return payer;
  }

  private void payFor(HttpPayer payer, int requests) {
    for (int i = 0; i < requests; i++) {
      assertThat(payer.get(GatewayStack.ARTICLES + "story-" + i).status()).isEqualTo(200);
    }
  }

  private <T> T bean(Class<T> type) {
    return stack.context().getBean(type);
  }

  private DisputeRecord dispute(Address channel) {
    return bean(DisputeBook.class).find(channel).orElseThrow();
  }

  /** The payer takes its share out, as anyone may push an owner's exitable amount to it. */
  private void payerExits(HttpPayer payer) throws Exception {
    String owner = ChannelStructs.hex(payer.payer().address());
    stack
        .channelContract(payer.channel())
        .exit(ChannelStructs.hex(stack.gateway().token()), owner, owner)
        .send();
  }

  /**
   * The gateway earned exactly {@code paid} prices (its balance before was {@code before}), the
   * payer holds the rest, and nothing was made or lost: what the channel still holds plus what it
   * paid out is what was deposited into it.
   */
  private void assertSettled(HttpPayer payer, int paid, BigInteger before) throws Exception {
    BigInteger earned = PRICE.multiply(BigInteger.valueOf(paid));
    BigInteger toGateway = stack.tokenBalance(gateway).subtract(before);
    BigInteger toPayer = stack.tokenBalance(payer.payer().address());
    BigInteger held = stack.tokenBalance(payer.channel());
    assertThat(toGateway).isEqualTo(earned);
    assertThat(toPayer).isEqualTo(DEPOSIT.subtract(earned));
    assertThat(held).isZero();
    assertThat(held.add(toGateway).add(toPayer)).isEqualTo(DEPOSIT);
    assertThat(dispute(payer.channel()).stage()).isEqualTo(DisputeStage.SETTLED);
  }

  /** The payer disputes its channel with {@code state}, as both parties signed it. */
  private void payerDisputes(HttpPayer payer, Channel state) throws Exception {
    ChannelUpdate signed = state.latestUpdate().orElseThrow();
    stack
        .channelContract(payer.channel())
        .disputeChannel(
            ChannelStructs.of(state.state()),
            signed.aliceSignature().orElseThrow().toArray(),
            signed.bobSignature().orElseThrow().toArray())
        .send();
  }

  @Test
  void aStaleDisputeIsAnsweredWithTheLatestStateAndEachSideExitsWithExactlyItsShare()
      throws Exception {
    HttpPayer payer = funded();
    BigInteger before = stack.tokenBalance(gateway);
    Channel stale = payer.payer().view();
    payFor(payer, 50);
    ChannelUpdate staleSigned = stale.latestUpdate().orElseThrow();
    stack.deployChannel(payer.payer().address());

    ChannelMastercopy contract = stack.channelContract(payer.channel());
    contract
        .disputeChannel(
            ChannelStructs.of(stale.state()),
            staleSigned.aliceSignature().orElseThrow().toArray(),
            staleSigned.bobSignature().orElseThrow().toArray())
        .send();
    stack.confirmWatchAndProcess();

    StoredChannel ours = bean(ChannelStore.class).load(payer.channel()).orElseThrow();
    AdjudicatorReader.OnChainDispute defended =
        bean(AdjudicatorReader.class).channelDispute(payer.channel());
    assertThat(stale.nonce()).isLessThan(ours.latestDoubleSigned().nonce());
    assertThat(defended.nonce()).isEqualTo(ours.latestDoubleSigned().nonce());
    assertThat(dispute(payer.channel()).stage()).isEqualTo(DisputeStage.DEFENDED);
    StoredTables.Snapshot frozen = StoredTables.of(stack.gateway()).snapshot();
    HttpPayer.Paid afterDispute = payer.get(GatewayStack.ARTICLES + "after-the-dispute");
    assertThat(afterDispute.status()).isEqualTo(409);
    assertThat(afterDispute.settlement().errorReason()).contains("channel_disputed");
    assertThat(StoredTables.of(stack.gateway()).snapshot()).isEqualTo(frozen);

    stack.confirmWatchAndProcess();
    stack.anvil().advance(EventsStack.WINDOW + 1);
    stack.keep();
    payerExits(payer);
    stack.confirmWatchAndProcess();

    assertSettled(payer, 50, before);
  }

  @Test
  void aPayerWhoVanishesAfterPayingHasItsLastPaymentClaimedOnChainWithThePreImage()
      throws Exception {
    HttpPayer payer = funded();
    BigInteger before = stack.tokenBalance(gateway);
    payFor(payer, 5);
    StoredChannel ours = bean(ChannelStore.class).load(payer.channel()).orElseThrow();
    assertThat(ours.latestIsDoubleSigned()).isFalse();
    assertThat(ours.latestDoubleSigned().activeTransfers()).hasSize(1);

    assertThat(stack.keep().claimsStarted()).isEmpty();
    stack.passWallTime(IDLE + 1);
    assertThat(stack.keep().claimsStarted()).containsExactly(payer.channel().toChecksumHex());
    assertThat(bean(AdjudicatorReader.class).channelDispute(payer.channel()).nonce())
        .isEqualTo(ours.latestDoubleSigned().nonce());
    stack.confirmWatchAndProcess();

    stack.anvil().advance(EventsStack.WINDOW + 1);
    stack.keep();
    payerExits(payer);
    stack.confirmWatchAndProcess();

    assertSettled(payer, 5, before);
  }

  @Test
  void payerDisputingWithItsNewestStateCannotFreezeTheGatewaysBalance() throws Exception {
    HttpPayer payer = funded();
    BigInteger before = stack.tokenBalance(gateway);
    payFor(payer, 7);
    StoredChannel ours = bean(ChannelStore.class).load(payer.channel()).orElseThrow();
    // The payer countersigned the gateway's last resolve on taking it in: a double-signed state
    // one nonce above anything the gateway could answer with.
    Channel newest = payer.payer().view();
    assertThat(newest.latestUpdate().orElseThrow().isDoubleSigned()).isTrue();
    assertThat(newest.nonce()).isEqualTo(ours.latestDoubleSigned().nonce() + 1);
    assertThat(newest.state()).isEqualTo(ours.latest().state());
    stack.deployChannel(payer.payer().address());
    payerDisputes(payer, newest);
    stack.confirmWatchAndProcess();

    assertThat(dispute(payer.channel()).stage()).isEqualTo(DisputeStage.OPEN);
    assertThat(bean(AdjudicatorReader.class).channelDispute(payer.channel()).nonce())
        .isEqualTo(newest.nonce());
    // The payer waits; nobody but the gateway's keeper moves.
    stack.anvil().advance(EventsStack.WINDOW + 1);
    stack.keep();
    assertThat(stack.tokenBalance(gateway).subtract(before))
        .isEqualTo(PRICE.multiply(BigInteger.valueOf(7)));
    payerExits(payer);
    stack.confirmWatchAndProcess();

    assertSettled(payer, 7, before);
  }

  @Test
  void payerCannotWithdrawTwiceByDefundingItsWithdrawTransfer() throws Exception {
    HttpPayer payer = funded();
    BigInteger before = stack.tokenBalance(gateway);
    payFor(payer, 3);
    stack.deployChannel(payer.payer().address());
    BigInteger withdrawn = BigInteger.valueOf(40_000);
    WithdrawData data = payer.withdrawData(payer.payer().address(), withdrawn.longValueExact());
    LambdaInvoker.Response answer = payer.withdraw(data);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode withdrawal = ChannelJson.parse(answer.body()).get("withdrawal");
    stack
        .channelContract(payer.channel())
        .withdraw(
            ChannelStructs.of(data),
            Signature.fromHex(withdrawal.get("aliceSignature").asText()).toArray(),
            Signature.fromHex(withdrawal.get("bobSignature").asText()).toArray())
        .send();
    assertThat(stack.tokenBalance(payer.payer().address())).isEqualTo(withdrawn);

    // The state both signed before the gateway's resolve still locks the withdrawn amount in a
    // Withdraw transfer: left to expire, it would come back to the payer a second time.
    StoredChannel ours = bean(ChannelStore.class).load(payer.channel()).orElseThrow();
    Channel withLock = ours.latestDoubleSigned();
    ActiveTransfer lock = withLock.activeTransfers().values().iterator().next();
    assertThat(withLock.activeTransfers()).hasSize(1);
    assertThat(lock.initialState()).isInstanceOf(WithdrawState.class);
    assertThat(lock.core().balance().amount0().value()).isEqualTo(withdrawn);
    payerDisputes(payer, withLock);
    stack.confirmWatchAndProcess();
    stack.anvil().advance(EventsStack.WINDOW + 1);
    List<byte[]> proof =
        ChannelStructs.proof(
            MerkleTree.proof(
                new ArrayList<>(withLock.activeTransfers().values())
                    .stream().map(ActiveTransfer::leaf).toList(),
                0));
    stack
        .channelContract(payer.channel())
        .disputeTransfer(ChannelStructs.of(lock.core()), proof)
        .send();
    stack.confirmWatchAndProcess();
    stack.keep();

    // Past the transfer's own window the payer asks for its initial split back: refused, the
    // gateway closed it out with its signature on the commitment while it could.
    stack.anvil().advance(lock.core().transferTimeout().value().longValueExact() + 1);
    assertThatThrownBy(
            () ->
                stack
                    .channelContract(payer.channel())
                    .defundTransfer(
                        ChannelStructs.of(lock.core()),
                        lock.initialState().encode(),
                        WithdrawResolver.cancel().encode(),
                        new byte[0])
                    .send())
        .isInstanceOf(TransactionException.class)
        .hasMessageContaining("TRANSFER_ALREADY_DEFUNDED");
    payerExits(payer);
    stack.confirmWatchAndProcess();

    // The payer has its deposit less its payments once: withdrawn plus exited.
    assertSettled(payer, 3, before);
  }

  @Test
  void disputeWhoseEventDeadLetteredIsStillDefended() throws Exception {
    HttpPayer payer = funded();
    BigInteger before = stack.tokenBalance(gateway);
    Channel stale = payer.payer().view();
    payFor(payer, 10);
    stack.deployChannel(payer.payer().address());
    payerDisputes(payer, stale);

    // Every attempt to save the dispute's record fails, so its event dead-letters.
    dynamo.inject(
        "PutItem",
        request ->
            request instanceof PutItemRequest put
                && "dispute".equals(put.item().getOrDefault("sk", AttributeValue.fromS("")).s()),
        WireError.refused(WireError.Service.DYNAMODB, 500, "InternalServerError"),
        0,
        Integer.MAX_VALUE);
    EventsStack.Processed processed = stack.confirmWatchAndProcess();
    List<Message> deadLetters = QueueMessages.drain(stack.sqs(), stack.queues().deadLetters());
    dynamo.clear();
    assertThat(processed.failed()).isGreaterThanOrEqualTo(EventsStack.MAX_RECEIVES);
    assertThat(deadLetters)
        .singleElement()
        .satisfies(m -> assertThat(m.body()).contains("ChannelDisputed"));
    assertThat(bean(DisputeBook.class).find(payer.channel())).isEmpty();

    stack.keep();
    StoredChannel ours = bean(ChannelStore.class).load(payer.channel()).orElseThrow();
    assertThat(bean(AdjudicatorReader.class).channelDispute(payer.channel()).nonce())
        .isEqualTo(ours.latestDoubleSigned().nonce());
    assertThat(dispute(payer.channel()).stage()).isEqualTo(DisputeStage.DEFENDED);

    stack.confirmWatchAndProcess();
    stack.anvil().advance(EventsStack.WINDOW + 1);
    stack.keep();
    payerExits(payer);
    stack.confirmWatchAndProcess();

    assertSettled(payer, 10, before);
  }
}
