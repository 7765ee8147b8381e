package dev.tollgate.functions.adapter.kms;

import dev.tollgate.functions.harness.Emulated;
import software.amazon.awssdk.services.kms.KmsClient;

/** KmsWrappedKeySigner against moto. */
class MotoKmsWrappedKeySignerTest extends KmsWrappedKeySignerContract {
  @Override
  Emulated<KmsClient> startKms() {
    return moto();
  }
}
