package dev.tollgate.core.port;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;

/**
 * Produces low-s r ‖ s ‖ v signatures over 32-byte digests that are already final (no further
 * hashing). Implemented by a local key, a KMS key, or a KMS-wrapped key at the edges.
 */
public interface Signer {
  Address address();

  Signature sign(Bytes32 digest);
}
