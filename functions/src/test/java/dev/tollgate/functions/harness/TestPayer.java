package dev.tollgate.functions.harness;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.core.protocol.ChannelRules;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.gateway.GatewayNetwork;
import java.security.SecureRandom;
import java.util.List;

/**
 * A payer as a client library would be: its own key and its own view of the channel, built only
 * from what the gateway answered, so every test checks the gateway against an independent party.
 */
public final class TestPayer {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ChannelParty party;
  private final GatewayNetwork network;
  private final Address gateway;
  private Channel view;

  private TestPayer(ChannelParty party, GatewayNetwork network, Address gateway) {
    this.party = party;
    this.network = network;
    this.gateway = gateway;
    this.view =
        Channel.unopened(
            network.channelAddress(gateway, party.signer().address()),
            gateway,
            party.signer().address(),
            network.context());
  }

  public static TestPayer random(GatewayNetwork network, Address gateway, ChannelRules rules) {
    return new TestPayer(new ChannelParty(LocalKeySigner.random(RANDOM), rules), network, gateway);
  }

  /** A payer that kept only its key: its view starts unopened and is rebuilt from history. */
  public static TestPayer restore(ChannelParty party, GatewayNetwork network, Address gateway) {
    return new TestPayer(party, network, gateway);
  }

  /** Another client of the same channel key with its own view, as a second device would be. */
  public TestPayer sameKeyElsewhere() {
    TestPayer twin = new TestPayer(party, network, gateway);
    twin.view = view;
    return twin;
  }

  public Address address() {
    return party.signer().address();
  }

  public Address channelAddress() {
    return view.channelAddress();
  }

  public Channel view() {
    return view;
  }

  public ChannelParty party() {
    return party;
  }

  public ChannelUpdate setup(long timeoutSeconds, long now) {
    return ok(party.propose(
            view,
            new UpdateParams.Setup(Uint256.of(timeoutSeconds), network.context()),
            ChainInputs.at(now)))
        .update();
  }

  public ChannelUpdate deposit(Address asset, DepositTotals totals, long now) {
    return ok(party.propose(
            view, new UpdateParams.Deposit(asset), ChainInputs.at(now).withDeposits(asset, totals)))
        .update();
  }

  /** A hashlock payment of {@code amount} to the gateway, locked to {@code lockHash}. */
  public ChannelUpdate pay(
      Address asset, Uint256 amount, Bytes32 lockHash, Uint256 expiry, long timeout, long now) {
    return ok(party.propose(
            view,
            new UpdateParams.Create(
                asset,
                new Balance(amount, Uint256.ZERO, address(), gateway),
                network.hashlockDefinition(),
                Uint256.of(timeout),
                new HashlockState(lockHash, expiry)),
            ChainInputs.at(now)))
        .update();
  }

  /** Takes in the gateway's answer: the countersigned update and, if any, its own resolve. */
  public void accept(List<ChannelUpdate> answer, ChainInputs inputs) {
    for (ChannelUpdate update : answer) {
      view = ok(party.takeIn(view, update, inputs)).next();
    }
  }

  /**
   * Catches up from the gateway's recorded updates after this payer's nonce. A deposit both parties
   * signed carries the totals they agreed on, which stand in for reading the chain.
   */
  public void sync(List<ChannelUpdate> updates, ChainInputs inputs) {
    for (ChannelUpdate update : updates) {
      if (update.nonce() > view.nonce()) {
        view = ok(party.replay(view, update, inputs.now())).next();
      }
    }
  }

  public Uint256 balanceOf(Address asset, int participant) {
    int index = view.state().assetIndex(asset);
    return view.state().balances().get(index).amount(participant);
  }

  private static <T> T ok(Outcome<T> outcome) {
    if (!outcome.isOk()) {
      throw new AssertionError("the payer's channel-core refused: " + outcome.rejection());
    }
    return outcome.value();
  }
}
