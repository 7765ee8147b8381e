package dev.tollgate.functions.adapter.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.hash.Keccak;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Hex;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.crypto.transaction.type.Transaction1559;

/** EIP-1559 transactions signed through the Signer port recover to the signer's address. */
class TransactionSigningTest {
  private static final Address TO = Address.fromHex("0x00000000000000000000000000000000000000aa");

  @Test
  void theSignedEnvelopeRecoversToTheSignerAndHashesToItsHash() throws Exception {
    Random random = new Random(7);
    Set<Integer> parities = new HashSet<>();
    for (int i = 0; i < 16; i++) {
      byte[] key = new byte[32];
      random.nextBytes(key);
      key[0] = 0x11;
      LocalKeySigner signer = LocalKeySigner.fromPrivateKey(key);
      UnsignedTransaction tx = transaction(i, "0xa9059cbb" + "00".repeat(i));

      SignedTransaction signed = new TransactionSigning(signer).sign(tx, 1_700_000_000L);

      assertThat(signed.raw()).startsWith("0x02");
      assertThat(signed.hash()).isEqualTo(Keccak.hash(Hex.decode(signed.raw())));
      SignedRawTransaction decoded = (SignedRawTransaction) TransactionDecoder.decode(signed.raw());
      assertThat(decoded.getFrom()).isEqualToIgnoringCase(signer.address().toChecksumHex());
      assertThat(((Transaction1559) decoded.getTransaction()).getChainId()).isEqualTo(31337L);
      parities.add(signer.sign(Keccak.hash(TransactionEncoder.encode(tx.toRaw()))).recoveryId());
      assertThat(UnsignedTransaction.of(signed)).isEqualTo(tx);
      assertThat(signed.nonce()).isEqualTo(i);
      assertThat(signed.sentAt()).isEqualTo(1_700_000_000L);
    }
    assertThat(parities).as("both recovery ids occur among sixteen keys").hasSize(2);
  }

  @Test
  void aReplacementKeepsTheCallAndNonceAndChangesOnlyTheFees() {
    LocalKeySigner signer = LocalKeySigner.fromHex("0x" + "42".repeat(32));
    TransactionSigning signing = new TransactionSigning(signer);
    UnsignedTransaction tx = transaction(9, "0x1234");
    SignedTransaction original = signing.sign(tx, 0);
    Fees higher = original.fees().bumped(1_250);

    SignedTransaction replacement =
        signing.sign(UnsignedTransaction.of(original).withFees(higher), 5);

    assertThat(replacement.hash()).isNotEqualTo(original.hash());
    assertThat(UnsignedTransaction.of(replacement)).isEqualTo(tx.withFees(higher));
  }

  private static UnsignedTransaction transaction(long nonce, String data) {
    return new UnsignedTransaction(
        31337,
        nonce,
        TO,
        data,
        BigInteger.valueOf(120_000),
        new Fees(BigInteger.valueOf(3_000_000_000L), BigInteger.valueOf(1_000_000_000L)));
  }
}
