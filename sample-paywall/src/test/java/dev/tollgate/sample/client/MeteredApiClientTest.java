package dev.tollgate.sample.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.contracts.anvil.AnvilNode;
import dev.tollgate.contracts.anvil.DevAccounts;
import dev.tollgate.contracts.chain.Transactions;
import dev.tollgate.contracts.generated.TestToken;
import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.sample.SharedStack;
import dev.tollgate.sample.dev.LocalStack;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * An API consumer on the Java client: 1,000 paid calls to the publisher's metered API, 8 at a time,
 * through the local stack (the site settles every call with the gateway). The gateway's revenue,
 * the client's balance, the channel the gateway stores and the tokens on chain agree to the base
 * unit.
 */
class MeteredApiClientTest {
  private static final int CALLS = 1_000;
  private static final int PARALLEL = 8;
  private static final String[] SYMBOLS = {"ACME", "TOLL", "GATE", "CHAN", "VECT"};
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aThousandPaidCallsEightInParallelAgreeToTheBaseUnit(@TempDir Path dir) throws Exception {
    LocalStack stack = SharedStack.get();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    LocalKeySigner signer = LocalKeySigner.fromPrivateKey(key);
    TollgateClient client =
        TollgateClient.builder()
            .gateway(stack.gatewayUrl())
            .signer(signer)
            .stateFile(dir.resolve("channel.json"))
            .build();
    client.open();
    BigInteger deposit = SharedStack.faucet(client.channelAddress().toChecksumHex());
    client.deposited(
        client.asset(), Uint256.of(deposit), Duration.ofSeconds(90), Duration.ofMillis(500));
    assertThat(client.balance().value()).isEqualTo(deposit);
    SharedStack.Revenue before = SharedStack.revenue();

    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    List<Future<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      String symbol = SYMBOLS[i % SYMBOLS.length];
      HttpRequest request =
          HttpRequest.newBuilder(SharedStack.site("/api/quotes?symbol=" + symbol)).build();
      calls.add(pool.submit(() -> client.send(request, HttpResponse.BodyHandlers.ofString())));
    }
    Set<String> transfers = new HashSet<>();
    for (Future<HttpResponse<String>> call : calls) {
      HttpResponse<String> response = call.get();
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode quote = json.readTree(response.body());
      assertThat(quote.get("price").asText()).matches("\\d+\\.\\d{2}");
      String settlement = response.headers().firstValue("PAYMENT-RESPONSE").orElseThrow();
      transfers.add(
          json.readTree(java.util.Base64.getDecoder().decode(settlement))
              .get("transaction")
              .asText());
    }
    pool.shutdown();

    BigInteger price = BigInteger.valueOf(100);
    BigInteger spent = price.multiply(BigInteger.valueOf(CALLS));
    assertThat(transfers).as("every call paid with its own transfer").hasSize(CALLS);

    // the client's own view
    assertThat(client.balance().value()).isEqualTo(deposit.subtract(spent));
    // the channel as the gateway stores it: the same state, byte for byte
    Channel storedChannel = client.gatewayChannel();
    CoreChannelState stored = storedChannel.state();
    assertThat(ChannelJson.write(ChannelJson.toJson(stored)))
        .isEqualTo(ChannelJson.write(ChannelJson.toJson(client.channel().state())));
    int i = stored.assetIndex(client.asset());
    BigInteger gatewayShare = stored.balances().get(i).amount(0).value();
    BigInteger payerShare = stored.balances().get(i).amount(1).value();
    assertThat(gatewayShare).isEqualTo(spent);
    assertThat(payerShare).isEqualTo(deposit.subtract(spent));
    // the gateway's revenue moved by exactly what this client paid, one payment per call
    SharedStack.Revenue after = SharedStack.revenue();
    assertThat(after.total().subtract(before.total())).isEqualTo(spent);
    assertThat(after.payments() - before.payments()).isEqualTo(CALLS);
    // conservation against the chain: the channel holds the deposit, split between the two
    assertThat(gatewayShare.add(payerShare).add(locked(storedChannel, client.asset())))
        .isEqualTo(onChainBalance(stack, client.channelAddress()))
        .isEqualTo(deposit);
  }

  /** What the channel's active transfers of {@code asset} still lock. */
  private static BigInteger locked(Channel channel, Address asset) {
    BigInteger sum = BigInteger.ZERO;
    for (ActiveTransfer t : channel.activeTransfers().values()) {
      if (t.core().assetId().equals(asset)) {
        sum =
            sum.add(t.core().balance().amount(0).value()).add(t.core().balance().amount(1).value());
      }
    }
    return sum;
  }

  private static BigInteger onChainBalance(LocalStack stack, Address holder) throws Exception {
    Web3j web3j = Web3j.build(new HttpService("http://127.0.0.1:" + stack.options().port("anvil")));
    try {
      TestToken token =
          TestToken.load(
              stack.deployment().testToken().toChecksumHex(),
              web3j,
              Transactions.manager(web3j, DevAccounts.account(0), AnvilNode.CHAIN_ID),
              Transactions.LOCAL_GAS);
      return token.balanceOf(holder.toChecksumHex()).send();
    } finally {
      web3j.shutdown();
    }
  }
}
