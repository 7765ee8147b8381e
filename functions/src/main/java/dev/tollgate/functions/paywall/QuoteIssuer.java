package dev.tollgate.functions.paywall;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who set a quote's price: the gateway's own route table ({@link #ROUTES}, for {@code /paid}), or
 * one named publisher through {@code POST /quote}. A quote is bound to its issuer under the MAC, so
 * a quote one publisher minted at its price can be taken neither on {@code /paid} nor by another
 * publisher's {@code /settle}.
 */
public record QuoteIssuer(String id) {
  /** Publisher names are lower-case letters and digits: they become environment variable names. */
  public static final Pattern PUBLISHER_NAME = Pattern.compile("[a-z][a-z0-9]{0,31}");

  public static final QuoteIssuer ROUTES = new QuoteIssuer("routes");

  private static final String PUBLISHER = "publisher:";

  public QuoteIssuer {
    Objects.requireNonNull(id, "id");
    if (!id.equals("routes")
        && !(id.startsWith(PUBLISHER)
            && PUBLISHER_NAME.matcher(id.substring(PUBLISHER.length())).matches())) {
      throw new IllegalArgumentException(
          "a quote issuer is 'routes' or 'publisher:<name>' with a name matching "
              + PUBLISHER_NAME
              + ", got '"
              + id
              + "'");
    }
  }

  public static QuoteIssuer publisher(String name) {
    return new QuoteIssuer(PUBLISHER + name);
  }

  /** The 16 bytes a quote token carries: the first half of SHA-256 of a domain and the id. */
  byte[] tag() {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(("tollgate/quote-issuer\0" + id).getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(hash, QuoteToken.TAG_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
