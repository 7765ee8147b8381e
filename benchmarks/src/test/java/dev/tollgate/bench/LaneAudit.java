package dev.tollgate.bench;

import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Money neither lost nor created on one benchmark payer's channel: the gateway's stored channel is
 * the payer's view, nothing is still locked, payer + gateway = the deposit, and the gateway holds
 * the price of each {@code 200}.
 */
public final class LaneAudit {
  private LaneAudit() {}

  /**
   * @throws IllegalStateException naming every way the channel is wrong
   */
  public static void check(GatewayStack stack, HttpPayer payer, BigInteger deposit, long paid) {
    Channel view = payer.payer().view();
    BigInteger gateway = payer.payer().balanceOf(stack.token(), 0).value();
    BigInteger own = payer.payer().balanceOf(stack.token(), 1).value();
    BigInteger charged = GatewayStack.ARTICLE_PRICE.multiply(BigInteger.valueOf(paid));
    // The payer's own signed read, as its client would make it.
    LambdaInvoker.Response r = payer.readChannel();
    if (r.status() != 200) {
      throw new IllegalStateException("reading " + payer.channel() + ": " + r);
    }
    Channel stored = ChannelJson.channel(ChannelJson.parse(r.body()).get("latest"), "latest");
    List<String> wrong = new ArrayList<>();
    if (!stored.state().equals(view.state())) {
      wrong.add("stored state (nonce " + stored.nonce() + ") != payer's (" + view.nonce() + ")");
    }
    if (!stored.activeTransfers().isEmpty()) {
      wrong.add(stored.activeTransfers().size() + " transfers still locked");
    }
    if (!gateway.add(own).equals(deposit)) {
      wrong.add("payer " + own + " + gateway " + gateway + " != deposit " + deposit);
    }
    if (!gateway.equals(charged)) {
      wrong.add("gateway holds " + gateway + ", price x " + paid + " 200s = " + charged);
    }
    if (!wrong.isEmpty()) {
      throw new IllegalStateException("channel " + payer.channel() + ": " + wrong);
    }
  }
}
