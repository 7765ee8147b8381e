package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.CreateCases.edit;
import static dev.tollgate.functions.fuzz.Family.CREATE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The create's {@code bobSignature} spoiled every way it can be: a bit flipped in r, s or v, v
 * swapped, the high-s twin, zeroed, r or s zero, r at the curve order, another r, a wrong length,
 * not hex, the stranger's, the payer's over an earlier state, removed, null, moved to {@code
 * aliceSignature}, or an {@code aliceSignature} added that the gateway never made.
 */
final class SignatureKinds {
  private SignatureKinds() {}

  static void register(CaseSource source, PaymentMaterial m) {
    source.kind(
        "bobSignature-r-bit-flipped",
        (kind, r) -> signature(m, r, kind, sig -> flipIn(sig, 0, 32, r)));
    source.kind(
        "bobSignature-s-bit-flipped",
        (kind, r) -> signature(m, r, kind, sig -> flipIn(sig, 32, 64, r)));
    source.kind(
        "bobSignature-v-bit-flipped",
        (kind, r) ->
            signature(m, r, kind, sig -> flipIn(sig, 64, 65, r)).expecting("invalid_payload"));
    source.kind(
        "bobSignature-v-swapped",
        (kind, r) ->
            signature(
                    m,
                    r,
                    kind,
                    sig -> {
                      sig[64] = (byte) (sig[64] == 27 ? 28 : 27);
                      return sig;
                    })
                .expecting("bad_signature"));
    source.kind(
        "bobSignature-high-s-twin",
        (kind, r) -> signature(m, r, kind, SignatureKinds::highS).expecting("invalid_payload"));
    source.kind(
        "bobSignature-zeroed",
        (kind, r) -> signature(m, r, kind, sig -> new byte[65]).expecting("invalid_payload"));
    source.kind(
        "bobSignature-r-zero",
        (kind, r) ->
            signature(
                    m,
                    r,
                    kind,
                    sig -> {
                      Arrays.fill(sig, 0, 32, (byte) 0);
                      return sig;
                    })
                .expecting("invalid_payload"));
    source.kind(
        "bobSignature-r-at-curve-order",
        (kind, r) ->
            signature(
                    m,
                    r,
                    kind,
                    sig -> {
                      Uint256.of(Signature.CURVE_ORDER).writeWord(sig, 0);
                      return sig;
                    })
                .expecting("invalid_payload"));
    source.kind(
        "bobSignature-s-zero",
        (kind, r) ->
            signature(
                    m,
                    r,
                    kind,
                    sig -> {
                      Arrays.fill(sig, 32, 64, (byte) 0);
                      return sig;
                    })
                .expecting("invalid_payload"));
    source.kind(
        "bobSignature-r-random",
        (kind, r) ->
            signature(
                m,
                r,
                kind,
                sig -> {
                  byte[] random = new byte[32];
                  r.nextBytes(random);
                  random[0] &= 0x7f;
                  System.arraycopy(random, 0, sig, 0, 32);
                  return sig;
                }));
    source.kind(
        "bobSignature-wrong-length",
        (kind, r) ->
            signature(
                    m,
                    r,
                    kind,
                    sig ->
                        r.nextBoolean()
                            ? Arrays.copyOf(sig, 64)
                            : Arrays.copyOf(sig, 66 + r.nextInt(64)))
                .expecting("invalid_payload"));
    source.kind(
        "bobSignature-not-hex",
        (kind, r) -> {
          Payment p = m.payment(r);
          String sig = JsonTree.get(p.json(), "payload.bobSignature").asText();
          String bad =
              Mutate.pick(
                  r,
                  "0x",
                  sig.substring(2),
                  sig + "0",
                  sig.substring(0, 66) + "zz" + sig.substring(68),
                  "0x" + " ".repeat(130));
          return edit(p, kind, "bobSignature", Mutate.JSON.textNode(bad))
              .expecting("invalid_payload");
        });
    source.kind(
        "bobSignature-wrong-signer",
        (kind, r) -> {
          Payment p = m.payment(r);
          return FuzzCase.of(CREATE, kind, p.path(), p.strangerHeader()).expecting("bad_signature");
        });
    source.kind(
        "bobSignature-of-an-earlier-state",
        (kind, r) -> {
          Payment p = m.payment(r);
          PaymentMaterial.Settled old = Mutate.pick(r, m.settled());
          String earlier =
              JsonTree.get(Headers.json(old.header()), "payload.bobSignature").asText();
          return edit(p, kind, "bobSignature", Mutate.JSON.textNode(earlier))
              .expecting("bad_signature");
        });
    source.kind(
        "bobSignature-removed",
        (kind, r) -> {
          Payment p = m.payment(r);
          ObjectNode json = p.json();
          JsonTree.object(json, "payload").remove("bobSignature");
          return FuzzCase.of(CREATE, kind, p.path(), Payment.base64(json))
              .expecting("bad_signature");
        });
    source.kind(
        "bobSignature-null",
        (kind, r) -> edit(m.payment(r), kind, "bobSignature", Mutate.JSON.nullNode()));
    source.kind(
        "bobSignature-moved-to-aliceSignature",
        (kind, r) -> {
          Payment p = m.payment(r);
          ObjectNode json = p.json();
          ObjectNode payload = JsonTree.object(json, "payload");
          payload.set("aliceSignature", payload.remove("bobSignature"));
          return FuzzCase.of(CREATE, kind, p.path(), Payment.base64(json))
              .expecting("bad_signature");
        });
    source.kind(
        "aliceSignature-added",
        (kind, r) -> {
          Payment p = m.payment(r);
          ObjectNode json = p.json();
          ObjectNode payload = JsonTree.object(json, "payload");
          String alice =
              Mutate.pick(
                  r,
                  payload.get("bobSignature").asText(),
                  JsonTree.get(p.strangerJson(), "payload.bobSignature").asText());
          payload.put("aliceSignature", alice);
          return FuzzCase.of(CREATE, kind, p.path(), Payment.base64(json))
              .expecting("bad_signature");
        });
  }

  private static FuzzCase signature(
      PaymentMaterial m, Random r, String kind, UnaryOperator<byte[]> change) {
    Payment p = m.payment(r);
    byte[] sig = Hex.decode(JsonTree.get(p.json(), "payload.bobSignature").asText());
    byte[] changed = change.apply(sig.clone());
    if (Arrays.equals(changed, sig)) {
      changed[0] ^= 1;
    }
    return edit(p, kind, "bobSignature", Mutate.JSON.textNode(Hex.encode(changed)));
  }

  private static byte[] flipIn(byte[] sig, int from, int to, Random r) {
    sig[from + r.nextInt(to - from)] ^= (byte) (1 << r.nextInt(8));
    return sig;
  }

  /** The same signature with s' = n - s and v flipped: valid ECDSA, but malleable. */
  private static byte[] highS(byte[] sig) {
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
    Uint256.of(Signature.CURVE_ORDER.subtract(s)).writeWord(sig, 32);
    sig[64] = (byte) (sig[64] == 27 ? 28 : 27);
    return sig;
  }
}
