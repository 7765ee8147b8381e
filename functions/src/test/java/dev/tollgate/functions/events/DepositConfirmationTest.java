package dev.tollgate.functions.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.contracts.anvil.AnvilNode;
import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.chain.Transactions;
import dev.tollgate.contracts.generated.ChannelMastercopy;
import dev.tollgate.contracts.generated.TestToken;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.WithdrawData;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.Conservation;
import dev.tollgate.functions.harness.EventsStack;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.withdrawals.CompletedWithdrawals;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;

/**
 * Money entering and leaving a channel as the watcher and processor see it: a payer's deposit is
 * credited only once it is confirmations deep (before that its deposit update is refused, and a
 * deposit that a reorganisation removes is never credited), a funded channel is read by the
 * watcher, the gateway's own deposit is reconciled by the gateway, and an executed withdrawal is
 * marked complete.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepositConfirmationTest {
  private EventsStack stack;

  @BeforeAll
  void start() throws Exception {
    stack = EventsStack.start(Map.of());
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /** A payer with an open channel, the watcher caught up with everything before it. */
  private HttpPayer opened() {
    stack.confirmWatchAndProcess();
    HttpPayer payer = HttpPayer.newPayer(stack.gateway());
    assertThat(payer.open().status()).isEqualTo(201);
    return payer;
  }

  @Test
  void aDepositIsCreditedOnceConfirmedAndFromThenOnTheWatcherReadsTheChannel() throws Exception {
    HttpPayer payer = opened();
    BigInteger deposit = BigInteger.valueOf(5_000);
    stack.gateway().fund(payer.channel(), deposit);

    LambdaInvoker.Response early = payer.reconcile(deposit);
    assertThat(early.status()).isEqualTo(402);
    assertThat(early.body()).contains("no_new_deposit");
    stack.confirm();
    assertThat(stack.watch().eventsPublished())
        .as("an unfunded channel is not read: its first deposit is credited from its totals")
        .isZero();
    LambdaInvoker.Response credited = payer.reconcile(deposit);

    assertThat(credited.status()).isEqualTo(200);
    Channel channel = payer.payer().view();
    int token = channel.state().assetIndex(stack.gateway().token());
    assertThat(channel.state().processedDepositsB().get(token)).isEqualTo(Uint256.of(deposit));
    assertThat(Conservation.heldAndLocked(channel)).isEqualTo(deposit);
    assertThat(stack.tokenBalance(payer.channel())).isEqualTo(deposit);

    BigInteger more = BigInteger.valueOf(1_500);
    stack.gateway().fund(payer.channel(), more);
    stack.confirm();
    assertThat(stack.watch().eventsPublished()).as("funded: its deposits are read").isEqualTo(1);
    assertThat(stack.process()).isEqualTo(new EventsStack.Processed(1, 0));
    assertThat(payer.reconcile(more).status()).isEqualTo(200);
    assertThat(Conservation.heldAndLocked(payer.payer().view()))
        .isEqualTo(stack.tokenBalance(payer.channel()))
        .isEqualTo(deposit.add(more));
  }

  @Test
  void aDepositReorganisedAwayBeforeItsConfirmationDepthIsNeverCredited() throws Exception {
    HttpPayer payer = opened();
    String beforeDeposit = stack.anvil().snapshot();
    stack.gateway().fund(payer.channel(), BigInteger.valueOf(7_000));
    stack.anvil().mine((int) EventsStack.CONFIRMATIONS - 1);
    assertThat(stack.watch().eventsPublished()).isZero();

    stack.anvil().revertTo(beforeDeposit);
    stack.confirm();
    stack.confirm();
    WatchReport afterReorg = stack.watch();
    EventsStack.Processed processed = stack.process();
    LambdaInvoker.Response claimed = payer.reconcile(BigInteger.valueOf(7_000));

    assertThat(afterReorg.toBlock()).isGreaterThanOrEqualTo(afterReorg.fromBlock());
    assertThat(afterReorg.eventsPublished()).isZero();
    assertThat(processed.handled()).isZero();
    assertThat(claimed.status()).isEqualTo(402);
    assertThat(claimed.body()).contains("no_new_deposit");
    assertThat(stack.tokenBalance(payer.channel())).isZero();
  }

  @Test
  void aWithdrawalExecutedOnChainIsMarkedComplete() throws Exception {
    HttpPayer payer = opened();
    stack.gateway().fund(payer.channel(), BigInteger.valueOf(9_000));
    stack.confirmWatchAndProcess();
    assertThat(payer.reconcile(BigInteger.valueOf(9_000)).status()).isEqualTo(200);
    Address recipient = Address.fromHex("0x00000000000000000000000000000000000fee12");
    WithdrawData data = payer.withdrawData(recipient, 4_000);
    LambdaInvoker.Response signed = payer.withdraw(data);
    assertThat(signed.status()).as(signed.body()).isEqualTo(200);
    JsonNode withdrawal = ChannelJson.parse(signed.body()).get("withdrawal");
    Bytes32 hash = ChannelHashes.withdrawDataHash(data);
    CompletedWithdrawals completed = stack.context().getBean(CompletedWithdrawals.class);
    stack.deployChannel(payer.payer().address());

    TransactionReceipt executed =
        stack
            .channelContract(payer.channel())
            .withdraw(
                ChannelStructs.of(data),
                Signature.fromHex(withdrawal.get("aliceSignature").asText()).toArray(),
                Signature.fromHex(withdrawal.get("bobSignature").asText()).toArray())
            .send();
    assertThat(completed.find(payer.channel(), hash)).isEmpty();
    stack.confirmWatchAndProcess();

    assertThat(completed.find(payer.channel(), hash))
        .hasValueSatisfying(
            done -> {
              assertThat(done.txHash()).isEqualTo(Bytes32.fromHex(executed.getTransactionHash()));
              assertThat(done.recipient()).isEqualTo(recipient);
              assertThat(done.amount()).isEqualTo(Uint256.of(4_000));
            });
    assertThat(stack.tokenBalance(recipient)).isEqualTo(BigInteger.valueOf(4_000));
    assertThat(stack.tokenBalance(payer.channel())).isEqualTo(BigInteger.valueOf(5_000));
    assertThat(Conservation.heldAndLocked(payer.payer().view()))
        .isEqualTo(BigInteger.valueOf(5_000));
  }

  @Test
  void theGatewaysOwnDepositIsReconciledByTheGatewayOnceConfirmed() throws Exception {
    HttpPayer payer = opened();
    stack.gateway().fund(payer.channel(), BigInteger.valueOf(3_000));
    stack.confirmWatchAndProcess();
    assertThat(payer.reconcile(BigInteger.valueOf(3_000)).status()).isEqualTo(200);
    stack.deployChannel(payer.payer().address());
    String token = ChannelStructs.hex(stack.gateway().token());
    String channel = ChannelStructs.hex(payer.channel());
    TransactionManager gateway =
        Transactions.manager(
            stack.anvil().web3j(),
            Credentials.create(GatewayStack.GATEWAY_KEY),
            AnvilNode.CHAIN_ID);
    TestToken.load(token, stack.anvil().web3j(), stack.bystander(), Transactions.LOCAL_GAS)
        .mint(Credentials.create(GatewayStack.GATEWAY_KEY).getAddress(), BigInteger.valueOf(2_000))
        .send();
    TestToken.load(token, stack.anvil().web3j(), gateway, Transactions.LOCAL_GAS)
        .approve(channel, BigInteger.valueOf(2_000))
        .send();
    ChannelMastercopy.load(channel, stack.anvil().web3j(), gateway, Transactions.LOCAL_GAS)
        .depositAlice(token, BigInteger.valueOf(2_000), BigInteger.ZERO)
        .send();
    stack.confirmWatchAndProcess();

    Channel latest =
        stack.context().getBean(ChannelStore.class).load(payer.channel()).orElseThrow().latest();
    int index = latest.state().assetIndex(stack.gateway().token());
    assertThat(latest.latestUpdate().orElseThrow().details())
        .isInstanceOf(UpdateDetails.Deposit.class);
    assertThat(latest.latestUpdate().orElseThrow().fromIdentifier())
        .isEqualTo(latest.state().alice());
    assertThat(latest.state().processedDepositsA().get(index)).isEqualTo(Uint256.of(2_000));
    assertThat(latest.state().processedDepositsB().get(index)).isEqualTo(Uint256.of(3_000));
    assertThat(Conservation.heldAndLocked(latest)).isEqualTo(BigInteger.valueOf(5_000));
    assertThat(stack.tokenBalance(payer.channel())).isEqualTo(BigInteger.valueOf(5_000));
  }
}
