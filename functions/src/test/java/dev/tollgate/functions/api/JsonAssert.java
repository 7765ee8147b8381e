package dev.tollgate.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.Conservation;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import java.math.BigInteger;

/** Checks the gateway's stored channel against a payer's own view, and that value is conserved. */
final class JsonAssert {
  private JsonAssert() {}

  static Channel stored(GatewayStack stack, HttpPayer payer) {
    LambdaInvoker.Response r = payer.readChannel();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode body = ChannelJson.parse(r.body());
    return ChannelJson.channel(body.get("latest"), "latest");
  }

  /** Same state on both sides; balances plus locked transfers add up to what was deposited. */
  static void assertStoredMatches(GatewayStack stack, HttpPayer payer, BigInteger deposited) {
    Channel stored = stored(stack, payer);
    assertThat(stored.state()).isEqualTo(payer.payer().view().state());
    assertThat(Conservation.heldAndLocked(stored)).isEqualTo(deposited);
  }
}
