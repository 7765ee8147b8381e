package dev.tollgate.sample.load;

import dev.tollgate.client.TollgateClient;
import java.math.BigInteger;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One payer of the load: its client (one channel with the gateway), what it deposited, and how many
 * of its paid calls were answered {@code 200}. One thread at a time pays from it.
 */
final class Payer {
  private final TollgateClient client;
  private final BigInteger deposit;
  private final AtomicLong served = new AtomicLong();

  Payer(TollgateClient client, BigInteger deposit) {
    this.client = Objects.requireNonNull(client, "client");
    this.deposit = Objects.requireNonNull(deposit, "deposit");
  }

  TollgateClient client() {
    return client;
  }

  BigInteger deposit() {
    return deposit;
  }

  void served() {
    served.incrementAndGet();
  }

  long servedCount() {
    return served.get();
  }
}
