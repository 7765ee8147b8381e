package dev.tollgate.core.protocol;

import static dev.tollgate.core.failure.FailureReason.BAD_SIGNATURE;

import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Signature;
import java.util.Optional;

/**
 * One side of a channel: proposes updates, countersigns the other side's, and takes in
 * countersigned ones. It holds no channel: callers pass the current one in and store what comes
 * back, so the same object serves every channel a gateway has.
 */
public final class ChannelParty {
  private final Signer signer;
  private final ChannelRules rules;

  public ChannelParty(Signer signer, ChannelRules rules) {
    this.signer = signer;
    this.rules = rules;
  }

  public Signer signer() {
    return signer;
  }

  public ChannelRules rules() {
    return rules;
  }

  /** Builds and signs an update; the result is pending until the counterparty countersigns it. */
  public Outcome<Transition> propose(Channel channel, UpdateParams params, ChainInputs inputs) {
    return UpdateBuilder.build(channel, signer.address(), params, inputs, rules).map(this::signed);
  }

  /** Validates an inbound update signed by its initiator and adds this party's signature. */
  public Outcome<Transition> countersign(
      Channel channel, ChannelUpdate inbound, ChainInputs inputs) {
    if (inbound.fromIdentifier().equals(signer.address())) {
      return Outcome.fail(
          BAD_SIGNATURE, "update claims to come from this party " + signer.address());
    }
    return UpdateApplier.applyUpdate(channel, inbound, inputs, rules).map(this::signed);
  }

  /**
   * Takes in an update both parties have signed: the answer to this party's proposal, or the
   * counterparty's latest update when syncing. {@code channel} is the state before that update.
   */
  public Outcome<Transition> acceptDoubleSigned(
      Channel channel, ChannelUpdate update, ChainInputs inputs) {
    if (!update.isDoubleSigned()) {
      return Outcome.fail(
          BAD_SIGNATURE, "update at nonce " + update.nonce() + " is missing a signature");
    }
    return UpdateApplier.applyUpdate(channel, update, inputs, rules);
  }

  /**
   * Takes in an update the counterparty sent or recorded: one both parties signed as it is (see
   * {@link #acceptDoubleSigned}), one only its initiator signed countersigned (see {@link
   * #countersign}). How a party follows the other side's answers.
   */
  public Outcome<Transition> takeIn(Channel channel, ChannelUpdate update, ChainInputs inputs) {
    return update.isDoubleSigned()
        ? acceptDoubleSigned(channel, update, inputs)
        : countersign(channel, update, inputs);
  }

  /**
   * Replays {@code update} from the counterparty's recorded history at {@code now}, for a party
   * catching up without reading the chain: a deposit update carries the totals both parties signed
   * for, which stand in for the chain's.
   */
  public Outcome<Transition> replay(Channel channel, ChannelUpdate update, long now) {
    ChainInputs inputs = ChainInputs.at(now);
    if (update.details() instanceof UpdateDetails.Deposit d) {
      inputs =
          inputs.withDeposits(
              update.assetId(), new DepositTotals(d.totalDepositsAlice(), d.totalDepositsBob()));
    }
    return takeIn(channel, update, inputs);
  }

  private Transition signed(Transition t) {
    Optional<Signature> mine = Optional.of(signer.sign(t.stateDigest()));
    boolean iAmAlice = signer.address().equals(t.next().state().alice());
    ChannelUpdate u = t.update();
    ChannelUpdate signedUpdate =
        iAmAlice
            ? u.withSignatures(mine, u.bobSignature())
            : u.withSignatures(u.aliceSignature(), mine);
    return t.withUpdate(signedUpdate);
  }
}
