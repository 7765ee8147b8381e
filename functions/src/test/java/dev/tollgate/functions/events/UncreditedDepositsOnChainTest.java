package dev.tollgate.functions.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.contracts.anvil.AnvilNode;
import dev.tollgate.contracts.anvil.DevAccounts;
import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.chain.Transactions;
import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.Conservation;
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
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;

/**
 * Deposits the gateway used to leave uncredited, on anvil and over the gateway's HTTP interface
 * with deposits credited only once confirmed: a payer's deposit into its channel's address before
 * it opened the channel (the address is known in advance, and the watcher did not read it then),
 * and Ether (a plain transfer logs nothing). Both are credited from the channel's totals read
 * {@code confirmations} below the head when the payer proposes its deposit update, and never before
 * they are that deep.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UncreditedDepositsOnChainTest {
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

  @Test
  void depositBeforeOpeningTheChannelIsCredited() throws Exception {
    stack.confirmWatchAndProcess();
    HttpPayer payer = HttpPayer.newPayer(stack.gateway());
    BigInteger deposit = BigInteger.valueOf(6_000);
    stack.gateway().fund(payer.channel(), deposit);
    stack.confirmWatchAndProcess();
    assertThat(payer.open().status()).isEqualTo(201);
    stack.confirmWatchAndProcess();

    LambdaInvoker.Response credited = payer.reconcile(deposit);

    assertThat(credited.status()).as(credited.body()).isEqualTo(200);
    Channel channel = payer.payer().view();
    Channel stored = storedLatest(stack, payer.channel());
    int token = stored.state().assetIndex(stack.gateway().token());
    assertThat(stored.nonce()).isEqualTo(2);
    assertThat(stored.state().processedDepositsB().get(token)).isEqualTo(Uint256.of(deposit));
    assertThat(stored.state().processedDepositsA().get(token)).isEqualTo(Uint256.ZERO);
    assertThat(stored.state().balances().get(token).amount0()).isEqualTo(Uint256.ZERO);
    assertThat(stored.state().balances().get(token).amount1()).isEqualTo(Uint256.of(deposit));
    assertThat(channel.state()).isEqualTo(stored.state());
    assertThat(Conservation.heldAndLocked(stored))
        .isEqualTo(stack.tokenBalance(payer.channel()))
        .isEqualTo(deposit);
  }

  @Test
  void aDepositIsNotCreditedBeforeItIsConfirmationsDeepAndTheRefusalStoresNothing()
      throws Exception {
    stack.confirmWatchAndProcess();
    HttpPayer payer = HttpPayer.newPayer(stack.gateway());
    BigInteger deposit = BigInteger.valueOf(2_500);
    stack.gateway().fund(payer.channel(), deposit);
    assertThat(payer.open().status()).isEqualTo(201);
    stack.anvil().mine((int) EventsStack.CONFIRMATIONS - 2);
    StoredTables tables = StoredTables.of(stack.gateway());
    StoredTables.Snapshot before = tables.snapshot();

    LambdaInvoker.Response early = payer.reconcile(deposit);

    assertThat(early.status()).isEqualTo(402);
    assertThat(early.body()).contains("no_new_deposit");
    assertThat(tables.snapshot()).isEqualTo(before);

    stack.confirm();
    assertThat(payer.reconcile(deposit).status()).isEqualTo(200);
    assertThat(Conservation.heldAndLocked(storedLatest(stack, payer.channel())))
        .isEqualTo(stack.tokenBalance(payer.channel()))
        .isEqualTo(deposit);
  }

  @Test
  void etherDepositIsCredited() throws Exception {
    try (EventsStack ether = EventsStack.start(Map.of("tollgate.asset", Address.ZERO.toString()))) {
      ether.confirmWatchAndProcess();
      HttpPayer payer = HttpPayer.newPayer(ether.gateway());
      BigInteger first = BigInteger.valueOf(3_000_000_000L);
      // Before the channel's contract exists: a plain 21,000-gas transfer to its address.
      sendEther(ether, payer.channel(), first, 21_000);
      assertThat(payer.open().status()).isEqualTo(201);
      ether.confirm();

      LambdaInvoker.Response credited = reconcileEther(payer, first);

      assertThat(credited.status()).as(credited.body()).isEqualTo(200);
      Channel stored = storedLatest(ether, payer.channel());
      int eth = stored.state().assetIndex(Address.ZERO);
      assertThat(eth).isGreaterThanOrEqualTo(0);
      assertThat(stored.state().processedDepositsB().get(eth)).isEqualTo(Uint256.of(first));
      assertThat(stored.state().balances().get(eth).amount1()).isEqualTo(Uint256.of(first));
      assertThat(Conservation.heldAndLocked(stored))
          .isEqualTo(etherBalance(ether, payer.channel()))
          .isEqualTo(first);

      // Once the contract exists, an Ether transfer runs its receive: more gas, the same credit.
      ether.deployChannel(payer.payer().address());
      BigInteger second = BigInteger.valueOf(1_000_000_000L);
      sendEther(ether, payer.channel(), second, 100_000);
      ether.confirm();
      LambdaInvoker.Response again = reconcileEther(payer, first.add(second));

      assertThat(again.status()).as(again.body()).isEqualTo(200);
      Channel after = storedLatest(ether, payer.channel());
      assertThat(after.state().processedDepositsB().get(eth))
          .isEqualTo(Uint256.of(first.add(second)));
      assertThat(after.state().balances().get(eth).amount0()).isEqualTo(Uint256.ZERO);
      assertThat(after.state().balances().get(eth).amount1())
          .isEqualTo(Uint256.of(first.add(second)));
      assertThat(Conservation.heldAndLocked(after))
          .isEqualTo(etherBalance(ether, payer.channel()))
          .isEqualTo(first.add(second));

      // The Ether pays for an article like a token would.
      HttpPayer.Paid paid = payer.get(GatewayStack.ARTICLES + "ether");
      assertThat(paid.status()).isEqualTo(200);
      Channel paidState = storedLatest(ether, payer.channel());
      BigInteger price = GatewayStack.ARTICLE_PRICE;
      assertThat(paidState.state().balances().get(eth).amount0()).isEqualTo(Uint256.of(price));
      assertThat(paidState.state().balances().get(eth).amount1())
          .isEqualTo(Uint256.of(first.add(second).subtract(price)));
      assertThat(Conservation.heldAndLocked(paidState))
          .isEqualTo(etherBalance(ether, payer.channel()));
    }
  }

  /** The payer's deposit update for Ether: it reconciles {@code total} deposited so far. */
  private static LambdaInvoker.Response reconcileEther(HttpPayer payer, BigInteger total) {
    DepositTotals totals = new DepositTotals(Uint256.ZERO, Uint256.of(total));
    ChannelUpdate update = payer.payer().deposit(Address.ZERO, totals, HttpPayer.now());
    LambdaInvoker.Response r =
        payer.post("/channels/" + payer.channel() + "/deposits", HttpPayer.body("update", update));
    if (r.status() == 200) {
      payer
          .payer()
          .accept(
              HttpPayer.updates(r),
              ChainInputs.at(HttpPayer.now()).withDeposits(Address.ZERO, totals));
    }
    return r;
  }

  private static void sendEther(EventsStack on, Address to, BigInteger wei, long gas)
      throws Exception {
    TransactionReceipt receipt =
        new Transfer(
                on.anvil().web3j(),
                Transactions.manager(
                    on.anvil().web3j(), DevAccounts.account(3), AnvilNode.CHAIN_ID))
            .sendFunds(
                ChannelStructs.hex(to),
                new java.math.BigDecimal(wei),
                Convert.Unit.WEI,
                BigInteger.valueOf(2_000_000_000L),
                BigInteger.valueOf(gas))
            .send();
    assertThat(receipt.isStatusOK()).as("the Ether deposit mined: %s", receipt).isTrue();
  }

  private static BigInteger etherBalance(EventsStack on, Address holder) throws Exception {
    return on.anvil()
        .web3j()
        .ethGetBalance(ChannelStructs.hex(holder), DefaultBlockParameterName.LATEST)
        .send()
        .getBalance();
  }

  static Channel storedLatest(EventsStack on, Address channel) {
    return on.context().getBean(ChannelStore.class).load(channel).orElseThrow().latest();
  }
}
