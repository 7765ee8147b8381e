package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.Family.ACCEPTED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.paywall.QuoteBook;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * The echoed requirement ({@code accepted}) of a genuine payment altered, field by field: scheme,
 * network, amount, asset, payTo, maxTimeoutSeconds, every {@code extra} field, the whole
 * requirement of another route; the quote id's kinds are {@link QuoteIdKinds}'. The gateway binds
 * the echo to what it quoted, except that a higher price than quoted is accepted (see its quote
 * book); every other change is made on the genuine payment and must be refused by name.
 */
final class AcceptedCases extends CaseSource {
  AcceptedCases(PaymentMaterial m, QuoteBook otherGateway) {
    super(ACCEPTED);
    QuoteIdKinds.register(this, m, otherGateway);
    text(
        m,
        "scheme",
        r ->
            Mutate.pick(
                r,
                "exact",
                "VECTOR-HASHLOCK",
                "vector-hashlock ",
                "vector",
                "channel",
                Mutate.printable(r, 12)),
        "unsupported_scheme");
    text(m, "scheme", r -> "", "invalid_payload");
    text(
        m,
        "network",
        r ->
            Mutate.pick(
                r,
                "eip155:1",
                "eip155:031337",
                "EIP155:31337",
                "eip155:31337:0",
                "solana:31337",
                "eip155:" + r.nextInt(1_000_000)),
        "invalid_network");
    text(m, "network", r -> "", "invalid_payload");
    kind(
        "amount-below-the-quote",
        (kind, r) -> {
          Payment p = m.payment(r);
          BigInteger price = p.accepted().amount().value();
          String lower =
              Mutate.pick(r, price.subtract(BigInteger.ONE), BigInteger.ZERO, BigInteger.ONE)
                  .toString();
          return edit(p, kind, "amount", Mutate.JSON.textNode(lower))
              .expecting("price_below_quote");
        });
    kind(
        "amount-not-canonical",
        (kind, r) -> {
          Payment p = m.payment(r);
          String price = p.accepted().amount().toDecimal();
          String bad =
              Mutate.pick(
                  r,
                  "0" + price,
                  "+" + price,
                  price + ".0",
                  "1e3",
                  "0x3e8",
                  " " + price,
                  "-" + price,
                  "",
                  BigInteger.ONE.shiftLeft(256).toString(),
                  price + "n");
          return edit(p, kind, "amount", Mutate.JSON.textNode(bad)).expecting("invalid_amount");
        });
    kind(
        "amount-as-a-number",
        (kind, r) -> {
          Payment p = m.payment(r);
          return edit(p, kind, "amount", Mutate.JSON.numberNode(p.accepted().amount().value()))
              .expecting("invalid_amount");
        });
    kind(
        "amount-above-the-quote",
        (kind, r) -> {
          Payment p = m.payment(r);
          BigInteger higher =
              p.accepted().amount().value().add(BigInteger.valueOf(1 + r.nextInt(1_000_000)));
          return onTwin(p, kind, "amount", Mutate.JSON.textNode(higher.toString()));
        });
    address(m, "asset", "wrong_asset");
    address(m, "payTo", "wrong_pay_to");
    kind(
        "payTo-is-the-payer",
        (kind, r) -> {
          Payment p = m.payment(r);
          return edit(p, kind, "payTo", Mutate.JSON.textNode(m.payerAddress().toString()))
              .expecting("wrong_pay_to");
        });
    kind(
        "maxTimeoutSeconds-malformed",
        (kind, r) -> {
          Payment p = m.payment(r);
          JsonNode bad =
              Mutate.pick(
                  r,
                  Mutate.JSON.numberNode(-1),
                  Mutate.JSON.numberNode(1.5),
                  Mutate.JSON.textNode("300"),
                  Mutate.JSON.nullNode(),
                  Mutate.JSON.numberNode(BigInteger.ONE.shiftLeft(64)));
          return edit(p, kind, "maxTimeoutSeconds", bad).expecting("invalid_payload");
        });
    kind(
        "maxTimeoutSeconds-other",
        (kind, r) -> {
          Payment p = m.payment(r);
          long other =
              Mutate.pick(r, 0L, 1L, p.accepted().maxTimeoutSeconds() + 1, 86_400L, Long.MAX_VALUE);
          return edit(p, kind, "maxTimeoutSeconds", Mutate.JSON.numberNode(other))
              .expecting("invalid_quote");
        });
    for (String contract : List.of("channelFactoryAddress", "transferRegistryAddress")) {
      kind(
          "extra." + contract + "-malformed",
          (kind, r) -> {
            Payment p = m.payment(r);
            Address now =
                Address.fromHex(JsonTree.get(p.json(), "accepted.extra." + contract).asText());
            return edit(
                    p,
                    kind,
                    "extra." + contract,
                    Mutate.JSON.textNode(Mutate.malformedAddress(now, r)))
                .expecting("invalid_payload");
          });
      kind(
          "extra." + contract + "-other",
          (kind, r) -> {
            Payment p = m.payment(r);
            return edit(p, kind, "extra." + contract, Mutate.JSON.textNode(Mutate.otherAddress(r)))
                .expecting("invalid_quote");
          });
    }
    kind(
        "extra.transferDefinition-other",
        (kind, r) -> {
          Payment p = m.payment(r);
          String other =
              Mutate.pick(
                  r,
                  m.withdrawDefinition().toString(),
                  Mutate.otherAddress(r, m.hashlockDefinition()));
          return edit(p, kind, "extra.transferDefinition", Mutate.JSON.textNode(other))
              .expecting("lock_mismatch");
        });
    kind(
        "extra.transferDefinition-malformed",
        (kind, r) -> {
          Payment p = m.payment(r);
          return edit(
                  p,
                  kind,
                  "extra.transferDefinition",
                  Mutate.JSON.textNode(Mutate.malformedAddress(m.hashlockDefinition(), r)))
              .expecting("invalid_payload");
        });
    kind(
        "extra.transferTimeout-other",
        (kind, r) -> {
          Payment p = m.payment(r);
          BigInteger t = p.accepted().extra().transferTimeout().value();
          BigInteger other =
              Mutate.pick(
                  r,
                  t.add(BigInteger.ONE),
                  t.subtract(BigInteger.ONE),
                  BigInteger.ZERO,
                  t.shiftLeft(40));
          return edit(p, kind, "extra.transferTimeout", Mutate.JSON.textNode(other.toString()))
              .expecting("lock_mismatch");
        });
    kind(
        "extra.transferTimeout-malformed",
        (kind, r) -> {
          Payment p = m.payment(r);
          return edit(
                  p,
                  kind,
                  "extra.transferTimeout",
                  Mutate.JSON.textNode(Mutate.pick(r, "-1", "86400.0", "", "0x15180")))
              .expecting("invalid_payload");
        });
    kind(
        "extra.lockHash-bit-flipped",
        (kind, r) -> {
          Payment p = m.payment(r);
          return edit(
                  p,
                  kind,
                  "extra.lockHash",
                  Mutate.JSON.textNode(Mutate.flipBit(p.accepted().extra().lockHash().toHex(), r)))
              .expecting("lock_mismatch");
        });
    kind(
        "extra.lockHash-zero-or-malformed",
        (kind, r) -> {
          Payment p = m.payment(r);
          String bad =
              Mutate.pick(
                  r, Bytes32.ZERO.toHex(), Mutate.randomHex(r, 31), Mutate.randomHex(r, 33), "0x");
          return edit(p, kind, "extra.lockHash", Mutate.JSON.textNode(bad))
              .expecting("lock_mismatch", "invalid_payload");
        });
    kind(
        "extra.lockExpiry-other",
        (kind, r) -> {
          Payment p = m.payment(r);
          String other = Mutate.pick(r, "1", Long.toString(HttpPayer.now() + 600), "99999999999");
          return edit(p, kind, "extra.lockExpiry", Mutate.JSON.textNode(other))
              .expecting("lock_mismatch");
        });
    kind(
        "extra.lockExpiry-malformed",
        (kind, r) -> {
          Payment p = m.payment(r);
          return edit(
                  p,
                  kind,
                  "extra.lockExpiry",
                  Mutate.JSON.textNode(Mutate.pick(r, "-1", "", "00", "1.0")))
              .expecting("invalid_payload");
        });
    kind(
        "extra.quoteExpiresAt-malformed",
        (kind, r) -> {
          Payment p = m.payment(r);
          JsonNode bad =
              Mutate.pick(
                  r,
                  Mutate.JSON.numberNode(-1),
                  Mutate.JSON.textNode("soon"),
                  Mutate.JSON.numberNode(1.5));
          return edit(p, kind, "extra.quoteExpiresAt", bad).expecting("invalid_payload");
        });
    kind(
        "extra.quoteExpiresAt-other",
        (kind, r) -> {
          Payment p = m.payment(r);
          long at = p.accepted().extra().quoteExpiresAt();
          return edit(
                  p,
                  kind,
                  "extra.quoteExpiresAt",
                  Mutate.JSON.numberNode(Mutate.pick(r, 0L, at - 1000, at + 1000, Long.MAX_VALUE)))
              .expecting("invalid_quote");
        });
    kind(
        "extra.unknown-field",
        (kind, r) -> {
          Payment p = m.payment(r);
          ObjectNode json = p.json();
          JsonTree.object(json, "accepted.extra")
              .put(Mutate.pick(r, "preImage", "price", "quoteid", "lockhash"), "0x00");
          return FuzzCase.of(ACCEPTED, kind, p.path(), Payment.base64(json))
              .expecting("invalid_payload");
        });
    kind(
        "extra-missing-or-not-an-object",
        (kind, r) -> {
          Payment p = m.payment(r);
          ObjectNode json = p.json();
          ObjectNode accepted = JsonTree.object(json, "accepted");
          switch (r.nextInt(3)) {
            case 0 -> accepted.remove("extra");
            case 1 -> accepted.putArray("extra");
            default -> accepted.put("extra", Payment.text(accepted.get("extra")));
          }
          return FuzzCase.of(ACCEPTED, kind, p.path(), Payment.base64(json))
              .expecting("invalid_payload");
        });
    kind(
        "accepted-of-another-route",
        (kind, r) -> {
          Payment p = m.payment(r);
          String elsewhere =
              p.path().equals(PaymentMaterial.PATHS.get(2))
                  ? PaymentMaterial.PATHS.get(0)
                  : PaymentMaterial.PATHS.get(2);
          ObjectNode json = p.json();
          json.set("accepted", m.payment(elsewhere).accepted().toJson());
          return FuzzCase.of(ACCEPTED, kind, p.path(), Payment.base64(json))
              .expecting("resource_mismatch");
        });
    kind(
        "unknown-field-in-accepted",
        (kind, r) -> {
          Payment p = m.payment(r);
          ObjectNode json = p.strangerJson();
          JsonTree.object(json, "accepted")
              .put(Mutate.pick(r, "description", "resource", "Amount", "price"), "1");
          return FuzzCase.of(ACCEPTED, kind, p.path(), Payment.base64(json));
        });
  }

  private void text(
      PaymentMaterial m,
      String field,
      java.util.function.Function<Random, String> value,
      String reason) {
    kind(
        field + "-" + reason,
        (kind, r) -> {
          Payment p = m.payment(r);
          String v = value.apply(r);
          if (v.equals(JsonTree.get(p.json(), "accepted." + field).asText())) {
            v = v + "x";
          }
          return edit(p, kind, field, Mutate.JSON.textNode(v)).expecting(reason);
        });
  }

  private void address(PaymentMaterial m, String field, String reason) {
    kind(
        field + "-other",
        (kind, r) -> {
          Payment p = m.payment(r);
          Address now = Address.fromHex(JsonTree.get(p.json(), "accepted." + field).asText());
          String other = r.nextBoolean() ? Mutate.otherAddress(r, now) : Address.ZERO.toString();
          return edit(p, kind, field, Mutate.JSON.textNode(other)).expecting(reason);
        });
    kind(
        field + "-malformed",
        (kind, r) -> {
          Payment p = m.payment(r);
          Address now = Address.fromHex(JsonTree.get(p.json(), "accepted." + field).asText());
          return edit(p, kind, field, Mutate.JSON.textNode(Mutate.malformedAddress(now, r)))
              .expecting("invalid_payload");
        });
  }

  /** The genuine payment with {@code accepted.<field>} set to {@code value}. */
  static FuzzCase edit(Payment p, String kind, String field, JsonNode value) {
    ObjectNode json = p.json();
    JsonTree.set(json, "accepted." + field, value);
    return FuzzCase.of(ACCEPTED, kind, p.path(), Payment.base64(json));
  }

  /** The stranger-signed twin with {@code accepted.<field>} set to {@code value}. */
  private static FuzzCase onTwin(Payment p, String kind, String field, JsonNode value) {
    ObjectNode json = p.strangerJson();
    JsonTree.set(json, "accepted." + field, value);
    return FuzzCase.of(ACCEPTED, kind, p.path(), Payment.base64(json));
  }
}
