package dev.tollgate.sample.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.contracts.anvil.DevAccounts;
import dev.tollgate.sample.NodeScript;
import dev.tollgate.sample.SharedStack;
import dev.tollgate.sample.dev.DevOptions;
import dev.tollgate.sample.dev.LocalStack;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/**
 * x402's own packages, unchanged ({@code @x402/express}, {@code @x402/hono}, {@code @x402/fetch}
 * 2.27.0, pinned in package.json) with Tollgate's npm packages ({@code @tollgate/x402-server},
 * {@code @tollgate/x402-client}) against the local stack, run by {@code src/e2e/stock-sdks.mjs}.
 * Every paid call is charged exactly once, on the reader's channel and in the gateway's revenue;
 * each costs the server one gateway call and its 402 none; the refusals (a stale nonce, a price
 * above the balance, a create below the price) reach the stock client as x402 answers and charge
 * nothing.
 */
class StockX402SdksTest {
  private static final BigInteger WEATHER = BigInteger.valueOf(1_500);
  private static final BigInteger FORECAST = BigInteger.valueOf(2_000);
  private static final BigInteger JOKE = BigInteger.valueOf(1_200);
  private static final BigInteger DEAR = BigInteger.valueOf(50_000_000);

  /** A demo account of the local stack that no other test spends from. */
  private static final int WALLET_ACCOUNT = LocalStack.DEMO_ACCOUNTS.get(2);

  @Test
  void stockServersAndAStockClientPayThroughTheGateway() throws Exception {
    SharedStack.Revenue before = SharedStack.revenue();

    JsonNode out =
        NodeScript.run(
            "sample-paywall/src/e2e/stock-sdks.mjs",
            List.of(
                SharedStack.get().gatewayUrl().toString().replaceAll("/$", ""),
                SharedStack.get().publisherToken(),
                SharedStack.get().siteUrl().toString().replaceAll("/$", ""),
                "http://127.0.0.1:" + SharedStack.get().options().port(DevOptions.ANVIL),
                Numeric.toHexStringWithPrefixZeroPadded(
                    DevAccounts.account(WALLET_ACCOUNT).getEcKeyPair().getPrivateKey(), 64)),
            4);

    SharedStack.Revenue after = SharedStack.revenue();
    List<JsonNode> calls = new ArrayList<>();
    out.get("calls").forEach(calls::add);
    assertThat(calls).hasSize(13);

    JsonNode unpaid = calls.get(0);
    assertThat(unpaid.get("status").asInt()).isEqualTo(402);
    assertThat(unpaid.get("gatewayCalls")).as("a 402 costs no gateway call").isEmpty();

    // Five paid calls on two frameworks, then the reader pays once more and its stale twin once.
    List<BigInteger> prices = List.of(WEATHER, WEATHER, FORECAST, JOKE, JOKE, WEATHER);
    for (int i = 0; i < prices.size(); i++) {
      JsonNode paid = calls.get(1 + i);
      assertThat(paid.get("status").asInt()).as(paid.toString()).isEqualTo(200);
      assertThat(paid.get("settlement").get("success").asBoolean()).isTrue();
      assertThat(paid.get("settlement").get("transaction").asText()).startsWith("0x");
      assertThat(paid.get("gatewayCalls").toString())
          .as("one gateway call per paid request")
          .isEqualTo("[\"/settle\"]");
    }
    JsonNode twin = calls.get(7);
    assertThat(twin.get("status").asInt()).as(twin.toString()).isEqualTo(200);
    assertThat(twin.get("gatewayCalls").toString())
        .as("refused on the stale nonce, caught up, paid")
        .startsWith("[\"/settle\",")
        .endsWith("\"/settle\"]");
    assertThat(out.get("twinRefusals").get(0).get("reason").asText()).isEqualTo("stale_nonce");
    assertThat(out.get("twinRefusals")).hasSize(1);

    JsonNode dear = calls.get(8);
    assertThat(dear.get("thrown").asText())
        .contains("Failed to create payment payload")
        .contains("the channel holds")
        .contains("the price is " + DEAR);
    assertThat(dear.get("gatewayCalls")).isEmpty();

    JsonNode cheat = calls.get(9);
    assertThat(cheat.get("status").asInt()).isEqualTo(402);
    assertThat(cheat.get("settlement").get("success").asBoolean()).isFalse();
    assertThat(cheat.get("settlement").get("errorMessage").asText())
        .startsWith("price_below_quote:");
    assertThat(out.get("readerRefusals").get(0).get("reason").asText())
        .isEqualTo("price_below_quote");

    // A reader funded from its own wallet (an ERC-20 transfer, no faucet) pays once.
    JsonNode wallet = calls.get(10);
    assertThat(wallet.get("status").asInt()).as(wallet.toString()).isEqualTo(200);
    assertThat(out.get("walletDeposit").asText()).isEqualTo("3000000");
    assertThat(new BigInteger(out.get("walletBalance").asText()))
        .isEqualTo(BigInteger.valueOf(3_000_000).subtract(JOKE));

    // @x402/axios 2.11.0 with the scheme attached to its older x402Client pays on both servers.
    for (JsonNode paid : List.of(calls.get(11), calls.get(12))) {
      assertThat(paid.get("status").asInt()).as(paid.toString()).isEqualTo(200);
      assertThat(paid.get("gatewayCalls").toString()).isEqualTo("[\"/settle\"]");
    }
    assertThat(new BigInteger(out.get("axiosBalance").asText()))
        .isEqualTo(
            new BigInteger(out.get("axiosDeposit").asText()).subtract(WEATHER).subtract(JOKE));

    // Conservation, on both sides: the reader's channel and the gateway's books moved by exactly
    // the seven payments taken, nothing for the refusals; the wallet reader's one besides.
    BigInteger taken = prices.stream().reduce(BigInteger.ZERO, BigInteger::add).add(WEATHER);
    BigInteger deposit = new BigInteger(out.get("deposit").asText());
    assertThat(new BigInteger(out.get("balance").get("payer").asText()))
        .isEqualTo(deposit.subtract(taken));
    assertThat(new BigInteger(out.get("balance").get("gateway").asText())).isEqualTo(taken);
    assertThat(new BigInteger(out.get("balance").get("locked").asText())).isZero();
    assertThat(after.total().subtract(before.total()))
        .isEqualTo(taken.add(JOKE).add(WEATHER).add(JOKE));
    assertThat(after.payments() - before.payments()).isEqualTo(10);
    JsonNode stored = SharedStack.gatewayAsOperator("/channels/" + out.get("channel").asText());
    assertThat(stored.get("nonce").asLong())
        .as("the gateway holds the state the reader's balance was read from")
        .isEqualTo(out.get("nonce").asLong());
  }
}
