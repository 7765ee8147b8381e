package dev.tollgate.functions.paywall;

import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Refusal;
import java.util.Optional;

/**
 * A paid path has one spelling. Prices are looked up by prefix, so a path another component would
 * read as a different resource ({@code /paid/free/../demo/x}, {@code /paid/free/%2e%2e/demo/x},
 * {@code /paid//demo}, a backslash) could be bought at the wrong route's price; such paths are
 * refused rather than normalised, because normalising would make two strings name one quote. The
 * check holds whether the server hands over the path as sent or percent-decoded once.
 */
public final class CanonicalPath {
  private CanonicalPath() {}

  /** Empty when {@code path} is canonical: RFC 3986 §6.2.2 normalisation would not change it. */
  public static Optional<Refusal> refusal(String path) {
    if (!path.startsWith("/")) {
      return refused(path, "it does not start with '/'");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x21 || c == 0x7f) {
        return refused(path, "it contains a control character or a space at index " + i);
      }
      if (c == '\\') {
        return refused(path, "it contains a backslash");
      }
      if (c == '%') {
        Optional<String> bad = escapeProblem(path, i);
        if (bad.isPresent()) {
          return refused(path, bad.get());
        }
      }
    }
    String[] segments = path.substring(1).split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      if (s.equals(".") || s.equals("..")) {
        return refused(path, "it has a dot segment '" + s + "'");
      }
      if (s.isEmpty() && i < segments.length - 1) {
        return refused(path, "it has an empty segment ('//')");
      }
    }
    return Optional.empty();
  }

  /**
   * An escape must be two hex digits, and must not stand for a character that has a plain form
   * (letters, digits, {@code -._~}) or that changes the path's structure ({@code / \ %}).
   */
  private static Optional<String> escapeProblem(String path, int at) {
    if (at + 2 >= path.length()) {
      return Optional.of("it has a truncated percent-escape at index " + at);
    }
    int high = Character.digit(path.charAt(at + 1), 16);
    int low = Character.digit(path.charAt(at + 2), 16);
    if (high < 0 || low < 0) {
      return Optional.of("it has a malformed percent-escape at index " + at);
    }
    char decoded = (char) (high * 16 + low);
    if (Character.isLetterOrDigit(decoded) && decoded < 0x80
        || "-._~/\\%".indexOf(decoded) >= 0
        || decoded < 0x21
        || decoded == 0x7f) {
      return Optional.of(
          "it escapes '"
              + (decoded < 0x21 || decoded == 0x7f ? "\\x" + Integer.toHexString(decoded) : decoded)
              + "' as "
              + path.substring(at, at + 3)
              + " at index "
              + at);
    }
    return Optional.empty();
  }

  private static Optional<Refusal> refused(String path, String why) {
    String shown = path.length() <= 200 ? path : path.substring(0, 200) + "…";
    return Optional.of(
        Refusal.of(
            GatewayReason.NON_CANONICAL_PATH,
            "path '" + shown + "' is not canonical: " + why + "; request it in its plain form"));
  }
}
