package dev.tollgate.functions.forwarding;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the origin answered: its status, the headers passed back, its body. */
public record OriginAnswer(int status, Map<String, List<String>> headers, byte[] body) {
  public OriginAnswer {
    headers = Map.copyOf(headers);
    body = Objects.requireNonNull(body, "body").clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
