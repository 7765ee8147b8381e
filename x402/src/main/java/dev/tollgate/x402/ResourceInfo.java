package dev.tollgate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * x402 v2 {@code ResourceInfo}: what is being paid for. Only {@code url} is required by the spec;
 * an absent description or MIME type reads as the empty string and is always written, because the
 * reference TypeScript types declare all three as strings.
 */
public record ResourceInfo(String url, String description, String mimeType) {
  public ResourceInfo {
    Objects.requireNonNull(url, "url");
    if (url.isEmpty()) {
      throw new IllegalArgumentException("resource url must not be empty");
    }
    description = description == null ? "" : description;
    mimeType = mimeType == null ? "" : mimeType;
  }

  public static ResourceInfo of(String url) {
    return new ResourceInfo(url, "", "");
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("url", url);
    o.put("description", description);
    o.put("mimeType", mimeType);
    return o;
  }

  /** Unknown fields are ignored: x402's schema leaves its objects open. */
  public static ResourceInfo fromJson(JsonNode node, String path) {
    X402Fields f = X402Fields.of(node, path);
    return new ResourceInfo(
        f.nonEmptyText("url"),
        f.optionalText("description").orElse(""),
        f.optionalText("mimeType").orElse(""));
  }
}
