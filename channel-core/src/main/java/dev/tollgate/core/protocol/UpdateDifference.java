package dev.tollgate.core.protocol;

import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import java.util.Objects;
import java.util.Optional;

/**
 * Names the first field where an inbound update differs from the one regenerated from its params.
 */
final class UpdateDifference {
  private UpdateDifference() {}

  static Optional<String> between(ChannelUpdate expected, ChannelUpdate actual) {
    Optional<String> d =
        field("fromIdentifier", expected.fromIdentifier(), actual.fromIdentifier())
            .or(() -> field("toIdentifier", expected.toIdentifier(), actual.toIdentifier()))
            .or(() -> field("assetId", expected.assetId(), actual.assetId()))
            .or(() -> field("balance", expected.balance(), actual.balance()))
            .or(() -> field("type", expected.type(), actual.type()));
    if (d.isPresent()) {
      return d;
    }
    return details(expected.details(), actual.details())
        .or(
            () ->
                expected.equals(actual)
                    ? Optional.empty()
                    : Optional.of("update differs from the one regenerated from its params"));
  }

  private static Optional<String> details(UpdateDetails expected, UpdateDetails actual) {
    if (expected instanceof UpdateDetails.Deposit e && actual instanceof UpdateDetails.Deposit a) {
      return field("details.totalDepositsAlice", e.totalDepositsAlice(), a.totalDepositsAlice())
          .or(() -> field("details.totalDepositsBob", e.totalDepositsBob(), a.totalDepositsBob()));
    }
    if (expected instanceof UpdateDetails.Create e && actual instanceof UpdateDetails.Create a) {
      return field("details.transferId", e.transferId(), a.transferId())
          .or(() -> field("details.merkleRoot", e.merkleRoot(), a.merkleRoot()))
          .or(
              () ->
                  field("details.transferEncodings", e.transferEncodings(), a.transferEncodings()))
          .or(() -> field("details.meta", e.meta(), a.meta()));
    }
    if (expected instanceof UpdateDetails.Resolve e && actual instanceof UpdateDetails.Resolve a) {
      return field("details.transferDefinition", e.transferDefinition(), a.transferDefinition())
          .or(() -> field("details.merkleRoot", e.merkleRoot(), a.merkleRoot()));
    }
    return field("details", expected, actual);
  }

  private static Optional<String> field(String name, Object expected, Object actual) {
    return Objects.equals(expected, actual)
        ? Optional.empty()
        : Optional.of(name + " is " + actual + " but the params give " + expected);
  }
}
