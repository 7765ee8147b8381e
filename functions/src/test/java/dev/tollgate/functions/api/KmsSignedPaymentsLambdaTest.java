package dev.tollgate.functions.api;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static dev.tollgate.functions.harness.GatewayStack.ARTICLE_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.adapter.kms.KmsSigner;
import dev.tollgate.functions.adapter.kms.KmsWrappedKeySigner;
import dev.tollgate.functions.adapter.kms.MotoKmsServer;
import dev.tollgate.functions.adapter.kms.WrappedKey;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * The pay-per-call cycle through the Lambda handler with the gateway's key in KMS (moto, with the
 * DIGEST patch): every signature the gateway hands out recovers to the KMS key's address, in the
 * direct-KMS mode and the wrapped-key mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmsSignedPaymentsLambdaTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(100_000);
  private MotoKmsServer moto;
  private KmsClient kms;

  @BeforeAll
  void startMoto() {
    moto = MotoKmsServer.start();
    kms = moto.newClient();
  }

  @AfterAll
  void stopMoto() {
    kms.close();
    moto.close();
  }

  @Test
  void directKmsSignaturesRecoverToTheKeysAddress() throws Exception {
    String keyId =
        kms.createKey(r -> r.keySpec(KeySpec.ECC_SECG_P256_K1).keyUsage(KeyUsageType.SIGN_VERIFY))
            .keyMetadata()
            .keyId();
    Address keyAddress = new KmsSigner(kms, keyId).address();

    payManyTimes(
        Map.of(
            "tollgate.signer.mode",
            "kms",
            "tollgate.signer.kms-key-id",
            keyId,
            "tollgate.kms.endpoint",
            moto.endpoint().toString()),
        keyAddress);
  }

  @Test
  void wrappedKeySignaturesRecoverToTheWrappedKeysAddress() throws Exception {
    String wrappingKeyId =
        kms.createKey(
                r -> r.keySpec(KeySpec.SYMMETRIC_DEFAULT).keyUsage(KeyUsageType.ENCRYPT_DECRYPT))
            .keyMetadata()
            .keyId();
    WrappedKey wrapped = KmsWrappedKeySigner.provision(kms, wrappingKeyId, new SecureRandom());

    payManyTimes(
        Map.of(
            "tollgate.signer.mode",
            "wrapped",
            "tollgate.signer.wrapping-key-id",
            wrappingKeyId,
            "tollgate.signer.wrapped-key",
            wrapped.ciphertextBase64(),
            "tollgate.kms.endpoint",
            moto.endpoint().toString()),
        wrapped.address());
  }

  private void payManyTimes(Map<String, Object> signer, Address expectedGateway) throws Exception {
    try (GatewayStack stack = GatewayStack.start(signer)) {
      assertThat(Address.fromHex(stack.gatewayAddress())).isEqualTo(expectedGateway);
      HttpPayer payer = HttpPayer.newPayer(stack);
      assertThat(payer.open().status()).isEqualTo(201);
      assertThat(payer.deposit(DEPOSIT).status()).isEqualTo(200);
      int calls = 12;

      for (int i = 0; i < calls; i++) {
        HttpPayer.Paid paid = payer.get(ARTICLES + "kms-" + i);
        assertThat(paid.status()).as(paid.response().body()).isEqualTo(200);
        // The payer's channel-core took the countersigned create only if alice (the address just
        // checked to be the KMS key's) signed it; the resolve's signature is checked here too.
        Channel afterResolve = payer.payer().view();
        assertThat(
                Secp256k1Signatures.isSignedBy(
                    ChannelHashes.channelDigest(afterResolve.state()),
                    paid.settlement().resolveUpdate().orElseThrow().aliceSignature().orElseThrow(),
                    expectedGateway))
            .isTrue();
      }

      Channel view = payer.payer().view();
      assertThat(
              Secp256k1Signatures.isSignedBy(
                  ChannelHashes.channelDigest(view.state()),
                  view.latestUpdate().orElseThrow().aliceSignature().orElseThrow(),
                  expectedGateway))
          .isTrue();
      BigInteger spent = ARTICLE_PRICE.multiply(BigInteger.valueOf(calls));
      assertThat(payer.payer().balanceOf(stack.token(), 0).value()).isEqualTo(spent);
      JsonAssert.assertStoredMatches(stack, payer, DEPOSIT);
    }
  }
}
