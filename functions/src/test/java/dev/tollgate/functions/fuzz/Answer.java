package dev.tollgate.functions.fuzz;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the gateway answered one case: the status, the headers (names lower-cased), the body. A
 * request the server ended without any answer is {@link #NO_ANSWER}.
 */
record Answer(int status, Map<String, List<String>> headers, String body) {
  static final int NO_ANSWER = -1;

  Answer {
    Map<String, List<String>> lower = new TreeMap<>();
    headers.forEach(
        (name, values) ->
            lower
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new java.util.ArrayList<>())
                .addAll(values));
    lower.replaceAll((name, values) -> List.copyOf(values));
    headers = Map.copyOf(lower);
    body = body == null ? "" : body;
  }

  static Answer none(String why) {
    return new Answer(NO_ANSWER, Map.of(), why);
  }

  Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  @Override
  public String toString() {
    String shown = body.length() > 400 ? body.substring(0, 400) + "..." : body;
    return status + " " + shown;
  }
}
