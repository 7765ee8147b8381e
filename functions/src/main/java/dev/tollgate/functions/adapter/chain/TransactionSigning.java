package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.hash.Keccak;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Signature;
import java.util.Arrays;
import java.util.Objects;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;

/**
 * Signs EIP-1559 transactions with the gateway's {@link Signer}, so a KMS key signs them as it
 * signs channel states: the digest is keccak256 of the typed signing payload (0x02 ‖ rlp(fields)),
 * and the envelope carries the signature's recovery id as yParity.
 */
public final class TransactionSigning {
  private final Signer signer;

  public TransactionSigning(Signer signer) {
    this.signer = Objects.requireNonNull(signer, "signer");
  }

  public Address sender() {
    return signer.address();
  }

  public SignedTransaction sign(UnsignedTransaction tx, long sentAt) {
    RawTransaction raw = tx.toRaw();
    Signature signature = signer.sign(Keccak.hash(TransactionEncoder.encode(raw)));
    byte[] rs = signature.compact();
    // web3j turns v 27/28 into yParity 0/1 for typed transactions.
    Sign.SignatureData sig =
        new Sign.SignatureData(
            (byte) (27 + signature.recoveryId()),
            Arrays.copyOfRange(rs, 0, 32),
            Arrays.copyOfRange(rs, 32, 64));
    byte[] signed = TransactionEncoder.encode(raw, sig);
    Bytes32 hash = Keccak.hash(signed);
    return new SignedTransaction(
        tx.nonce(), hash, Hex.encode(signed), tx.fees(), tx.gasLimit(), sentAt);
  }
}
