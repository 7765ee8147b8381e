package dev.tollgate.functions.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.value.Uint256;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A hub's fee, and the settings that make a hub, a publisher or a standalone gateway. */
class RoutingSettingsTest {
  @Test
  void theProportionalPartRoundsUpSoAFeeIsNeverBelowItsRate() {
    HubFee fee = new HubFee(Uint256.of(10), 2_500); // 10 base units + 0.25 %
    assertThat(fee.on(Uint256.of(1_000))).isEqualTo(Uint256.of(13)); // 10 + 2.5 -> 3
    assertThat(fee.on(Uint256.of(400))).isEqualTo(Uint256.of(11)); // 10 + 1.0
    assertThat(fee.on(Uint256.of(1))).isEqualTo(Uint256.of(11)); // 10 + 0.0025 -> 1
    assertThat(fee.totalFor(Uint256.of(1_000))).isEqualTo(Uint256.of(1_013));
    assertThat(HubFee.NONE.totalFor(Uint256.of(77))).isEqualTo(Uint256.of(77));
    assertThat(new HubFee(Uint256.ZERO, 1_000_000).on(Uint256.of(5))).isEqualTo(Uint256.of(5));
  }

  @Test
  void aRateOutsideZeroToAMillionIsRefusedByName() {
    assertThatThrownBy(() -> new HubFee(Uint256.ZERO, -1)).hasMessageContaining("fee-ppm");
    assertThatThrownBy(() -> new HubFee(Uint256.ZERO, 1_000_001))
        .hasMessageContaining("0..1000000");
  }

  @Test
  void aPublisherNamesItsHubAndTheLegsLeaveTheHubItsMargin() {
    RoutingSettings publisher =
        RoutingSettings.of(
            "publisher",
            Optional.of("https://hub.example"),
            Optional.of("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
            "0",
            0,
            86_400,
            21_600);
    assertThat(publisher.role()).isEqualTo(GatewayRole.PUBLISHER);
    assertThat(publisher.hubUrl().orElseThrow().getHost()).isEqualTo("hub.example");
    assertThat(publisher.legs().forwardSeconds()).isEqualTo(64_800);

    assertThatThrownBy(
            () ->
                RoutingSettings.of(
                    "publisher",
                    Optional.of("ftp://hub.example"),
                    Optional.of("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
                    "0",
                    0,
                    86_400,
                    21_600))
        .hasMessageContaining("tollgate.routing.hub-url must be an http(s) URL");
    assertThatThrownBy(
            () ->
                RoutingSettings.of(
                    "publisher",
                    Optional.of("https://hub.example"),
                    Optional.of("0x1234"),
                    "0",
                    0,
                    86_400,
                    21_600))
        .hasMessageContaining("tollgate.routing.hub-address must be an address, got '0x1234'");
    assertThatThrownBy(
            () ->
                RoutingSettings.of(
                    "hub", Optional.empty(), Optional.empty(), "-1", 0, 86_400, 21_600))
        .hasMessageContaining("tollgate.routing.fee-flat must be base units");
  }

  @Test
  void gatewayInfoNamesAHubsFeeAndTimeoutsAndAPublishersHub() {
    RoutingSettings hub =
        RoutingSettings.of("hub", Optional.empty(), Optional.empty(), "10", 2_500, 86_400, 21_600);
    RoutingSettings publisher =
        RoutingSettings.of(
            "publisher",
            Optional.of("https://hub.example"),
            Optional.of("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
            "0",
            0,
            86_400,
            21_600);

    assertThat(RoutingJson.of(hub).toString())
        .isEqualTo(
            "{\"role\":\"hub\",\"fee\":{\"flat\":\"10\",\"ppm\":2500},"
                + "\"readerTransferTimeoutSeconds\":86400,\"forwardTransferTimeoutSeconds\":64800}");
    assertThat(RoutingJson.of(publisher).toString())
        .isEqualTo(
            "{\"role\":\"publisher\",\"hub\":{\"url\":\"https://hub.example\","
                + "\"address\":\"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\"}}");
  }
}
