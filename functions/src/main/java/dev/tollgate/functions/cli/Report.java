package dev.tollgate.functions.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a command found, as aligned {@code label value} lines for a person or as one JSON object
 * (field names in camelCase, in the order added) for a script.
 */
final class Report {
  private record Field(String label, String jsonName, String value) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Field> fields = new ArrayList<>();

  Report add(String label, String jsonName, String value) {
    fields.add(
        new Field(
            Objects.requireNonNull(label, "label is missing"),
            Objects.requireNonNull(jsonName, "jsonName is missing"),
            Objects.requireNonNull(value, "value of " + jsonName + " is missing")));
    return this;
  }

  void print(PrintStream out, boolean json) {
    if (json) {
      out.println(toJson());
      return;
    }
    int width = fields.stream().mapToInt(field -> field.label().length()).max().orElse(0);
    for (Field field : fields) {
      out.println(String.format("%-" + width + "s  %s", field.label(), field.value()));
    }
  }

  private String toJson() {
    Map<String, String> object = new LinkedHashMap<>();
    fields.forEach(field -> object.put(field.jsonName(), field.value()));
    try {
      return JSON.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a map of strings did not serialise", e);
    }
  }
}
