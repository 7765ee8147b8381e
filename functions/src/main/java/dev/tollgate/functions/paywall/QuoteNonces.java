package dev.tollgate.functions.paywall;

import dev.tollgate.core.value.Bytes32;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The random nonce every quote carries, so that two quotes for one resource in the same second
 * differ (and so do their lock hashes).
 *
 * <p>The generator can be replaced: a Lambda SnapStart snapshot freezes a generator's state, and
 * every environment restored from one snapshot would then draw the same nonces, hence issue the
 * same quotes and lock hashes. {@link #reseed()} (called after a restore) swaps in a generator
 * drawn from the source again, so what a restored environment draws owes nothing to the state the
 * snapshot holds.
 */
public final class QuoteNonces {
  private final Supplier<SecureRandom> source;
  private volatile SecureRandom random;

  /**
   * @param first the generator to draw from until the first {@link #reseed()}
   * @param source a fresh generator for each reseed
   */
  public QuoteNonces(SecureRandom first, Supplier<SecureRandom> source) {
    this.random = Objects.requireNonNull(first, "first");
    this.source = Objects.requireNonNull(source, "source");
  }

  /** Nonces from {@code new SecureRandom()}, and a new one of those on each reseed. */
  public static QuoteNonces system() {
    return new QuoteNonces(new SecureRandom(), SecureRandom::new);
  }

  /** 32 random bytes. */
  public Bytes32 next() {
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    return Bytes32.of(nonce);
  }

  /** Replaces the generator with a fresh one from the source; concurrent draws see one or other. */
  public void reseed() {
    SecureRandom fresh = source.get();
    if (fresh == null) {
      throw new IllegalStateException("the quote nonce source gave no generator");
    }
    random = fresh;
  }

  @Override
  public String toString() {
    return "QuoteNonces[" + random.getAlgorithm() + "]";
  }
}
