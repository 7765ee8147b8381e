package dev.tollgate.functions.adapter.kms;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/** One moto KMS server per test class, started before the class's own setup and stopped after. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MotoKmsTest {
  MotoKmsServer moto;
  KmsClient kms;

  @BeforeAll
  void startMoto() {
    moto = MotoKmsServer.start();
    kms = moto.newClient();
  }

  @AfterAll
  void stopMoto() {
    if (kms != null) {
      kms.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  String createKey(KeySpec spec, KeyUsageType usage) {
    return kms.createKey(request -> request.keySpec(spec).keyUsage(usage)).keyMetadata().keyId();
  }
}
