package dev.tollgate.functions.operator;

import dev.tollgate.core.value.Address;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The channel listing's cursor: the last listed channel's key (its address), base64url without
 * padding, so it travels in a query string as it is. Opaque to callers; decoded strictly.
 */
final class ChannelCursor {
  /** A cursor this class writes is 56 characters; anything much longer is not one. */
  static final int MAX_CHARS = 128;

  private ChannelCursor() {}

  static String encode(Address lastKey) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(lastKey.toChecksumHex().getBytes(StandardCharsets.US_ASCII));
  }

  /** The address the cursor names, or empty when it is not a cursor this class wrote. */
  static Optional<Address> decode(String cursor) {
    if (cursor.length() > MAX_CHARS || !cursor.matches("[A-Za-z0-9_-]+")) {
      return Optional.empty();
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      Address address = Address.fromHex(text);
      // Only the exact encoding round-trips: a cursor is never a guess at a key.
      return encode(address).equals(cursor) ? Optional.of(address) : Optional.empty();
    } catch (IllegalArgumentException notACursor) {
      return Optional.empty();
    }
  }
}
