package dev.tollgate.core.channel;

import dev.tollgate.core.hash.Keccak;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Uint256;
import java.util.Objects;

/**
 * Where a channel lives before and after it is deployed: the CREATE2 address the factory gives the
 * EIP-1167 proxy of the mastercopy for (alice, bob) on one chain. Knowing it off chain is what lets
 * a payer deposit to a channel that does not exist yet.
 */
public final class ChannelAddresses {
  private static final byte[] PROXY_PREFIX =
      Hex.decode("0x3d602d80600a3d3981f3363d3d373d3d3d363d73");
  private static final byte[] PROXY_SUFFIX = Hex.decode("0x5af43d82803e903d91602b57fd5bf3");

  private ChannelAddresses() {}

  /** The init code of a channel proxy: it copies the call and delegates to {@code mastercopy}. */
  public static byte[] proxyCreationCode(Address mastercopy) {
    Objects.requireNonNull(mastercopy, "mastercopy");
    byte[] code = new byte[PROXY_PREFIX.length + 20 + PROXY_SUFFIX.length];
    System.arraycopy(PROXY_PREFIX, 0, code, 0, PROXY_PREFIX.length);
    mastercopy.copyTo(code, PROXY_PREFIX.length);
    System.arraycopy(PROXY_SUFFIX, 0, code, PROXY_PREFIX.length + 20, PROXY_SUFFIX.length);
    return code;
  }

  /** {@code keccak256(abi.encodePacked(alice, bob, chainId))}. */
  public static Bytes32 salt(Address alice, Address bob, long chainId) {
    Objects.requireNonNull(alice, "alice");
    Objects.requireNonNull(bob, "bob");
    if (chainId <= 0) {
      throw new IllegalArgumentException("chainId must be positive, got " + chainId);
    }
    byte[] packed = new byte[20 + 20 + 32];
    alice.copyTo(packed, 0);
    bob.copyTo(packed, 20);
    Uint256.of(chainId).writeWord(packed, 40);
    return Keccak.hash(packed);
  }

  /** The channel address {@code factory.getChannelAddress(alice, bob)} returns. */
  public static Address channelAddress(
      Address factory, Address mastercopy, Address alice, Address bob, long chainId) {
    Objects.requireNonNull(factory, "factory");
    byte[] input = new byte[1 + 20 + 32 + 32];
    input[0] = (byte) 0xff;
    factory.copyTo(input, 1);
    salt(alice, bob, chainId).copyTo(input, 21);
    Keccak.hash(proxyCreationCode(mastercopy)).copyTo(input, 53);
    byte[] digest = Keccak.digest(input);
    byte[] address = new byte[20];
    System.arraycopy(digest, 12, address, 0, 20);
    return Address.of(address);
  }
}
