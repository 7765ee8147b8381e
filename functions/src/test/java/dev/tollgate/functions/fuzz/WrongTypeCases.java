package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.Family.JSON_TYPES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;

/**
 * Any node of the payment's JSON given a value of another type (a number for a string, an object
 * for an array, null, 1.5, 1e400, 2^300), on the stranger-signed twin. Only the fields the gateway
 * ignores ({@code resource}, {@code extensions}) and the signature itself (a null one is no
 * signature) may carry a wrong type through to the signature check; any other must be refused
 * before it.
 */
final class WrongTypeCases extends CaseSource {
  WrongTypeCases(PaymentMaterial m) {
    super(JSON_TYPES);
    kind("any-node", (kind, r) -> wrongType(m, r, "", kind));
    kind("accepted-node", (kind, r) -> wrongType(m, r, "accepted", kind));
    kind("payload-node", (kind, r) -> wrongType(m, r, "payload", kind));
    kind("payload-details-node", (kind, r) -> wrongType(m, r, "payload.details", kind));
  }

  private static FuzzCase wrongType(PaymentMaterial m, Random r, String under, String kind) {
    Payment p = m.payment(r);
    ObjectNode json = p.strangerJson();
    List<JsonTree.Path> paths =
        JsonTree.paths(json).stream()
            .filter(path -> under.isEmpty() || path.startsWith(under))
            .toList();
    JsonTree.Path path = Mutate.pick(r, paths);
    JsonNode original = JsonTree.get(json, path);
    JsonNode replacement = Mutate.otherType(original, r);
    JsonTree.set(json, path, replacement);
    FuzzCase c =
        FuzzCase.of(
            JSON_TYPES,
            kind + ":" + path + "=" + replacement.getNodeType(),
            p.path(),
            Payment.base64(json));
    return ignored(path) || path.startsWith("payload.bobSignature")
        ? c
        : c.refusedBeforeTheSignature();
  }

  /** Fields the gateway reads only as x402 allows: free-form or informative. */
  static boolean ignored(JsonTree.Path path) {
    return path.startsWith("resource") || path.startsWith("extensions");
  }
}
