package dev.tollgate.core.protocol;

import static dev.tollgate.core.failure.FailureReason.AMOUNT_OUT_OF_RANGE;
import static dev.tollgate.core.failure.FailureReason.CHANNEL_ALREADY_SET_UP;
import static dev.tollgate.core.failure.FailureReason.CHANNEL_NOT_SET_UP;
import static dev.tollgate.core.failure.FailureReason.CHANNEL_TIMEOUT_OUT_OF_RANGE;
import static dev.tollgate.core.failure.FailureReason.DEPOSIT_TOTALS_DECREASED;
import static dev.tollgate.core.failure.FailureReason.DUPLICATE_TRANSFER;
import static dev.tollgate.core.failure.FailureReason.INSUFFICIENT_BALANCE;
import static dev.tollgate.core.failure.FailureReason.INVALID_RESOLVER;
import static dev.tollgate.core.failure.FailureReason.MALFORMED_UPDATE;
import static dev.tollgate.core.failure.FailureReason.NETWORK_MISMATCH;
import static dev.tollgate.core.failure.FailureReason.NOT_A_PARTICIPANT;
import static dev.tollgate.core.failure.FailureReason.NO_NEW_DEPOSIT;
import static dev.tollgate.core.failure.FailureReason.RESOLVER_NOT_RESPONDER;
import static dev.tollgate.core.failure.FailureReason.TOO_MANY_ASSETS;
import static dev.tollgate.core.failure.FailureReason.TOO_MANY_TRANSFERS;
import static dev.tollgate.core.failure.FailureReason.TRANSFER_TIMEOUT_OUT_OF_RANGE;
import static dev.tollgate.core.failure.FailureReason.UNKNOWN_ASSET;
import static dev.tollgate.core.failure.FailureReason.UNKNOWN_TRANSFER;
import static dev.tollgate.core.failure.FailureReason.UNKNOWN_TRANSFER_DEFINITION;

import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.channel.CoreTransferState;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.failure.Rejection;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.transfer.TransferDefinition;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns an initiator's params into the unsigned update and the channel it leads to. The proposer
 * calls it to build an update; the receiver calls it with the params read back out of an inbound
 * update and requires the result to be identical. Every update rule lives here, once.
 */
public final class UpdateBuilder {
  private UpdateBuilder() {}

  public static Outcome<Transition> build(
      Channel channel,
      Address initiator,
      UpdateParams params,
      ChainInputs inputs,
      ChannelRules rules) {
    CoreChannelState s = channel.state();
    Address responder;
    if (initiator.equals(s.alice())) {
      responder = s.bob();
    } else if (initiator.equals(s.bob())) {
      responder = s.alice();
    } else {
      return Outcome.fail(
          NOT_A_PARTICIPANT,
          initiator + " is neither alice (" + s.alice() + ") nor bob (" + s.bob() + ")");
    }
    if (params instanceof UpdateParams.Setup setup) {
      return setup(channel, initiator, responder, setup, rules);
    }
    if (!channel.isSetUp()) {
      return Outcome.fail(
          CHANNEL_NOT_SET_UP, "channel " + channel.channelAddress() + " has not been set up");
    }
    if (params instanceof UpdateParams.Deposit deposit) {
      return deposit(channel, initiator, responder, deposit, inputs, rules);
    }
    if (params instanceof UpdateParams.Create create) {
      return create(channel, initiator, responder, create, inputs, rules);
    }
    return resolve(channel, initiator, responder, (UpdateParams.Resolve) params, inputs, rules);
  }

  private static Outcome<Transition> setup(
      Channel channel,
      Address initiator,
      Address responder,
      UpdateParams.Setup p,
      ChannelRules rules) {
    if (channel.isSetUp()) {
      return Outcome.fail(
          CHANNEL_ALREADY_SET_UP,
          "channel " + channel.channelAddress() + " is already at nonce " + channel.nonce());
    }
    if (!p.networkContext().equals(channel.network())) {
      return Outcome.fail(
          NETWORK_MISMATCH,
          "setup names network "
              + p.networkContext()
              + " but the channel is on "
              + channel.network());
    }
    BigInteger t = p.timeout().value();
    if (t.compareTo(BigInteger.valueOf(rules.minChannelTimeoutSeconds())) < 0
        || t.compareTo(BigInteger.valueOf(rules.maxChannelTimeoutSeconds())) > 0) {
      return Outcome.fail(
          CHANNEL_TIMEOUT_OUT_OF_RANGE,
          "channel timeout "
              + t
              + "s is outside ["
              + rules.minChannelTimeoutSeconds()
              + ", "
              + rules.maxChannelTimeoutSeconds()
              + "]");
    }
    CoreChannelState s = channel.state();
    CoreChannelState next =
        new CoreChannelState(
            s.channelAddress(),
            s.alice(),
            s.bob(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            p.timeout(),
            s.nonce() + 1,
            Bytes32.ZERO);
    ChannelUpdate update =
        unsignedUpdate(
            channel,
            initiator,
            responder,
            Balance.zero(s.alice(), s.bob()),
            Address.ZERO,
            new UpdateDetails.Setup(p.timeout(), p.networkContext()));
    return Outcome.ok(transition(channel, next, channel.activeTransfers(), update));
  }

  private static Outcome<Transition> deposit(
      Channel channel,
      Address initiator,
      Address responder,
      UpdateParams.Deposit p,
      ChainInputs inputs,
      ChannelRules rules) {
    CoreChannelState s = channel.state();
    Address asset = p.assetId();
    Optional<DepositTotals> chain = inputs.depositTotals(asset);
    if (chain.isEmpty()) {
      return Outcome.fail(
          NO_NEW_DEPOSIT, "no on-chain deposit totals are known for asset " + asset);
    }
    int index = s.assetIndex(asset);
    boolean newAsset = index < 0;
    if (newAsset && s.assetIds().size() >= rules.maxAssets()) {
      return Outcome.fail(
          TOO_MANY_ASSETS,
          "channel already holds "
              + s.assetIds().size()
              + " assets (limit "
              + rules.maxAssets()
              + ")");
    }
    Balance balance = newAsset ? Balance.zero(s.alice(), s.bob()) : s.balances().get(index);
    Uint256 processedA = newAsset ? Uint256.ZERO : s.processedDepositsA().get(index);
    Uint256 processedB = newAsset ? Uint256.ZERO : s.processedDepositsB().get(index);
    DepositTotals totals = chain.get();
    if (totals.alice().compareTo(processedA) < 0 || totals.bob().compareTo(processedB) < 0) {
      return Outcome.fail(
          DEPOSIT_TOTALS_DECREASED,
          "on-chain totals ("
              + totals.alice()
              + ", "
              + totals.bob()
              + ") are below the processed deposits ("
              + processedA
              + ", "
              + processedB
              + ") of asset "
              + asset);
    }
    if (totals.alice().equals(processedA) && totals.bob().equals(processedB)) {
      return Outcome.fail(NO_NEW_DEPOSIT, "no unprocessed deposit of asset " + asset);
    }
    Optional<Uint256> a =
        Uint256.tryOf(
            balance.amount0().value().add(totals.alice().value()).subtract(processedA.value()));
    Optional<Uint256> b =
        Uint256.tryOf(
            balance.amount1().value().add(totals.bob().value()).subtract(processedB.value()));
    if (a.isEmpty() || b.isEmpty()) {
      return Outcome.fail(
          AMOUNT_OUT_OF_RANGE, "reconciled balance of asset " + asset + " exceeds uint256");
    }
    Balance reconciled = balance.withAmounts(a.get(), b.get());

    List<Address> assetIds = new ArrayList<>(s.assetIds());
    List<Balance> balances = new ArrayList<>(s.balances());
    List<Uint256> depositsA = new ArrayList<>(s.processedDepositsA());
    List<Uint256> depositsB = new ArrayList<>(s.processedDepositsB());
    List<Uint256> defundNonces = new ArrayList<>(s.defundNonces());
    if (newAsset) {
      assetIds.add(asset);
      balances.add(reconciled);
      depositsA.add(totals.alice());
      depositsB.add(totals.bob());
      defundNonces.add(Uint256.ONE);
    } else {
      balances.set(index, reconciled);
      depositsA.set(index, totals.alice());
      depositsB.set(index, totals.bob());
    }
    CoreChannelState next =
        new CoreChannelState(
            s.channelAddress(),
            s.alice(),
            s.bob(),
            assetIds,
            balances,
            depositsA,
            depositsB,
            defundNonces,
            s.timeout(),
            s.nonce() + 1,
            s.merkleRoot());
    ChannelUpdate update =
        unsignedUpdate(
            channel,
            initiator,
            responder,
            reconciled,
            asset,
            new UpdateDetails.Deposit(totals.alice(), totals.bob()));
    return Outcome.ok(transition(channel, next, channel.activeTransfers(), update));
  }

  private static Outcome<Transition> create(
      Channel channel,
      Address initiator,
      Address responder,
      UpdateParams.Create p,
      ChainInputs inputs,
      ChannelRules rules) {
    CoreChannelState s = channel.state();
    Optional<TransferDefinition> definition = rules.registry().lookup(p.transferDefinition());
    if (definition.isEmpty()) {
      return Outcome.fail(
          UNKNOWN_TRANSFER_DEFINITION,
          "transfer definition " + p.transferDefinition() + " is not registered");
    }
    Balance tb = p.balance();
    if (!tb.to0().equals(initiator) || !tb.to1().equals(responder)) {
      return Outcome.fail(
          MALFORMED_UPDATE,
          "transfer balance must pay [initiator "
              + initiator
              + ", responder "
              + responder
              + "], got ["
              + tb.to0()
              + ", "
              + tb.to1()
              + "]");
    }
    int index = s.assetIndex(p.assetId());
    if (index < 0) {
      return Outcome.fail(
          UNKNOWN_ASSET, "asset " + p.assetId() + " has no balance in this channel");
    }
    BigInteger timeout = p.transferTimeout().value();
    BigInteger maxTimeout =
        BigInteger.valueOf(rules.maxTransferTimeoutSeconds()).min(s.timeout().value());
    if (timeout.compareTo(BigInteger.valueOf(rules.minTransferTimeoutSeconds())) < 0
        || timeout.compareTo(maxTimeout) > 0) {
      return Outcome.fail(
          TRANSFER_TIMEOUT_OUT_OF_RANGE,
          "transfer timeout "
              + timeout
              + "s is outside ["
              + rules.minTransferTimeoutSeconds()
              + ", "
              + maxTimeout
              + "] (capped by the channel timeout)");
    }
    if (channel.activeTransfers().size() >= rules.maxActiveTransfers()) {
      return Outcome.fail(
          TOO_MANY_TRANSFERS,
          "channel already has "
              + channel.activeTransfers().size()
              + " active transfers (limit "
              + rules.maxActiveTransfers()
              + ")");
    }
    Bytes32 transferId =
        ChannelHashes.transferId(
            p.transferDefinition(), s.channelAddress(), p.transferTimeout(), s.nonce());
    if (channel.activeTransfers().containsKey(transferId)) {
      return Outcome.fail(DUPLICATE_TRANSFER, "transfer " + transferId + " is already active");
    }
    Optional<Rejection> refused =
        definition.get().checkCreate(tb, p.transferInitialState(), inputs.now());
    if (refused.isPresent()) {
      return Outcome.fail(refused.get());
    }

    int initiatorSide = initiator.equals(s.alice()) ? 0 : 1;
    Balance channelBalance = s.balances().get(index);
    BigInteger initiatorLeft =
        channelBalance.amount(initiatorSide).value().subtract(tb.amount0().value());
    BigInteger responderLeft =
        channelBalance.amount(1 - initiatorSide).value().subtract(tb.amount1().value());
    if (initiatorLeft.signum() < 0 || responderLeft.signum() < 0) {
      return Outcome.fail(
          INSUFFICIENT_BALANCE,
          "transfer of ["
              + tb.amount0()
              + ", "
              + tb.amount1()
              + "] exceeds the channel balance ["
              + channelBalance.amount(initiatorSide)
              + ", "
              + channelBalance.amount(1 - initiatorSide)
              + "] of asset "
              + p.assetId());
    }
    Balance nextBalance =
        initiatorSide == 0
            ? channelBalance.withAmounts(Uint256.of(initiatorLeft), Uint256.of(responderLeft))
            : channelBalance.withAmounts(Uint256.of(responderLeft), Uint256.of(initiatorLeft));

    CoreTransferState transfer =
        new CoreTransferState(
            s.channelAddress(),
            transferId,
            p.transferDefinition(),
            initiator,
            responder,
            p.assetId(),
            tb,
            p.transferTimeout(),
            p.transferInitialState().hash());
    TreeMap<Bytes32, ActiveTransfer> active = new TreeMap<>(channel.activeTransfers());
    active.put(transferId, ActiveTransfer.of(transfer, p.transferInitialState(), s.nonce()));
    Bytes32 root = ActiveTransfer.merkleRoot(active);

    CoreChannelState next = withBalance(s, index, nextBalance, root);
    ChannelUpdate update =
        unsignedUpdate(
            channel,
            initiator,
            responder,
            nextBalance,
            p.assetId(),
            new UpdateDetails.Create(
                transferId,
                tb,
                p.transferDefinition(),
                p.transferTimeout(),
                p.transferInitialState(),
                List.of(definition.get().stateEncoding(), definition.get().resolverEncoding()),
                root,
                p.meta()));
    return Outcome.ok(transition(channel, next, active, update));
  }

  private static Outcome<Transition> resolve(
      Channel channel,
      Address initiator,
      Address responder,
      UpdateParams.Resolve p,
      ChainInputs inputs,
      ChannelRules rules) {
    CoreChannelState s = channel.state();
    ActiveTransfer transfer = channel.activeTransfers().get(p.transferId());
    if (transfer == null) {
      return Outcome.fail(
          UNKNOWN_TRANSFER, "transfer " + p.transferId() + " is not active in this channel");
    }
    CoreTransferState t = transfer.core();
    if (!initiator.equals(t.responder())) {
      return Outcome.fail(
          RESOLVER_NOT_RESPONDER,
          "only the responder " + t.responder() + " may resolve transfer " + t.transferId());
    }
    Optional<TransferDefinition> definition = rules.registry().lookup(t.transferDefinition());
    if (definition.isEmpty()) {
      return Outcome.fail(
          UNKNOWN_TRANSFER_DEFINITION,
          "transfer definition " + t.transferDefinition() + " is no longer registered");
    }
    Outcome<Balance> resolved =
        definition
            .get()
            .resolve(t.balance(), transfer.initialState(), p.transferResolver(), inputs.now());
    if (!resolved.isOk()) {
      return Outcome.fail(resolved.rejection());
    }
    Balance finalBalance = resolved.value();
    if (finalBalance.total().compareTo(t.balance().total()) > 0
        || !finalBalance.to0().equals(t.balance().to0())
        || !finalBalance.to1().equals(t.balance().to1())) {
      return Outcome.fail(
          INVALID_RESOLVER, "resolved balance " + finalBalance + " pays out more than was locked");
    }

    int index = s.assetIndex(t.assetId());
    Balance channelBalance = s.balances().get(index);
    BigInteger[] amounts = {channelBalance.amount0().value(), channelBalance.amount1().value()};
    for (int i = 0; i < 2; i++) {
      int side = finalBalance.to(i).equals(s.alice()) ? 0 : 1;
      amounts[side] = amounts[side].add(finalBalance.amount(i).value());
    }
    Optional<Uint256> a = Uint256.tryOf(amounts[0]);
    Optional<Uint256> b = Uint256.tryOf(amounts[1]);
    if (a.isEmpty() || b.isEmpty()) {
      return Outcome.fail(
          AMOUNT_OUT_OF_RANGE, "channel balance of asset " + t.assetId() + " would exceed uint256");
    }
    Balance nextBalance = channelBalance.withAmounts(a.get(), b.get());
    TreeMap<Bytes32, ActiveTransfer> active = new TreeMap<>(channel.activeTransfers());
    active.remove(p.transferId());
    Bytes32 root = ActiveTransfer.merkleRoot(active);

    CoreChannelState next = withBalance(s, index, nextBalance, root);
    ChannelUpdate update =
        unsignedUpdate(
            channel,
            initiator,
            responder,
            nextBalance,
            t.assetId(),
            new UpdateDetails.Resolve(
                t.transferId(), t.transferDefinition(), p.transferResolver(), root));
    return Outcome.ok(transition(channel, next, active, update));
  }

  private static Transition transition(
      Channel before,
      CoreChannelState next,
      SortedMap<Bytes32, ActiveTransfer> activeTransfers,
      ChannelUpdate update) {
    return Transition.of(
        new Channel(next, before.network(), Optional.of(update), activeTransfers), update);
  }

  private static CoreChannelState withBalance(
      CoreChannelState s, int index, Balance balance, Bytes32 merkleRoot) {
    List<Balance> balances = new ArrayList<>(s.balances());
    balances.set(index, balance);
    return new CoreChannelState(
        s.channelAddress(),
        s.alice(),
        s.bob(),
        s.assetIds(),
        balances,
        s.processedDepositsA(),
        s.processedDepositsB(),
        s.defundNonces(),
        s.timeout(),
        s.nonce() + 1,
        merkleRoot);
  }

  private static ChannelUpdate unsignedUpdate(
      Channel channel,
      Address from,
      Address to,
      Balance balance,
      Address assetId,
      UpdateDetails details) {
    return new ChannelUpdate(
        channel.channelAddress(),
        from,
        to,
        channel.nonce() + 1,
        balance,
        assetId,
        details,
        Optional.empty(),
        Optional.empty());
  }
}
