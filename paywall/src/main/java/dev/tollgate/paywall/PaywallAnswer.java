package dev.tollgate.paywall;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer for the reader, ready to write with any server: status, headers (each with its values,
 * in order) and body. {@link Paywall} gives one whenever it does not serve the resource.
 */
public record PaywallAnswer(int status, Map<String, List<String>> headers, byte[] body) {
  public PaywallAnswer {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + status);
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = java.util.Collections.unmodifiableMap(copy);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The first value of header {@code name} (compared without case), if there is one. */
  public java.util.Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0))
        .findFirst();
  }

  /** {@code {error, detail}} as JSON: every refusal names its reason. */
  public static PaywallAnswer error(int status, String error, String detail) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("error", error).put("detail", detail);
    return builder(status, "application/json").body(body.toString()).build();
  }

  public static Builder builder(int status, String contentType) {
    return new Builder(status, contentType);
  }

  /** An answer with headers added one by one. */
  public static final class Builder {
    private final int status;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    private Builder(int status, String contentType) {
      this.status = status;
      headers.put("Content-Type", List.of(contentType));
    }

    /** Adds a value of header {@code name} after those it has. */
    public Builder header(String name, String value) {
      headers.computeIfAbsent(name, n -> new ArrayList<>());
      List<String> values = new ArrayList<>(headers.get(name));
      values.add(value);
      headers.put(name, values);
      return this;
    }

    public Builder body(String text) {
      this.body = text.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    public Builder body(byte[] bytes) {
      this.body = bytes.clone();
      return this;
    }

    public PaywallAnswer build() {
      return new PaywallAnswer(status, headers, body);
    }
  }
}
