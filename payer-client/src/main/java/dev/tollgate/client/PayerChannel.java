package dev.tollgate.client;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.failure.FailureReason;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.TransferMeta;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.ResendProof;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.refusal.PaywallReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The payer's side of its one channel: its key (bob), its view built only from updates its own
 * channel-core accepted, and the file that view is saved to after every change.
 *
 * <p>Every change to the view happens under {@link #lock()}: one update in flight per channel, so
 * parallel callers never build two updates on the same nonce. Reads ({@link #view()}) need no lock.
 */
final class PayerChannel {
  private final ChannelParty party;
  private final GatewayInfo gateway;
  private final ChannelStateFile file;
  // fair: parallel callers pay in the order they asked, none waits behind a stream of others
  private final ReentrantLock lock = new ReentrantLock(true);
  private volatile Channel view;

  private PayerChannel(ChannelParty party, GatewayInfo gateway, ChannelStateFile file, Channel v) {
    this.party = party;
    this.gateway = gateway;
    this.file = file;
    this.view = v;
  }

  /** The channel from {@code file}, or an unopened one when there is no file yet. */
  static PayerChannel restore(ChannelParty party, GatewayInfo gateway, ChannelStateFile file)
      throws ChannelStateException {
    Address payer = party.signer().address();
    Channel unopened =
        Channel.unopened(
            gateway.channelAddress(payer), gateway.address(), payer, gateway.networkContext());
    return new PayerChannel(party, gateway, file, file.load(unopened).orElse(unopened));
  }

  ReentrantLock lock() {
    return lock;
  }

  Channel view() {
    return view;
  }

  Address address() {
    return view.channelAddress();
  }

  Address payer() {
    return party.signer().address();
  }

  /**
   * The {@code TOLLGATE-RESEND} value for the {@code n}th re-send of {@code create}: the gateway
   * serves a payment it already took again only to its payer, once per number.
   */
  String resendProof(ChannelUpdate create, int n) {
    Bytes32 transferId = ((UpdateDetails.Create) create.details()).transferId();
    return ResendProof.sign(party.signer(), create.channelAddress(), transferId, n).headerValue();
  }

  /** What the payer may still spend of {@code asset}: bob's balance, zero if never deposited. */
  Uint256 balance(Address asset) {
    CoreChannelState s = view.state();
    int i = s.assetIndex(asset);
    return i < 0 ? Uint256.ZERO : s.balances().get(i).amount(1);
  }

  /** The payer's deposits of {@code asset} the channel has reconciled so far. */
  Uint256 processedDeposits(Address asset) {
    CoreChannelState s = view.state();
    int i = s.assetIndex(asset);
    return i < 0 ? Uint256.ZERO : s.processedDepositsB().get(i);
  }

  /** The gateway's reconciled deposits of {@code asset}, which a payer's deposit leaves as is. */
  Uint256 gatewayDeposits(Address asset) {
    CoreChannelState s = view.state();
    int i = s.assetIndex(asset);
    return i < 0 ? Uint256.ZERO : s.processedDepositsA().get(i);
  }

  // ---- proposals: built and signed by channel-core, on the current view ----

  ChannelUpdate setup(Uint256 timeoutSeconds, long now) throws ChannelStateException {
    requireLocked();
    return proposed(
        "setup",
        party.propose(
            view,
            new UpdateParams.Setup(timeoutSeconds, gateway.networkContext()),
            ChainInputs.at(now)));
  }

  ChannelUpdate deposit(Address asset, DepositTotals totals, long now)
      throws ChannelStateException {
    requireLocked();
    return proposed(
        "deposit",
        party.propose(
            view,
            new UpdateParams.Deposit(asset),
            ChainInputs.at(now).withDeposits(asset, totals)));
  }

  /**
   * The hashlock create paying {@code accepted} to the gateway, checked against the balance before
   * anything is signed.
   */
  ChannelUpdate create(PaymentRequirements accepted, long now) throws TollgateException {
    requireLocked();
    if (!view.isSetUp()) {
      throw new PaymentRefusedException(
          PaywallReason.CHANNEL_NOT_OPEN.httpStatus(),
          PaywallReason.CHANNEL_NOT_OPEN.errorReason(),
          "channel " + address() + " is not open yet: open() it and deposit first");
    }
    Uint256 balance = balance(accepted.asset());
    if (balance.compareTo(accepted.amount()) < 0) {
      throw new InsufficientBalanceException(accepted.asset(), accepted.amount(), balance);
    }
    UpdateParams.Create params =
        new UpdateParams.Create(
            accepted.asset(),
            new Balance(accepted.amount(), Uint256.ZERO, payer(), gateway.address()),
            accepted.extra().transferDefinition(),
            accepted.extra().transferTimeout(),
            new HashlockState(accepted.extra().lockHash(), accepted.extra().lockExpiry()),
            // Through a hub: vector's routing data tells it where to forward (not signed).
            accepted
                .extra()
                .route()
                .map(r -> r.meta(view.network().chainId(), accepted.asset()).toMeta())
                .orElse(TransferMeta.NONE));
    Outcome<Transition> proposed = party.propose(view, params, ChainInputs.at(now));
    if (!proposed.isOk() && proposed.rejection().reason() == FailureReason.INSUFFICIENT_BALANCE) {
      throw new InsufficientBalanceException(accepted.asset(), accepted.amount(), balance);
    }
    if (!proposed.isOk()) {
      throw new PaymentRefusedException(
          402,
          proposed.rejection().reason().errorReason(),
          "this client's channel-core will not build the payment: "
              + proposed.rejection().detail());
    }
    return proposed.value().update();
  }

  // ---- taking in what the gateway signed ----

  /**
   * Takes in the gateway's answer to a proposal ({@code POST /channels}, {@code /deposits}): each
   * update checked by channel-core, then the view saved.
   */
  void accept(List<ChannelUpdate> answer, ChainInputs inputs) throws TollgateException {
    requireLocked();
    Channel next = view;
    for (ChannelUpdate update : answer) {
      next = applied(next, update, inputs, "the gateway's answer");
    }
    commit(next);
  }

  /**
   * Takes in a settled payment: the create this client sent, now countersigned, and the gateway's
   * resolve of exactly that transfer, both checked by channel-core before the view moves.
   */
  void acceptPayment(ChannelUpdate sent, SettlementResponse settled, long now)
      throws TollgateException {
    requireLocked();
    ChannelUpdate create =
        settled.createUpdate().orElseThrow(() -> bad("a settled payment without its create"));
    ChannelUpdate resolve =
        settled.resolveUpdate().orElseThrow(() -> bad("a settled payment without its resolve"));
    if (create.nonce() != sent.nonce() || !create.details().equals(sent.details())) {
      throw bad("the countersigned create at nonce " + create.nonce() + " is not the one sent");
    }
    Bytes32 transferId = ((UpdateDetails.Create) sent.details()).transferId();
    if (!(resolve.details() instanceof UpdateDetails.Resolve r)
        || !r.transferId().equals(transferId)) {
      throw bad("the gateway's resolve does not resolve transfer " + transferId);
    }
    ChainInputs inputs = ChainInputs.at(now);
    Channel next = applied(view, create, inputs, "the countersigned create");
    next = applied(next, resolve, inputs, "the gateway's resolve");
    commit(next);
  }

  /**
   * Catches up from the gateway's recorded history: every update after this view's nonce, checked
   * by channel-core. A deposit both parties signed carries the totals they agreed on, which stand
   * in for reading the chain. Stops at the first update it refuses, keeping what it took before.
   *
   * @return the updates taken in, oldest first
   */
  List<ChannelUpdate> catchUp(List<ChannelUpdate> history, long now) throws TollgateException {
    requireLocked();
    Channel next = view;
    List<ChannelUpdate> taken = new ArrayList<>();
    for (ChannelUpdate update : history) {
      if (update.nonce() <= next.nonce()) {
        continue;
      }
      try {
        next = checked(next, update, party.replay(next, update, now), "the gateway's history");
        taken.add(update);
      } catch (ChannelStateException e) {
        if (next != view) {
          commit(next);
        }
        throw e;
      }
    }
    if (next != view) {
      commit(next);
    }
    return taken;
  }

  private Channel applied(Channel from, ChannelUpdate update, ChainInputs inputs, String what)
      throws ChannelStateException {
    return checked(from, update, party.takeIn(from, update, inputs), what);
  }

  /** {@code update}'s outcome on {@code from}: the next channel, or why it is refused. */
  private static Channel checked(
      Channel from, ChannelUpdate update, Outcome<Transition> outcome, String what)
      throws ChannelStateException {
    if (update.nonce() != from.nonce() + 1) {
      throw bad(
          what + " has nonce " + update.nonce() + " where " + (from.nonce() + 1) + " is next");
    }
    if (!outcome.isOk()) {
      throw bad(what + " at nonce " + update.nonce() + " is refused: " + outcome.rejection());
    }
    return outcome.value().next();
  }

  /** The view moves first (it is what the gateway holds); a failed save is reported after. */
  private void commit(Channel next) throws TollgateException {
    view = next;
    try {
      file.save(next);
    } catch (IOException e) {
      throw new TollgateException(
          "the channel moved to nonce "
              + next.nonce()
              + " but the state file "
              + file.path()
              + " could not be written ("
              + e
              + "); a restarted client catches up from the gateway",
          e);
    }
  }

  private ChannelUpdate proposed(String what, Outcome<Transition> outcome)
      throws ChannelStateException {
    if (!outcome.isOk()) {
      throw new ChannelStateException(
          "this client's channel-core will not build the " + what + ": " + outcome.rejection());
    }
    return outcome.value().update();
  }

  private void requireLocked() {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("the channel's lock must be held to change it");
    }
  }

  private static ChannelStateException bad(String message) {
    return new ChannelStateException(message);
  }
}
