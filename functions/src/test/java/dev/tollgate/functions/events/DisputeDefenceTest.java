package dev.tollgate.functions.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.generated.ChannelMastercopy;
import dev.tollgate.core.port.AdjudicatorReader;
import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.disputes.DisputeBook;
import dev.tollgate.functions.disputes.DisputeRecord;
import dev.tollgate.functions.disputes.DisputeStage;
import dev.tollgate.functions.harness.EventsStack;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.StoredTables;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway on chain against a payer who cheats or vanishes: every test ends with both sides
 * exited and the channel empty, the gateway holding exactly what was paid, the payer the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisputeDefenceTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(100_000);
  private static final BigInteger PRICE = GatewayStack.ARTICLE_PRICE;
  private static final long IDLE = 7 * 24 * 3600;

  private EventsStack stack;
  private Address gateway;

  @BeforeAll
  void start() throws Exception {
    stack = EventsStack.start(Map.of("tollgate.disputes.claim-idle-after-seconds", IDLE));
    gateway = Address.fromHex(stack.gateway().gatewayAddress());
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

  /** The gateway earned exactly {@code paid} prices (its balance before was {@code before}). */
  private void assertSettled(HttpPayer payer, int paid, BigInteger before) throws Exception {
    BigInteger earned = PRICE.multiply(BigInteger.valueOf(paid));
    assertThat(stack.tokenBalance(gateway).subtract(before)).isEqualTo(earned);
    assertThat(stack.tokenBalance(payer.payer().address())).isEqualTo(DEPOSIT.subtract(earned));
    assertThat(stack.tokenBalance(payer.channel())).isZero();
    assertThat(dispute(payer.channel()).stage()).isEqualTo(DisputeStage.SETTLED);
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
}
