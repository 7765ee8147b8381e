package dev.tollgate.x402;

import dev.tollgate.core.hash.Keccak;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.value.Bytes32;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The lock of a payer-locked payment ({@link PayerLockExtra}): the payer picks a random {@code
 * lockSalt} and locks its create with {@code sha256(preImage)}, where {@code preImage =
 * keccak256("tollgate/payer-lock/v1" ‖ lockSalt ‖ keccak256(resource.url))}.
 *
 * <p>The gateway needs no quote and stores nothing to resolve it: the salt comes in the payload and
 * the resource is the one being paid for, so a create signed for one resource cannot be settled for
 * another, and a requirement can be the same for every request of a route.
 */
public final class PayerLock {
  private static final byte[] DOMAIN = "tollgate/payer-lock/v1".getBytes(StandardCharsets.UTF_8);

  private PayerLock() {}

  public static Bytes32 preImage(Bytes32 lockSalt, String resourceUrl) {
    Objects.requireNonNull(lockSalt, "lockSalt");
    Objects.requireNonNull(resourceUrl, "resourceUrl");
    byte[] input = new byte[DOMAIN.length + 64];
    System.arraycopy(DOMAIN, 0, input, 0, DOMAIN.length);
    lockSalt.copyTo(input, DOMAIN.length);
    Keccak.hash(resourceUrl.getBytes(StandardCharsets.UTF_8)).copyTo(input, DOMAIN.length + 32);
    return Keccak.hash(input);
  }

  /** The {@code lockHash} the create must carry for {@code lockSalt} and {@code resourceUrl}. */
  public static Bytes32 lockHash(Bytes32 lockSalt, String resourceUrl) {
    return HashlockTransfer.lockHash(preImage(lockSalt, resourceUrl));
  }
}
