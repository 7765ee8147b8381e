package dev.tollgate.sample.load;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.value.Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * After a load: every payer's channel checked against the gateway's. The payer's view (every update
 * taken in was checked by its channel-core) equals what the gateway stores, nothing is left locked,
 * gateway plus payer hold exactly the deposit, and the gateway holds exactly the price of each call
 * that was served: no payment lost, none counted twice.
 */
final class ChannelAudit {
  private ChannelAudit() {}

  /** What is wrong, one line per problem; empty when every channel checks out. */
  static List<String> problems(List<Payer> payers, BigInteger price) throws Exception {
    List<String> problems = new ArrayList<>();
    for (Payer payer : payers) {
      payer.client().catchUp();
      Channel mine = payer.client().channel();
      Channel stored = payer.client().gatewayChannel();
      String channel = mine.channelAddress().toChecksumHex();
      if (!mine.state().equals(stored.state())) {
        problems.add(
            channel
                + ": the payer's state (nonce "
                + mine.nonce()
                + ") differs from the gateway's (nonce "
                + stored.nonce()
                + ")");
        continue;
      }
      if (!stored.activeTransfers().isEmpty()) {
        problems.add(channel + ": " + stored.activeTransfers().size() + " transfers left locked");
      }
      Address asset = payer.client().asset();
      CoreChannelState state = stored.state();
      Balance balance = state.balances().get(state.assetIndex(asset));
      BigInteger gateway = balance.amount(0).value();
      BigInteger held = balance.total();
      if (!held.equals(payer.deposit())) {
        problems.add(
            channel + ": gateway + payer hold " + held + ", the deposit was " + payer.deposit());
      }
      BigInteger owed = price.multiply(BigInteger.valueOf(payer.servedCount()));
      if (!gateway.equals(owed)) {
        problems.add(
            channel
                + ": the gateway holds "
                + gateway
                + " but "
                + payer.servedCount()
                + " calls were served at "
                + price
                + " (owed "
                + owed
                + ")");
      }
    }
    return problems;
  }
}
