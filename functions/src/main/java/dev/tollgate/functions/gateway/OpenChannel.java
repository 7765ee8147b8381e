package dev.tollgate.functions.gateway;

import dev.tollgate.core.failure.FailureReason;
import dev.tollgate.core.failure.Rejection;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateType;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;
import java.util.Optional;

/**
 * A payer opens a channel with the gateway: it proposes the setup (the gateway is alice, the payer
 * bob) and the gateway countersigns once the channel address is the one the factory will deploy for
 * this pair on this chain, so the state it signs can be enforced there.
 *
 * <p>A new channel takes a unit of the caller's and the payer's setup allowance ({@link
 * SetupRateLimit}) after its setup has passed every check and just before it is stored; a repeat of
 * a stored setup is answered as recorded and takes nothing.
 */
public final class OpenChannel {
  private final InboundUpdates updates;
  private final GatewayNetwork network;
  private final Clock clock;
  private final SetupRateLimit limit;

  public OpenChannel(
      InboundUpdates updates, GatewayNetwork network, Clock clock, SetupRateLimit limit) {
    this.updates = updates;
    this.network = network;
    this.clock = clock;
    this.limit = limit;
  }

  /** Seconds a rate-limited caller should wait: the {@code Retry-After} of a refusal. */
  public long retryAfterSeconds() {
    return limit.retryAfterSeconds();
  }

  /**
   * Opens the channel {@code setup} proposes, for a caller at {@code source} (its IP address as the
   * API saw it).
   */
  public Checked<Accepted> open(ChannelUpdate setup, String source) {
    if (setup.type() != UpdateType.SETUP) {
      return Checked.refused(
          GatewayReason.WRONG_UPDATE_TYPE,
          "a channel opens with a SETUP update, got " + setup.type());
    }
    Address gateway = updates.gateway().signer().address();
    if (!setup.toIdentifier().equals(gateway)) {
      return Checked.refused(
          GatewayReason.NOT_THIS_GATEWAY,
          "setup is addressed to " + setup.toIdentifier() + ", this gateway is " + gateway);
    }
    UpdateDetails.Setup details = (UpdateDetails.Setup) setup.details();
    if (!details.networkContext().equals(network.context())) {
      return Checked.refused(
          Refusal.of(
              Rejection.of(
                  FailureReason.NETWORK_MISMATCH,
                  "setup names network "
                      + details.networkContext()
                      + ", this gateway serves "
                      + network.context())));
    }
    Address payer = setup.fromIdentifier();
    Address expected = network.channelAddress(gateway, payer);
    if (!setup.channelAddress().equals(expected)) {
      return Checked.refused(
          GatewayReason.WRONG_CHANNEL_ADDRESS,
          "channel address "
              + setup.channelAddress()
              + " is not the factory's address "
              + expected
              + " for gateway "
              + gateway
              + " and payer "
              + payer);
    }
    Channel unopened = Channel.unopened(expected, gateway, payer, network.context());
    return updates.accept(
        updates.store().load(expected),
        unopened,
        setup,
        () -> ChainInputs.at(clock.nowSeconds()),
        countersigned -> limit.take(payer, source).map(taken -> Optional.<Transition>empty()));
  }
}
