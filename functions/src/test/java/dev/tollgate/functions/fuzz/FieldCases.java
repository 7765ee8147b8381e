package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.Family.FIELDS;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;

/**
 * Fields removed, nulled, renamed, added, and array elements added. A required field (anything but
 * the optional {@code resource} and its parts) is removed from a genuine payment, which that alone
 * must spoil. An unknown field is added to the genuine payment only in {@code accepted.extra},
 * which Tollgate closes; elsewhere x402 leaves objects open, so it goes on the stranger-signed
 * twin, where it may pass through to the signature check.
 */
final class FieldCases extends CaseSource {
  private static final List<String> OBJECTS =
      List.of(
          "",
          "accepted",
          "accepted.extra",
          "resource",
          "payload",
          "payload.balance",
          "payload.details",
          "payload.details.balance",
          "payload.details.transferInitialState");

  private static final List<String> ARRAYS =
      List.of(
          "payload.balance.amount",
          "payload.balance.to",
          "payload.details.balance.amount",
          "payload.details.balance.to",
          "payload.details.transferEncodings");

  FieldCases(PaymentMaterial m) {
    super(FIELDS);
    kind("removed", (kind, r) -> change(m, r, kind, Change.REMOVE));
    kind("null", (kind, r) -> change(m, r, kind, Change.NULL));
    kind("renamed", (kind, r) -> change(m, r, kind, Change.RENAME));
    kind(
        "unknown-field-added",
        (kind, r) -> {
          Payment p = m.payment(r);
          String at = Mutate.pick(r, OBJECTS);
          boolean closed = at.equals("accepted.extra");
          ObjectNode json = closed ? p.json() : p.strangerJson();
          ObjectNode target = at.isEmpty() ? json : JsonTree.object(json, at);
          target.put("unknown" + r.nextInt(1000), Mutate.printable(r, 8));
          FuzzCase c =
              FuzzCase.of(
                  FIELDS,
                  kind + ":" + (at.isEmpty() ? "(root)" : at),
                  p.path(),
                  Payment.base64(json));
          return closed ? c.expecting("invalid_payload") : c;
        });
    kind(
        "array-element-added",
        (kind, r) -> {
          Payment p = m.payment(r);
          String at = Mutate.pick(r, ARRAYS);
          ObjectNode json = p.json();
          ArrayNode array = (ArrayNode) JsonTree.get(json, at);
          array.add(array.get(r.nextInt(array.size())).deepCopy());
          return FuzzCase.of(FIELDS, kind + ":" + at, p.path(), Payment.base64(json));
        });
    kind(
        "array-emptied",
        (kind, r) -> {
          Payment p = m.payment(r);
          String at = Mutate.pick(r, ARRAYS);
          ObjectNode json = p.json();
          ((ArrayNode) JsonTree.get(json, at)).removeAll();
          return FuzzCase.of(FIELDS, kind + ":" + at, p.path(), Payment.base64(json));
        });
  }

  private enum Change {
    REMOVE,
    NULL,
    RENAME
  }

  private static FuzzCase change(PaymentMaterial m, Random r, String kind, Change change) {
    Payment p = m.payment(r);
    List<JsonTree.Path> paths = JsonTree.paths(p.json());
    JsonTree.Path path = Mutate.pick(r, paths);
    boolean optional = WrongTypeCases.ignored(path);
    ObjectNode json = optional ? p.strangerJson() : p.json();
    switch (change) {
      case REMOVE -> JsonTree.remove(json, path);
      case NULL -> JsonTree.set(json, path, Mutate.JSON.nullNode());
      case RENAME -> {
        var value = JsonTree.get(json, path);
        JsonTree.remove(json, path);
        if (!(path.last() instanceof Integer)) {
          String name = (String) path.last();
          String renamed =
              Character.isUpperCase(name.charAt(0))
                  ? name.toLowerCase(java.util.Locale.ROOT)
                  : Character.toUpperCase(name.charAt(0)) + name.substring(1);
          ObjectNode parent =
              path.parent().segments().isEmpty()
                  ? json
                  : (ObjectNode) JsonTree.get(json, path.parent());
          parent.set(renamed, value);
        }
      }
    }
    return FuzzCase.of(FIELDS, kind + ":" + path, p.path(), Payment.base64(json));
  }
}
