package dev.tollgate.sample.load;

import dev.tollgate.client.TollgateClient;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.value.Uint256;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Opens the load's channels: a fresh key per payer, the channel set up with the gateway, funded
 * from the site's faucet on chain, and the deposit credited once the gateway's watcher has seen it
 * confirmed.
 */
final class Payers {
  private static final Duration CREDIT_DEADLINE = Duration.ofMinutes(2);

  private Payers() {}

  static List<Payer> open(
      int count, URI gateway, URI site, HttpClient http, Path stateDir, int parallel)
      throws Exception {
    SecureRandom random = new SecureRandom();
    List<TollgateClient> clients = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      clients.add(
          TollgateClient.builder()
              .gateway(gateway)
              .signer(LocalKeySigner.random(random))
              .stateFile(stateDir.resolve("payer-" + i + ".json"))
              .httpClient(http)
              .build());
    }
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<?>> opened = new ArrayList<>();
      for (TollgateClient client : clients) {
        opened.add(
            pool.submit(
                () -> {
                  client.open();
                  return null;
                }));
      }
      for (Future<?> f : opened) {
        f.get();
      }
      // one faucet transaction at a time: they come from one account
      List<BigInteger> deposits = new ArrayList<>();
      for (TollgateClient client : clients) {
        deposits.add(faucet(http, site, client.channelAddress().toChecksumHex()));
      }
      List<Future<Payer>> credited = new ArrayList<>();
      for (int i = 0; i < clients.size(); i++) {
        TollgateClient client = clients.get(i);
        BigInteger deposit = deposits.get(i);
        credited.add(
            pool.submit(
                () -> {
                  client.deposited(
                      client.asset(), Uint256.of(deposit), CREDIT_DEADLINE, Duration.ofMillis(500));
                  return new Payer(client, deposit);
                }));
      }
      List<Payer> payers = new ArrayList<>();
      for (Future<Payer> f : credited) {
        payers.add(f.get());
      }
      return payers;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Asks the site's faucet to send its amount to {@code channel}; returns the amount. */
  private static BigInteger faucet(HttpClient http, URI site, String channel)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(site.resolve("/faucet"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"address\":\"" + channel + "\"}"))
            .header("content-type", "application/json")
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "the site's faucet answered "
              + response.statusCode()
              + " for channel "
              + channel
              + ": "
              + response.body());
    }
    return new BigInteger(ChannelJson.parse(response.body()).get("amount").asText());
  }
}
