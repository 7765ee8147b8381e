package dev.tollgate.functions.events;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.security.SecureRandom;

/** Chain events with random hashes, for tests that do not read a real chain. */
final class TestEvents {
  static final Address TOKEN = address(0x70);
  static final Address GATEWAY = address(0x6a);
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestEvents() {}

  static Address address(int seed) {
    byte[] bytes = new byte[20];
    bytes[0] = (byte) seed;
    bytes[19] = (byte) seed;
    return Address.of(bytes);
  }

  static EventOrigin origin(long block, long logIndex) {
    return new EventOrigin(random32(), logIndex, block, random32());
  }

  static ChainEvent.TokenDeposited deposit(Address channel, long block, long amount) {
    return new ChainEvent.TokenDeposited(
        origin(block, 0), channel, TOKEN, address(0x0b), Uint256.of(amount));
  }

  static ChainEvent.ChannelCreated created(Address channel, long block) {
    return new ChainEvent.ChannelCreated(origin(block, 0), channel, GATEWAY, address(0x0b));
  }

  private static Bytes32 random32() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Bytes32.of(bytes);
  }
}
