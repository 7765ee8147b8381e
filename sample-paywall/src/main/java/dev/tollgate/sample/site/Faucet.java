package dev.tollgate.sample.site;

import java.math.BigInteger;

/**
 * Demo money for readers of a local stack: sends test tokens to an address (a reader's channel, so
 * the tokens are the reader's deposit). A site on a real network has none.
 */
public interface Faucet {
  /** What one drip sent. */
  record Drop(String txHash, BigInteger amount, String asset) {}

  /**
   * Sends the faucet's amount to {@code address} (0x-hex, 20 bytes) and waits until it is mined.
   */
  Drop drip(String address);
}
