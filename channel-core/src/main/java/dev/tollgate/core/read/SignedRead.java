package dev.tollgate.core.read;

import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.hash.Keccak;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A payer's proof that it asked to read its own channel: the {@code TOLLGATE-AUTH} header {@code
 * <unixSeconds>.<0x r‖s‖v>}, signed by the channel's bob over
 *
 * <pre>
 * keccak256("\x19Tollgate read:\n" ‖ METHOD ‖ " " ‖ pathAndQuery ‖ "\n" ‖ channelAddress (20 bytes)
 *           ‖ uint256(unixSeconds))
 * </pre>
 *
 * The prefix is its own domain (as the resend proof's is), so a read signature can never be
 * replayed as a channel-state or withdrawal signature, nor one of those as a read. Binding the
 * method, the exact path with its query and the channel means a header only opens the one request
 * it was made for; the time bounds how long a copy of it is worth anything.
 */
public record SignedRead(long unixSeconds, Signature signature) {
  /** The request header that carries it; HTTP header names are case-insensitive. */
  public static final String HEADER = "TOLLGATE-AUTH";

  private static final byte[] PREFIX = "\u0019Tollgate read:\n".getBytes(StandardCharsets.US_ASCII);

  /** 19 digits hold every non-negative long; more is not a time this can mean. */
  private static final int MAX_SECONDS_DIGITS = 19;

  private static final int SIGNATURE_HEX_CHARS = 2 + 65 * 2;

  public SignedRead {
    require(unixSeconds >= 0, "unixSeconds must not be negative, got " + unixSeconds);
    Objects.requireNonNull(signature, "signature");
  }

  /** The 32 bytes bob signs to read {@code method pathAndQuery} of {@code channel}. */
  public static Bytes32 digest(
      String method, String pathAndQuery, Address channel, long unixSeconds) {
    checkMethod(method);
    checkPath(pathAndQuery);
    Objects.requireNonNull(channel, "channel");
    require(unixSeconds >= 0, "unixSeconds must not be negative, got " + unixSeconds);
    byte[] request = (method + " " + pathAndQuery + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] input = new byte[PREFIX.length + request.length + 20 + 32];
    System.arraycopy(PREFIX, 0, input, 0, PREFIX.length);
    System.arraycopy(request, 0, input, PREFIX.length, request.length);
    channel.copyTo(input, PREFIX.length + request.length);
    Uint256.of(unixSeconds).writeWord(input, PREFIX.length + request.length + 20);
    return Keccak.hash(input);
  }

  /** Signs a read of {@code method pathAndQuery} of {@code channel} at {@code unixSeconds}. */
  public static SignedRead sign(
      Signer bob, String method, String pathAndQuery, Address channel, long unixSeconds) {
    Objects.requireNonNull(bob, "bob");
    return new SignedRead(
        unixSeconds, bob.sign(digest(method, pathAndQuery, channel, unixSeconds)));
  }

  /**
   * Reads a {@code TOLLGATE-AUTH} value.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code header}
   */
  public static SignedRead parse(String header) {
    require(header != null, SignedRead.HEADER + " is missing");
    String value = header.strip();
    int dot = value.indexOf('.');
    require(
        dot > 0, HEADER + " must be <unixSeconds>.<0x signature>, got '" + abbreviate(value) + "'");
    String seconds = value.substring(0, dot);
    String signature = value.substring(dot + 1);
    require(
        seconds.length() <= MAX_SECONDS_DIGITS && seconds.chars().allMatch(SignedRead::isDigit),
        HEADER + " seconds must be decimal digits, got '" + abbreviate(seconds) + "'");
    long unixSeconds;
    try {
      unixSeconds = Long.parseLong(seconds);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          HEADER + " seconds are out of range, got '" + seconds + "'", e);
    }
    require(
        signature.length() == SIGNATURE_HEX_CHARS && signature.startsWith("0x"),
        HEADER
            + " signature must be 0x and 130 hex digits (65 bytes), got '"
            + abbreviate(signature)
            + "'");
    try {
      return new SignedRead(unixSeconds, Signature.fromHex(signature));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(HEADER + " signature: " + e.getMessage(), e);
    }
  }

  /** The header's value: {@code <unixSeconds>.<0x signature>}. */
  public String header() {
    return unixSeconds + "." + signature.toHex();
  }

  /** Who signed this read of {@code method pathAndQuery} of {@code channel}, if anyone. */
  public Optional<Address> signer(String method, String pathAndQuery, Address channel) {
    return Secp256k1Signatures.recover(
        digest(method, pathAndQuery, channel, unixSeconds), signature);
  }

  /** HTTP methods are tokens; this takes the upper-case ones a read uses. */
  private static void checkMethod(String method) {
    require(method != null, "method is missing");
    require(
        !method.isEmpty() && method.chars().allMatch(c -> c >= 'A' && c <= 'Z'),
        "method must be upper-case letters, got '" + abbreviate(method) + "'");
  }

  /**
   * A raw path (percent-encoded, so ASCII) starting with '/'; no space or control character, so the
   * method, path and channel cannot run into each other in the signed bytes.
   */
  private static void checkPath(String pathAndQuery) {
    require(pathAndQuery != null, "pathAndQuery is missing");
    require(
        pathAndQuery.startsWith("/") && pathAndQuery.chars().allMatch(c -> c > 0x20 && c < 0x7f),
        "pathAndQuery must start with '/' and be printable ASCII without spaces, got '"
            + abbreviate(pathAndQuery)
            + "'");
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** Enough of a bad value to recognise it, never a whole header pasted into a log. */
  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
