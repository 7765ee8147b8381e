package dev.tollgate.paywall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The payment receipt as an access token: after a payment the reader holds a receipt the site
 * MACed, naming the resource, the gateway's transfer and an expiry. Showing it again within that
 * time serves the resource without another payment; the site stores nothing per reader.
 */
public final class ReceiptTokens {
  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final int MAX_TOKEN_CHARS = 2048;

  private final SecretKeySpec key;

  public ReceiptTokens(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException(
          "the receipt secret must be at least 32 bytes, got " + secret.length);
    }
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  public String issue(Receipt receipt) {
    ObjectNode payload = Json.MAPPER.createObjectNode();
    payload.put("r", receipt.resource());
    payload.put("t", receipt.transferId());
    payload.put("p", receipt.payer());
    payload.put("e", receipt.expiresAt());
    byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(body));
  }

  /**
   * The receipt {@code token} carries, if it is this site's, names {@code resource} and has not
   * expired at {@code nowSeconds}.
   */
  public Optional<Receipt> verify(String token, String resource, long nowSeconds) {
    if (token == null || token.length() > MAX_TOKEN_CHARS) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return Optional.empty();
    }
    byte[] body;
    byte[] tag;
    try {
      body = DECODER.decode(token.substring(0, dot));
      tag = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(tag, mac(body))) {
      return Optional.empty();
    }
    JsonNode payload;
    try {
      payload = Json.MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
    Receipt receipt =
        new Receipt(
            payload.path("r").asText(),
            payload.path("t").asText(),
            payload.path("p").asText(),
            payload.path("e").asLong());
    if (!receipt.resource().equals(resource) || receipt.expiresAt() <= nowSeconds) {
      return Optional.empty();
    }
    return Optional.of(receipt);
  }

  private byte[] mac(byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
