package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.Family.X402_VERSION;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;

/** A genuine payment claiming another x402 version, or none, or not as an integer. */
final class VersionCases extends CaseSource {
  private static final List<JsonNode> VERSIONS =
      List.of(
          Mutate.JSON.numberNode(0),
          Mutate.JSON.numberNode(1),
          Mutate.JSON.numberNode(3),
          Mutate.JSON.numberNode(20),
          Mutate.JSON.numberNode(-2),
          Mutate.JSON.numberNode(2.0),
          Mutate.JSON.numberNode(Long.MAX_VALUE),
          Mutate.JSON.numberNode(BigInteger.ONE.shiftLeft(64).add(BigInteger.TWO)),
          Mutate.JSON.textNode("2"),
          Mutate.JSON.textNode("v2"),
          Mutate.JSON.booleanNode(true),
          Mutate.JSON.nullNode(),
          Mutate.JSON.arrayNode().add(2),
          Mutate.JSON.objectNode().put("major", 2));

  VersionCases(PaymentMaterial m) {
    super(X402_VERSION);
    for (JsonNode version : VERSIONS) {
      kind(
          "x402Version=" + version.toString().replace(':', '='),
          (kind, r) -> {
            Payment p = m.payment(r);
            ObjectNode json = p.json();
            json.set("x402Version", version.deepCopy());
            return FuzzCase.of(X402_VERSION, kind, p.path(), Payment.base64(json))
                .expecting("invalid_x402_version", "invalid_payload");
          });
    }
    kind(
        "x402Version-missing",
        (kind, r) -> {
          Payment p = m.payment(r);
          ObjectNode json = p.json();
          json.remove("x402Version");
          return FuzzCase.of(X402_VERSION, kind, p.path(), Payment.base64(json))
              .expecting("invalid_payload");
        });
  }
}
