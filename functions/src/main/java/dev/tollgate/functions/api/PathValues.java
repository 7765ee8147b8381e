package dev.tollgate.functions.api;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;

/** Path and body values parsed into refusals that name the parameter, never exceptions. */
final class PathValues {
  private PathValues() {}

  static Checked<Address> address(String name, String value) {
    try {
      return Checked.ok(Address.fromHex(value));
    } catch (IllegalArgumentException e) {
      return Checked.refused(
          GatewayReason.MALFORMED_REQUEST, name + " is not an address: " + e.getMessage());
    }
  }

  static Checked<Bytes32> bytes32(String name, String value) {
    try {
      return Checked.ok(Bytes32.fromHex(value));
    } catch (IllegalArgumentException e) {
      return Checked.refused(
          GatewayReason.MALFORMED_REQUEST, name + " is not 32 bytes of hex: " + e.getMessage());
    }
  }
}
