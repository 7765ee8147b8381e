package dev.tollgate.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/** Reading a synthesised template as plain maps and lists. */
final class TemplateJson {
  private TemplateJson() {}

  /** Logical id to resource, for every resource of {@code type}. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> resources(Template template, String type) {
    Map<String, Object> resources = (Map<String, Object>) template.toJSON().get("Resources");
    Map<String, Map<String, Object>> found = new LinkedHashMap<>();
    resources.forEach(
        (id, r) -> {
          Map<String, Object> resource = (Map<String, Object>) r;
          if (type.equals(resource.get("Type"))) {
            found.put(id, resource);
          }
        });
    return found;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.get("Properties");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value instanceof List<?> l ? (List<Object>) l : List.of(value);
  }

  /** The one resource of {@code type} whose logical id starts with {@code prefix}. */
  static Map<String, Object> one(Template template, String type, String prefix) {
    List<Map<String, Object>> matching =
        resources(template, type).entrySet().stream()
            .filter(e -> e.getKey().startsWith(prefix))
            .map(Map.Entry::getValue)
            .toList();
    if (matching.size() != 1) {
      throw new AssertionError(
          "expected one " + type + " named " + prefix + "*, found " + matching.size());
    }
    return matching.get(0);
  }

  /** The logical id of the one resource of {@code type} whose id starts with {@code prefix}. */
  static String idOf(Template template, String type, String prefix) {
    List<String> ids =
        resources(template, type).keySet().stream().filter(id -> id.startsWith(prefix)).toList();
    if (ids.size() != 1) {
      throw new AssertionError("expected one " + type + " named " + prefix + "*, found " + ids);
    }
    return ids.get(0);
  }
}
