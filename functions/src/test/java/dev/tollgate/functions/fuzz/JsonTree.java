package dev.tollgate.functions.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Paths into a JSON tree and edits at them, so a generator can name and change any node of a
 * payment ({@code accepted.extra.quoteId}, {@code payload.details.balance.amount[0]}).
 */
final class JsonTree {
  private JsonTree() {}

  /** A path: field names and array indexes from the root. */
  record Path(List<Object> segments) {
    Path {
      segments = List.copyOf(segments);
    }

    static Path of(String dotted) {
      List<Object> out = new ArrayList<>();
      for (String part : dotted.split("\\.")) {
        int bracket = part.indexOf('[');
        if (bracket < 0) {
          out.add(part);
        } else {
          out.add(part.substring(0, bracket));
          out.add(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
        }
      }
      return new Path(out);
    }

    Path parent() {
      return new Path(segments.subList(0, segments.size() - 1));
    }

    Object last() {
      return segments.get(segments.size() - 1);
    }

    boolean startsWith(String dotted) {
      List<Object> prefix = of(dotted).segments();
      return segments.size() >= prefix.size() && segments.subList(0, prefix.size()).equals(prefix);
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder();
      for (Object s : segments) {
        if (s instanceof Integer i) {
          out.append('[').append(i).append(']');
        } else {
          out.append(out.length() == 0 ? "" : ".").append(s);
        }
      }
      return out.length() == 0 ? "(root)" : out.toString();
    }
  }

  /** Every node below {@code root}, parents before children. */
  static List<Path> paths(JsonNode root) {
    List<Path> out = new ArrayList<>();
    collect(root, new ArrayList<>(), out);
    return out;
  }

  private static void collect(JsonNode node, List<Object> at, List<Path> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        at.add(field.getKey());
        out.add(new Path(at));
        collect(field.getValue(), at, out);
        at.remove(at.size() - 1);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        at.add(i);
        out.add(new Path(at));
        collect(node.get(i), at, out);
        at.remove(at.size() - 1);
      }
    }
  }

  static JsonNode get(JsonNode root, Path path) {
    JsonNode node = root;
    for (Object s : path.segments()) {
      node = s instanceof Integer i ? node.get(i) : node.get((String) s);
      if (node == null) {
        throw new IllegalArgumentException("no node at " + path);
      }
    }
    return node;
  }

  static JsonNode get(JsonNode root, String dotted) {
    return get(root, Path.of(dotted));
  }

  static void set(JsonNode root, Path path, JsonNode value) {
    JsonNode parent = get(root, path.parent());
    if (path.last() instanceof Integer i) {
      ((ArrayNode) parent).set(i, value);
    } else {
      ((ObjectNode) parent).set((String) path.last(), value);
    }
  }

  static void set(JsonNode root, String dotted, JsonNode value) {
    set(root, Path.of(dotted), value);
  }

  static void setText(JsonNode root, String dotted, String value) {
    set(root, dotted, com.fasterxml.jackson.databind.node.TextNode.valueOf(value));
  }

  static void remove(JsonNode root, Path path) {
    JsonNode parent = get(root, path.parent());
    if (path.last() instanceof Integer i) {
      ((ArrayNode) parent).remove(i);
    } else {
      ((ObjectNode) parent).remove((String) path.last());
    }
  }

  static ObjectNode object(JsonNode root, String dotted) {
    return (ObjectNode) get(root, dotted);
  }
}
