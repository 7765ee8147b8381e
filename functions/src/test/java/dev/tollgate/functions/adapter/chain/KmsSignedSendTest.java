package dev.tollgate.functions.adapter.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.port.SentTransaction;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.adapter.kms.KmsSigner;
import dev.tollgate.functions.adapter.kms.MotoKmsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/** A transaction signed by a secp256k1 KMS key (moto) is mined as sent from that key's address. */
class KmsSignedSendTest extends SenderChainTest {
  private MotoKmsServer moto;
  private KmsClient kms;

  @BeforeAll
  void startKms() {
    moto = MotoKmsServer.start();
    kms = moto.newClient();
  }

  @AfterAll
  void stopKms() {
    if (kms != null) {
      kms.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void aKmsSignedTransactionIsMinedFromTheKeysAddress() throws Exception {
    String keyId =
        kms.createKey(r -> r.keySpec(KeySpec.ECC_SECG_P256_K1).keyUsage(KeyUsageType.SIGN_VERIFY))
            .keyMetadata()
            .keyId();
    KmsSigner signer = new KmsSigner(kms, keyId);
    chain.fund(signer.address());
    TransactionSender sender = sender(signer, freshLedger(), testSettings());
    Address spender = chain.deployment.channelFactory();

    SentTransaction sent =
        sender.send("approve(4242)", chain.token(), chain.approve(spender, 4242));

    assertThat(chain.transaction(sent.hash()).orElseThrow().getFrom())
        .isEqualToIgnoringCase(signer.address().toChecksumHex());
    assertThat(chain.allowance(signer.address(), spender)).isEqualTo(4242);
  }
}
