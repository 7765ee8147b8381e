package dev.tollgate.functions.harness;

import java.util.Objects;
import software.amazon.awssdk.core.SdkClient;

/**
 * An SDK client and how to stop the emulator it talks to, for the life of one test class. Closing
 * closes the client, then stops the emulator (also when closing the client fails).
 */
public record Emulated<C extends SdkClient>(C client, Runnable stopEmulator)
    implements AutoCloseable {
  public Emulated {
    Objects.requireNonNull(client, "client is missing");
    Objects.requireNonNull(stopEmulator, "stopEmulator is missing");
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      stopEmulator.run();
    }
  }
}
