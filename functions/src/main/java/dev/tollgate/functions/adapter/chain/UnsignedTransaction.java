package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Hex;
import java.math.BigInteger;
import java.util.Objects;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;

/**
 * An EIP-1559 contract call from the gateway, before signing; it sends no Ether. {@code data} is
 * 0x-prefixed hex.
 */
public record UnsignedTransaction(
    long chainId, long nonce, Address to, String data, BigInteger gasLimit, Fees fees) {
  public UnsignedTransaction {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chainId must be positive, got " + chainId);
    }
    if (nonce < 0) {
      throw new IllegalArgumentException("nonce must not be negative, got " + nonce);
    }
    Objects.requireNonNull(to, "to");
    Hex.decode(data);
    Objects.requireNonNull(gasLimit, "gasLimit");
    if (gasLimit.signum() <= 0) {
      throw new IllegalArgumentException("gasLimit must be positive, got " + gasLimit);
    }
    Objects.requireNonNull(fees, "fees");
  }

  /** The same call at the same nonce, offering {@code other} fees: a replacement. */
  public UnsignedTransaction withFees(Fees other) {
    return new UnsignedTransaction(chainId, nonce, to, data, gasLimit, other);
  }

  RawTransaction toRaw() {
    return RawTransaction.createTransaction(
        chainId,
        BigInteger.valueOf(nonce),
        gasLimit,
        to.toChecksumHex(),
        BigInteger.ZERO,
        data,
        fees.maxPriorityFeePerGas(),
        fees.maxFeePerGas());
  }

  /** The call a recorded signed transaction carries, to sign it again with other fees. */
  public static UnsignedTransaction of(SignedTransaction signed) {
    RawTransaction decoded = TransactionDecoder.decode(signed.raw());
    if (!(decoded instanceof SignedRawTransaction)
        || !(decoded.getTransaction() instanceof Transaction1559 tx)) {
      throw new IllegalArgumentException(
          "transaction " + signed.hash() + " is not a signed EIP-1559 transaction");
    }
    return new UnsignedTransaction(
        tx.getChainId(),
        tx.getNonce().longValueExact(),
        Address.fromHex(tx.getTo().toLowerCase(java.util.Locale.ROOT)),
        tx.getData().startsWith("0x") ? tx.getData() : "0x" + tx.getData(),
        tx.getGasLimit(),
        new Fees(tx.getMaxFeePerGas(), tx.getMaxPriorityFeePerGas()));
  }
}
