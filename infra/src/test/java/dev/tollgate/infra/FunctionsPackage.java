package dev.tollgate.infra;

import java.nio.file.Path;

/** The functions module's Lambda package, as the app finds it from {@code infra/}. */
final class FunctionsPackage {
  private FunctionsPackage() {}

  static Path path() {
    return TollgateApp.builtPackage(TollgateApp.FUNCTIONS_TARGET).toAbsolutePath().normalize();
  }
}
