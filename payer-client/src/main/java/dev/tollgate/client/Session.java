package dev.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.core.update.ChannelUpdate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A client connected to its gateway: what {@code GET /gateway} said, the payer's channel restored
 * from its file, and the catch-up from the gateway's history that both the start and a {@code 409}
 * need.
 */
final class Session {
  final GatewayApi api;
  final GatewayInfo gateway;
  final PayerChannel channel;
  final Clock clock;

  private Session(GatewayApi api, GatewayInfo gateway, PayerChannel channel, Clock clock) {
    this.api = api;
    this.gateway = gateway;
    this.channel = channel;
    this.clock = clock;
  }

  /** Reads the gateway, restores the channel from {@code file}, and catches up if behind. */
  static Session start(GatewayApi api, Signer signer, ChannelStateFile file, Clock clock)
      throws IOException, InterruptedException {
    GatewayInfo gateway = api.info();
    PayerChannel channel =
        PayerChannel.restore(new ChannelParty(signer, gateway.rules()), gateway, file);
    Session session = new Session(api, gateway, channel, clock);
    channel.lock().lock();
    try {
      session.reconcileWithGateway();
    } finally {
      channel.lock().unlock();
    }
    return session;
  }

  /**
   * Compares the restored view with what the gateway stores: behind (another client of the same key
   * paid, or the file is old or missing) is caught up; ahead of or different from the gateway at
   * the same nonce means the file belongs to another deployment, and nothing is signed on it.
   */
  private void reconcileWithGateway() throws IOException, InterruptedException {
    Channel view = channel.view();
    GatewayApi.Answer stored = api.channel(channel.address());
    if (isUnknownChannel(stored)) {
      if (view.isSetUp()) {
        throw new ChannelStateException(
            "the gateway does not know channel "
                + channel.address()
                + ", which the state file holds at nonce "
                + view.nonce()
                + ": the file is from another gateway deployment; move it away to start over");
      }
      return;
    }
    if (!stored.isSuccess()) {
      throw stored.refused("reading the channel");
    }
    long gatewayNonce = stored.body().path("nonce").asLong(-1);
    if (gatewayNonce < view.nonce()) {
      throw new ChannelStateException(
          "the state file holds channel "
              + channel.address()
              + " at nonce "
              + view.nonce()
              + " but the gateway only at "
              + gatewayNonce
              + ": the file is from another gateway deployment");
    }
    if (gatewayNonce > view.nonce()) {
      catchUp();
      return;
    }
    Channel latest = gatewayLatest(stored);
    if (!latest.state().equals(view.state())) {
      throw new ChannelStateException(
          "at nonce "
              + view.nonce()
              + " the gateway's state of channel "
              + channel.address()
              + " differs from the state file's: the file is from another gateway deployment");
    }
  }

  /**
   * Takes every update the gateway recorded after this view's nonce, a page at a time, each checked
   * by channel-core. The caller holds the channel's lock.
   *
   * @return the updates taken in, oldest first
   */
  List<ChannelUpdate> catchUp() throws IOException, InterruptedException {
    List<ChannelUpdate> taken = new ArrayList<>();
    while (true) {
      long before = channel.view().nonce();
      GatewayApi.Answer page = api.updatesAfter(channel.address(), before);
      if (isUnknownChannel(page) && !channel.view().isSetUp()) {
        return taken;
      }
      if (!page.isSuccess()) {
        throw page.refused("catching up");
      }
      List<ChannelUpdate> updates = page.updates();
      taken.addAll(channel.catchUp(updates, clock.nowSeconds()));
      if (updates.size() < GatewayApi.PAGE || channel.view().nonce() == before) {
        return taken;
      }
    }
  }

  /** The channel as the gateway stores it now: its newest state. */
  Channel gatewayChannel() throws IOException, InterruptedException {
    GatewayApi.Answer stored = api.channel(channel.address());
    if (!stored.isSuccess()) {
      throw stored.refused("reading the channel");
    }
    return gatewayLatest(stored);
  }

  private static Channel gatewayLatest(GatewayApi.Answer stored) throws ChannelStateException {
    JsonNode latest = stored.body().get("latest");
    try {
      return ChannelJson.channel(latest, "latest");
    } catch (IllegalArgumentException e) {
      throw new ChannelStateException(
          stored.route() + " answered an unreadable channel: " + e.getMessage(), e);
    }
  }

  /**
   * The gateway has no such channel. To a payer's signed read it says so as it would to a stranger
   * ({@code 401}, not signed by the channel's payer), so that strangers cannot probe which channels
   * exist; the read was this payer's own, so that answer can only mean the channel is not there. A
   * 401 for the read's time (this machine's clock is off) is not taken for it.
   */
  private static boolean isUnknownChannel(GatewayApi.Answer a) {
    return (a.status() == 404 && "unknown_channel".equals(a.error()))
        || (a.status() == 401
            && "unauthorized".equals(a.error())
            && a.detail().contains("not signed by the channel's payer"));
  }
}
