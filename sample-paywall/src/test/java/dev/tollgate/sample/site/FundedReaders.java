package dev.tollgate.sample.site;

import dev.tollgate.client.TollgateClient;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.sample.SharedStack;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

/** Readers of the shared stack with a channel the site's faucet funded and the gateway credited. */
final class FundedReaders {
  private FundedReaders() {}

  /** A reader signing with {@code signer} whose paid calls go through {@code http}. */
  static TollgateClient funded(Path dir, LocalKeySigner signer, HttpClient http) throws Exception {
    TollgateClient reader =
        TollgateClient.builder()
            .gateway(SharedStack.get().gatewayUrl())
            .signer(signer)
            .stateFile(dir.resolve("reader.json"))
            .httpClient(http)
            .build();
    reader.open();
    BigInteger deposit = SharedStack.faucet(reader.channelAddress().toChecksumHex());
    reader.deposited(
        reader.asset(), Uint256.of(deposit), Duration.ofSeconds(90), Duration.ofMillis(500));
    return reader;
  }
}
