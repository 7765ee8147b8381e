package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.value.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The reason a node gives for a reverted call: Solidity's {@code Error(string)} decoded from the
 * revert data, {@code Panic(uint256)} by its code, else the node's own message.
 */
final class RevertReason {
  private static final String ERROR_SELECTOR = "0x08c379a0";
  private static final String PANIC_SELECTOR = "0x4e487b71";
  private static final String NODE_PREFIX = "execution reverted";

  private RevertReason() {}

  /** Whether a JSON-RPC error is a revert (code 3, or geth-style message) and not a node fault. */
  static boolean isRevert(int code, String message) {
    return code == 3
        || (message != null && message.toLowerCase(Locale.ROOT).startsWith(NODE_PREFIX));
  }

  static String of(String data, String message) {
    String hex = data == null ? "" : data.replace("\"", "").trim().toLowerCase(Locale.ROOT);
    try {
      if (hex.startsWith(ERROR_SELECTOR)) {
        return errorString(Hex.decode(hex));
      }
      if (hex.startsWith(PANIC_SELECTOR) && hex.length() == 10 + 64) {
        return "Panic(0x" + new BigInteger(hex.substring(10), 16).toString(16) + ")";
      }
    } catch (IllegalArgumentException | ArithmeticException malformed) {
      // fall back to the node's message
    }
    String text = message == null ? "" : message;
    if (text.toLowerCase(Locale.ROOT).startsWith(NODE_PREFIX + ": ")) {
      return text.substring(NODE_PREFIX.length() + 2);
    }
    if (hex.startsWith("0x") && hex.length() > 2) {
      return text + " (revert data " + Hex.abbreviate(hex) + ")";
    }
    return text.isEmpty() ? "no reason given" : text;
  }

  /** abi.encode(string) after the 4-byte selector: offset, length, bytes. */
  private static String errorString(byte[] data) {
    int offset = 4 + word(data, 4);
    int length = word(data, offset);
    if (offset + 32 + length > data.length) {
      throw new IllegalArgumentException("revert string runs past its data");
    }
    return new String(
        Arrays.copyOfRange(data, offset + 32, offset + 32 + length), StandardCharsets.UTF_8);
  }

  private static int word(byte[] data, int at) {
    if (at + 32 > data.length) {
      throw new IllegalArgumentException("revert data too short");
    }
    return new BigInteger(1, Arrays.copyOfRange(data, at, at + 32)).intValueExact();
  }
}
