package dev.tollgate.functions.harness;

import dev.tollgate.core.value.Hex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Everything a gateway stack has stored, in a canonical form: each of its three tables scanned in
 * full (consistent reads, every page), each item written as its attributes in name order with every
 * value typed and exact (binary as hex), and the items sorted. Two snapshots are equal exactly when
 * the tables hold the same items with the same bytes, so a test can show that a refused request
 * changed nothing.
 *
 * <pre>{@code
 * StoredTables.Snapshot before = StoredTables.of(stack).snapshot();
 * // ... a request that must be refused ...
 * assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
 * }</pre>
 */
public final class StoredTables {
  public static final List<String> TABLES = List.of("channels", "updates", "transfers", "chain");

  private final DynamoDbClient dynamo;
  private final String prefix;

  private StoredTables(DynamoDbClient dynamo, String prefix) {
    this.dynamo = dynamo;
    this.prefix = prefix;
  }

  /** The tables of {@code stack}'s gateway (named by its {@code tollgate.tables.prefix}). */
  public static StoredTables of(GatewayStack stack) {
    return new StoredTables(
        stack.dynamoClient(), (String) stack.properties().get("tollgate.tables.prefix"));
  }

  /** Every item of every table, now. */
  public Snapshot snapshot() {
    Map<String, List<String>> tables = new TreeMap<>();
    for (String table : TABLES) {
      tables.put(prefix + table, scan(prefix + table));
    }
    return new Snapshot(Collections.unmodifiableMap(tables));
  }

  private List<String> scan(String table) {
    List<String> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      ScanRequest.Builder request = ScanRequest.builder().tableName(table).consistentRead(true);
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      ScanResponse page = dynamo.scan(request.build());
      page.items().forEach(item -> items.add(canonical(item)));
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    Collections.sort(items);
    return List.copyOf(items);
  }

  /** {@code {name=TYPE:value, ...}} in attribute-name order. */
  static String canonical(Map<String, AttributeValue> item) {
    StringBuilder out = new StringBuilder("{");
    new TreeMap<>(item)
        .forEach(
            (name, value) -> {
              if (out.length() > 1) {
                out.append(", ");
              }
              out.append(name).append('=').append(canonical(value));
            });
    return out.append('}').toString();
  }

  private static String canonical(AttributeValue v) {
    if (v.s() != null) {
      return "S:" + quote(v.s());
    }
    if (v.n() != null) {
      return "N:" + v.n();
    }
    if (v.b() != null) {
      return "B:" + hex(v.b());
    }
    if (v.bool() != null) {
      return "BOOL:" + v.bool();
    }
    if (Boolean.TRUE.equals(v.nul())) {
      return "NULL";
    }
    if (v.hasSs()) {
      return "SS:" + sorted(v.ss().stream().map(StoredTables::quote).toList());
    }
    if (v.hasNs()) {
      return "NS:" + sorted(v.ns());
    }
    if (v.hasBs()) {
      return "BS:" + sorted(v.bs().stream().map(StoredTables::hex).toList());
    }
    if (v.hasL()) {
      return "L:" + v.l().stream().map(StoredTables::canonical).toList();
    }
    if (v.hasM()) {
      return "M:" + canonical(v.m());
    }
    throw new IllegalStateException("an attribute value of no known type: " + v);
  }

  private static List<String> sorted(List<String> values) {
    List<String> copy = new ArrayList<>(values);
    Collections.sort(copy);
    return copy;
  }

  private static String hex(SdkBytes bytes) {
    return Hex.encode(bytes.asByteArray());
  }

  /** JSON-style quoting, so a value holding ", " or "}" cannot blur two attributes together. */
  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /**
   * The stored items per table name, each table's items sorted.
   *
   * @param tables table name to its items in canonical form
   */
  public record Snapshot(Map<String, List<String>> tables) {
    /** How many items the tables hold in all. */
    public int itemCount() {
      return tables.values().stream().mapToInt(List::size).sum();
    }

    public List<String> items(String table) {
      return tables.getOrDefault(table, List.of());
    }
  }
}
