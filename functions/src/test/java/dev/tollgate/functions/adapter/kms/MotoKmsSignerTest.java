package dev.tollgate.functions.adapter.kms;

import dev.tollgate.functions.harness.Emulated;
import software.amazon.awssdk.services.kms.KmsClient;

/** KmsSigner against moto with the DIGEST patch. */
class MotoKmsSignerTest extends KmsSignerContract {
  @Override
  Emulated<KmsClient> startKms() {
    return moto();
  }
}
