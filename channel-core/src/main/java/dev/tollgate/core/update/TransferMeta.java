package dev.tollgate.core.update;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A create's {@code meta}, as vector carries it: data for the parties and any intermediary (a hub's
 * {@code routingId}, {@code path} and quote) that travels with the update but is not part of the
 * signed channel or transfer state, so two updates that differ only in meta carry the same
 * signatures. Any JSON object; held and handed out as a copy, since JSON trees are mutable.
 */
public final class TransferMeta {
  public static final TransferMeta NONE = new TransferMeta(JsonNodeFactory.instance.objectNode());

  private final ObjectNode json;

  private TransferMeta(ObjectNode json) {
    this.json = json;
  }

  public static TransferMeta of(ObjectNode json) {
    Objects.requireNonNull(json, "json");
    return json.isEmpty() ? NONE : new TransferMeta(json.deepCopy());
  }

  public boolean isEmpty() {
    return json.isEmpty();
  }

  /** A copy of the JSON object. */
  public ObjectNode json() {
    return json.deepCopy();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransferMeta other && json.equals(other.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
