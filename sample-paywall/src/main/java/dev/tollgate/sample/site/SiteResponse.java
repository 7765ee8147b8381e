package dev.tollgate.sample.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.paywall.PaywallAnswer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An answer of the site, built before it is written: status, headers and body. */
public record SiteResponse(int status, Map<String, List<String>> headers, byte[] body) {
  static final ObjectMapper JSON = new ObjectMapper();

  public SiteResponse {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The paywall's answer (a 402 with a quote, a refusal), as the site writes it. */
  public static SiteResponse of(PaywallAnswer answer) {
    return new SiteResponse(answer.status(), answer.headers(), answer.body());
  }

  public static SiteResponse json(int status, JsonNode body) {
    return new Builder(status, "application/json").body(body.toString()).build();
  }

  /** {@code {error, detail}}: every refusal of the site names its reason. */
  public static SiteResponse error(int status, String error, String detail) {
    ObjectNode body = JSON.createObjectNode().put("error", error).put("detail", detail);
    return json(status, body);
  }

  public static SiteResponse html(int status, String html) {
    return new Builder(status, "text/html; charset=utf-8").body(html).build();
  }

  public static Builder builder(int status, String contentType) {
    return new Builder(status, contentType);
  }

  /** A response with headers added one by one. */
  public static final class Builder {
    private final int status;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    private Builder(int status, String contentType) {
      this.status = status;
      headers.put("Content-Type", List.of(contentType));
    }

    public Builder header(String name, String value) {
      headers.merge(
          name,
          List.of(value),
          (a, b) -> {
            List<String> both = new java.util.ArrayList<>(a);
            both.addAll(b);
            return both;
          });
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

    public SiteResponse build() {
      return new SiteResponse(status, headers, body);
    }
  }
}
