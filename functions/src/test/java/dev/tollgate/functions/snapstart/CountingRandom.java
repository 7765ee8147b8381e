package dev.tollgate.functions.snapstart;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** A system generator that counts its draws, to show who draws from it. */
final class CountingRandom extends SecureRandom {
  private final AtomicInteger draws = new AtomicInteger();

  @Override
  public void nextBytes(byte[] bytes) {
    draws.incrementAndGet();
    super.nextBytes(bytes);
  }

  int draws() {
    return draws.get();
  }
}
