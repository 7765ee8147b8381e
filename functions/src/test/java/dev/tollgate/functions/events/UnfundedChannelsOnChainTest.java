package dev.tollgate.functions.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.core.abi.ChannelAbi;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.GatewayHandler;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.Conservation;
import dev.tollgate.functions.harness.EventsStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.RecordingRpcProxy;
import dev.tollgate.functions.harness.StoredTables;
import io.micronaut.context.ApplicationContext;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Opening channels costs an attacker nothing but a key each; a channel counts for the watcher only
 * once a deposit into it is credited, so channels opened by the dozen add nothing to a watcher run
 * (measured at the node, through a recording proxy in front of anvil), while a funded channel is
 * read. An unfunded channel is not read, so a dispute on it goes unseen: such a channel is never
 * credited a deposit afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnfundedChannelsOnChainTest {
  private static final int SPAM = 40;

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
  void unfundedChannelsAreNotWatched() throws Exception {
    stack.confirmWatchAndProcess();
    HttpPayer funded = HttpPayer.newPayer(stack.gateway());
    assertThat(funded.open().status()).isEqualTo(201);
    BigInteger deposit = BigInteger.valueOf(4_000);
    stack.gateway().fund(funded.channel(), deposit);
    stack.confirm();
    assertThat(funded.reconcile(deposit).status()).isEqualTo(200);

    try (RecordingRpcProxy node = RecordingRpcProxy.of(stack.anvil().rpcUrl());
        ApplicationContext context = watcherContext(node)) {
      WatcherHandler watcher = new WatcherHandler(context);
      stack.confirm();
      watcher.execute(new ScheduledEvent()); // catches up with everything before

      stack.confirm();
      node.clear();
      WatchReport before = watcher.execute(new ScheduledEvent());
      List<JsonNode> baseline = node.requests();

      List<Address> spam = new ArrayList<>();
      for (int i = 0; i < SPAM; i++) {
        HttpPayer opener = HttpPayer.newPayer(stack.gateway());
        assertThat(opener.open().status()).isEqualTo(201);
        spam.add(opener.channel());
      }
      stack.confirm();
      node.clear();
      WatchReport after = watcher.execute(new ScheduledEvent());
      List<JsonNode> spammed = node.requests();

      assertThat(after.ranges()).isEqualTo(before.ranges()).isEqualTo(1);
      assertThat(after.toBlock() - after.fromBlock())
          .isEqualTo(before.toBlock() - before.fromBlock());
      assertThat(methods(spammed))
          .as("the same calls to the node with %d more channels opened", SPAM)
          .isEqualTo(methods(baseline));
      String filters = logFilters(spammed);
      assertThat(filters).contains(hex(funded.channel()));
      for (Address unfunded : spam) {
        assertThat(filters).doesNotContain(hex(unfunded));
      }
      assertThat(filters.length())
          .as("the log filters did not grow")
          .isEqualTo(logFilters(baseline).length());
    }
    assertThat(Conservation.heldAndLocked(funded.payer().view()))
        .isEqualTo(stack.tokenBalance(funded.channel()))
        .isEqualTo(deposit);
  }

  @Test
  void aFundedChannelIsWatched() throws Exception {
    stack.confirmWatchAndProcess();
    HttpPayer payer = HttpPayer.newPayer(stack.gateway());
    BigInteger first = BigInteger.valueOf(2_000);
    stack.gateway().fund(payer.channel(), first);
    assertThat(payer.open().status()).isEqualTo(201);
    stack.confirm();
    assertThat(payer.reconcile(first).status()).isEqualTo(200);
    stack.confirmWatchAndProcess();

    BigInteger second = BigInteger.valueOf(700);
    stack.gateway().fund(payer.channel(), second);
    stack.confirm();
    WatchReport report = stack.watch();
    EventsStack.Processed processed = stack.process();

    assertThat(report.eventsPublished()).isEqualTo(1);
    assertThat(processed).isEqualTo(new EventsStack.Processed(1, 0));
    assertThat(payer.reconcile(second).status()).isEqualTo(200);
    assertThat(Conservation.heldAndLocked(payer.payer().view()))
        .isEqualTo(stack.tokenBalance(payer.channel()))
        .isEqualTo(first.add(second));
  }

  @Test
  void aChannelDisputedWhileUnfundedIsNeverCredited() throws Exception {
    HttpPayer payer = HttpPayer.newPayer(stack.gateway());
    assertThat(payer.open().status()).isEqualTo(201);
    Channel setUp = payer.payer().view();
    ChannelUpdate setup = setUp.latestUpdate().orElseThrow();
    stack.deployChannel(payer.payer().address());
    disputeOnChain(payer.channel(), setUp, setup);
    BigInteger deposit = BigInteger.valueOf(3_000);
    stack.gateway().fund(payer.channel(), deposit);
    stack.confirmWatchAndProcess();
    StoredTables tables = StoredTables.of(stack.gateway());
    StoredTables.Snapshot before = tables.snapshot();

    LambdaInvoker.Response refused = payer.reconcile(deposit);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body()).contains("channel_disputed").contains(payer.channel().toString());
    assertThat(tables.snapshot()).isEqualTo(before);
    assertThat(UncreditedDepositsOnChainTest.storedLatest(stack, payer.channel()).nonce())
        .isEqualTo(1);
    assertThat(stack.tokenBalance(payer.channel())).isEqualTo(deposit);
  }

  /**
   * Sends {@code disputeChannel} with {@code state}, the call data written out here: web3j derives
   * a function's selector from its arguments' values, and from an empty array of structs (a state
   * with no assets) it derives the wrong one.
   */
  private void disputeOnChain(Address channel, Channel state, ChannelUpdate signed)
      throws Exception {
    String selector =
        org.web3j.crypto.Hash.sha3String(
                "disputeChannel((address,address,address,address[],(uint256[2],address[2])[],"
                    + "uint256[],uint256[],uint256[],uint256,uint256,bytes32),bytes,bytes)")
            .substring(0, 10);
    byte[] encoded = ChannelAbi.encode(state.state());
    byte[] tuple = java.util.Arrays.copyOfRange(encoded, 32, encoded.length);
    byte[] alice = signed.aliceSignature().orElseThrow().toArray();
    byte[] bob = signed.bobSignature().orElseThrow().toArray();
    java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
    data.write(word(96));
    data.write(word(96 + tuple.length));
    data.write(word(96 + tuple.length + 32 + padded(alice.length)));
    data.write(tuple);
    data.write(word(alice.length));
    data.write(java.util.Arrays.copyOf(alice, padded(alice.length)));
    data.write(word(bob.length));
    data.write(java.util.Arrays.copyOf(bob, padded(bob.length)));
    String input = selector + dev.tollgate.core.value.Hex.encode(data.toByteArray()).substring(2);
    var web3j = stack.anvil().web3j();
    var sent =
        stack
            .bystander()
            .sendTransaction(
                web3j.ethGasPrice().send().getGasPrice().multiply(BigInteger.TWO),
                BigInteger.valueOf(1_000_000L),
                ChannelStructs.hex(channel),
                input,
                BigInteger.ZERO);
    assertThat(sent.getError())
        .as(
            "the node took the dispute: %s",
            sent.getError() == null ? "" : sent.getError().getMessage())
        .isNull();
    var receipt =
        new org.web3j.tx.response.PollingTransactionReceiptProcessor(web3j, 50, 100)
            .waitForTransactionReceipt(sent.getTransactionHash());
    assertThat(receipt.isStatusOK()).as("the dispute mined: %s", receipt).isTrue();
  }

  private static byte[] word(long value) {
    byte[] w = new byte[32];
    for (int i = 0; i < 8; i++) {
      w[31 - i] = (byte) (value >>> (8 * i));
    }
    return w;
  }

  private static int padded(int length) {
    return (length + 31) / 32 * 32;
  }

  /** The event functions' configuration, their node reached through {@code node}. */
  private ApplicationContext watcherContext(RecordingRpcProxy node) {
    Map<String, Object> properties = new HashMap<>(stack.gateway().properties());
    properties.put("tollgate.chain.rpc-url", node.url());
    return GatewayHandler.contextBuilder().properties(properties).build();
  }

  private static List<String> methods(List<JsonNode> requests) {
    return requests.stream().map(r -> r.path("method").asText()).toList();
  }

  /** Every eth_getLogs filter sent, as text in lower case. */
  private static String logFilters(List<JsonNode> requests) {
    StringBuilder out = new StringBuilder();
    for (JsonNode r : requests) {
      if (r.path("method").asText().equals("eth_getLogs")) {
        JsonNode filter = r.path("params").path(0).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) filter).remove("fromBlock");
        ((com.fasterxml.jackson.databind.node.ObjectNode) filter).remove("toBlock");
        out.append(filter.toString().toLowerCase(Locale.ROOT));
      }
    }
    return out.toString();
  }

  private static String hex(Address address) {
    return address.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
