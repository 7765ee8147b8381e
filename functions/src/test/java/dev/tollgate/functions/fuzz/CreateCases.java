package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.Family.CREATE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.harness.HttpPayer;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * The signed create of a genuine payment altered, field by field, without signing again: the
 * channel, the parties, the nonce, the balances, the asset, every detail of the transfer (id,
 * amounts, recipients, definition, timeout, lock hash, expiry, encodings, merkle root; the
 * transfer's initial state hash is not on the wire, it is computed from the initial state). The
 * payer signed a state, and every field either is that state or is regenerated from it, so no
 * change can leave a valid payment. The signature's own kinds are {@link SignatureKinds}'; creates
 * the payer does sign but that are wrong all the same, {@link SignedCreateKinds}'.
 */
final class CreateCases extends CaseSource {
  CreateCases(PaymentMaterial m) {
    super(CREATE);
    kind(
        "channelAddress-unknown",
        (kind, r) -> {
          Payment p = m.payment(r);
          String other =
              Mutate.pick(
                  r,
                  Mutate.otherAddress(r),
                  m.gateway().toString(),
                  Address.ZERO.toString(),
                  m.unopenedChannel().toString());
          return edit(p, kind, "channelAddress", Mutate.JSON.textNode(other))
              .expecting("channel_not_open");
        });
    kind(
        "channelAddress-another-payers",
        (kind, r) ->
            edit(
                m.payment(r),
                kind,
                "channelAddress",
                Mutate.JSON.textNode(m.victim().channel().toString())));
    kind(
        "fromIdentifier-other",
        (kind, r) -> {
          Payment p = m.payment(r);
          String other =
              Mutate.pick(
                  r,
                  m.gateway().toString(),
                  m.victim().payer().address().toString(),
                  m.stranger().address().toString(),
                  Address.ZERO.toString());
          return edit(p, kind, "fromIdentifier", Mutate.JSON.textNode(other));
        });
    kind(
        "toIdentifier-other",
        (kind, r) -> {
          Payment p = m.payment(r);
          String other =
              Mutate.pick(
                  r,
                  m.payerAddress().toString(),
                  m.victim().payer().address().toString(),
                  m.stranger().address().toString(),
                  Address.ZERO.toString());
          return edit(p, kind, "toIdentifier", Mutate.JSON.textNode(other))
              .expecting("wrong_pay_to");
        });
    kind("nonce-plus-one", (kind, r) -> nonce(m, r, kind, +1).expecting("skipped_nonce"));
    kind("nonce-minus-one", (kind, r) -> nonce(m, r, kind, -1).expecting("stale_nonce"));
    kind(
        "nonce-far-ahead",
        (kind, r) -> nonce(m, r, kind, 2 + r.nextInt(1_000_000)).expecting("skipped_nonce"));
    kind(
        "nonce-far-behind",
        (kind, r) -> {
          Payment p = m.payment(r);
          long to = 1 + r.nextInt((int) m.payerNonce() - 1);
          return edit(p, kind, "nonce", Mutate.JSON.numberNode(to)).expecting("stale_nonce");
        });
    kind(
        "nonce-malformed",
        (kind, r) -> {
          JsonNode bad =
              Mutate.pick(
                  r,
                  Mutate.JSON.numberNode(-1),
                  Mutate.JSON.numberNode(1.5),
                  Mutate.JSON.textNode(Long.toString(m.payerNonce() + 1)),
                  Mutate.JSON.numberNode(BigInteger.ONE.shiftLeft(64)));
          return edit(m.payment(r), kind, "nonce", bad).expecting("invalid_payload");
        });
    kind(
        "type-other",
        (kind, r) ->
            edit(
                    m.payment(r),
                    kind,
                    "type",
                    Mutate.JSON.textNode(
                        Mutate.pick(r, "setup", "deposit", "resolve", "withdraw", "Create", "")))
                .expecting("invalid_payload"));
    for (String at :
        List.of("balance.amount[0]", "balance.amount[1]", "details.balance.amount[0]")) {
      kind(
          at + "-changed",
          (kind, r) -> {
            Payment p = m.payment(r);
            BigInteger now = new BigInteger(JsonTree.get(p.json(), "payload." + at).asText());
            BigInteger other = now.add(BigInteger.valueOf(Mutate.pick(r, 1L, -1L, 1000L, -1000L)));
            if (other.signum() < 0) {
              other = now.add(BigInteger.ONE);
            }
            return edit(p, kind, at, Mutate.JSON.textNode(other.toString()));
          });
    }
    kind(
        "details.balance.amount[1]-nonzero",
        (kind, r) ->
            edit(
                m.payment(r),
                kind,
                "details.balance.amount[1]",
                Mutate.JSON.textNode(Integer.toString(1 + r.nextInt(1000)))));
    for (String at : List.of("balance.to", "details.balance.to")) {
      kind(
          at + "-swapped",
          (kind, r) -> {
            Payment p = m.payment(r);
            ArrayNode to = ((ArrayNode) JsonTree.get(p.json(), "payload." + at)).deepCopy();
            JsonNode first = to.get(0);
            to.set(0, to.get(1));
            to.set(1, first);
            return edit(p, kind, at, to);
          });
      kind(
          at + "-changed",
          (kind, r) -> {
            Payment p = m.payment(r);
            ArrayNode to = ((ArrayNode) JsonTree.get(p.json(), "payload." + at)).deepCopy();
            int i = r.nextInt(2);
            to.set(
                i,
                Mutate.JSON.textNode(Mutate.otherAddress(r, Address.fromHex(to.get(i).asText()))));
            return edit(p, kind, at, to);
          });
    }
    kind(
        "assetId-other",
        (kind, r) ->
            edit(
                    m.payment(r),
                    kind,
                    "assetId",
                    Mutate.JSON.textNode(Mutate.otherAddress(r, m.token())))
                .expecting("wrong_asset"));
    kind(
        "details.transferId-bit-flipped",
        (kind, r) -> flip(m.payment(r), kind, "details.transferId", r));
    kind(
        "details.transferId-zero",
        (kind, r) ->
            edit(
                m.payment(r),
                kind,
                "details.transferId",
                Mutate.JSON.textNode(Bytes32.ZERO.toHex())));
    kind(
        "details.transferDefinition-other",
        (kind, r) ->
            edit(
                    m.payment(r),
                    kind,
                    "details.transferDefinition",
                    Mutate.JSON.textNode(
                        Mutate.pick(
                            r,
                            m.withdrawDefinition().toString(),
                            Mutate.otherAddress(r, m.hashlockDefinition()))))
                .expecting("lock_mismatch"));
    kind(
        "details.transferTimeout-other",
        (kind, r) -> {
          Payment p = m.payment(r);
          BigInteger t =
              new BigInteger(JsonTree.get(p.json(), "payload.details.transferTimeout").asText());
          BigInteger other =
              Mutate.pick(
                  r,
                  t.add(BigInteger.ONE),
                  t.subtract(BigInteger.ONE),
                  BigInteger.ZERO,
                  Uint256.MAX_VALUE);
          return edit(p, kind, "details.transferTimeout", Mutate.JSON.textNode(other.toString()))
              .expecting("lock_mismatch");
        });
    kind(
        "details.transferInitialState.lockHash-bit-flipped",
        (kind, r) ->
            flip(m.payment(r), kind, "details.transferInitialState.lockHash", r)
                .expecting("lock_mismatch"));
    kind(
        "details.transferInitialState.lockHash-zero",
        (kind, r) ->
            edit(
                    m.payment(r),
                    kind,
                    "details.transferInitialState.lockHash",
                    Mutate.JSON.textNode(Bytes32.ZERO.toHex()))
                .expecting("lock_mismatch"));
    kind(
        "details.transferInitialState.expiry-other",
        (kind, r) ->
            edit(
                    m.payment(r),
                    kind,
                    "details.transferInitialState.expiry",
                    Mutate.JSON.textNode(
                        Mutate.pick(
                            r,
                            "1",
                            Long.toString(HttpPayer.now() + 3600),
                            Uint256.MAX_VALUE.toString())))
                .expecting("lock_mismatch"));
    kind(
        "details.transferInitialState-another-shape",
        (kind, r) -> {
          ObjectNode withdraw = Mutate.JSON.objectNode();
          withdraw.put("initiatorSignature", Mutate.randomHex(r, 65));
          withdraw.put("initiator", m.payerAddress().toString());
          withdraw.put("responder", m.gateway().toString());
          withdraw.put("data", Mutate.randomHex(r, 32));
          withdraw.put("nonce", "1");
          withdraw.put("fee", "0");
          withdraw.put("callTo", Address.ZERO.toString());
          withdraw.put("callData", "0x");
          JsonNode other =
              Mutate.pick(
                  r,
                  withdraw,
                  Mutate.JSON.objectNode(),
                  Mutate.JSON.objectNode().put("preImage", Bytes32.ZERO.toHex()));
          return edit(m.payment(r), kind, "details.transferInitialState", other);
        });
    kind(
        "details.transferEncodings-altered",
        (kind, r) -> {
          Payment p = m.payment(r);
          ArrayNode encodings =
              ((ArrayNode) JsonTree.get(p.json(), "payload.details.transferEncodings")).deepCopy();
          switch (r.nextInt(4)) {
            case 0 -> encodings.remove(r.nextInt(encodings.size()));
            case 1 -> encodings.add("tuple(bytes32 preImage)");
            case 2 ->
                encodings.set(
                    r.nextInt(encodings.size()), Mutate.JSON.textNode("tuple(uint256 x)"));
            default -> {
              JsonNode first = encodings.get(0);
              encodings.set(0, encodings.get(encodings.size() - 1));
              encodings.set(encodings.size() - 1, first);
            }
          }
          return edit(p, kind, "details.transferEncodings", encodings);
        });
    kind(
        "details.merkleRoot-bit-flipped",
        (kind, r) -> flip(m.payment(r), kind, "details.merkleRoot", r));
    kind(
        "details.merkleRoot-zero",
        (kind, r) ->
            edit(
                m.payment(r),
                kind,
                "details.merkleRoot",
                Mutate.JSON.textNode(Bytes32.ZERO.toHex())));
    SignatureKinds.register(this, m);
    SignedCreateKinds.register(this, m);
  }

  private static FuzzCase nonce(PaymentMaterial m, Random r, String kind, long delta) {
    Payment p = m.payment(r);
    long nonce = JsonTree.get(p.json(), "payload.nonce").asLong();
    return edit(p, kind, "nonce", Mutate.JSON.numberNode(nonce + delta));
  }

  private static FuzzCase flip(Payment p, String kind, String at, Random r) {
    String hex = JsonTree.get(p.json(), "payload." + at).asText();
    return edit(p, kind, at, Mutate.JSON.textNode(Mutate.flipBit(hex, r)));
  }

  /** The genuine payment with {@code payload.<field>} set to {@code value}. */
  static FuzzCase edit(Payment p, String kind, String field, JsonNode value) {
    ObjectNode json = p.json();
    JsonTree.set(json, "payload." + field, value);
    return FuzzCase.of(CREATE, kind, p.path(), Payment.base64(json));
  }
}
