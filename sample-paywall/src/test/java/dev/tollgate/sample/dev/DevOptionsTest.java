package dev.tollgate.sample.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevOptionsTest {
  private static final Path STATE = Path.of("/tmp/state");

  @Test
  void theBareCommandUsesTheDocumentedDefaults() {
    DevOptions o = DevOptions.parse(List.of(), STATE);
    assertThat(o.port(DevOptions.GATEWAY)).isEqualTo(8080);
    assertThat(o.port(DevOptions.SITE)).isEqualTo(3000);
    assertThat(o.port(DevOptions.ANVIL)).isEqualTo(8545);
    assertThat(o.port(DevOptions.DYNAMODB)).isEqualTo(8000);
    assertThat(o.port(DevOptions.SQS)).isEqualTo(9324);
    assertThat(o.stateDir()).isEqualTo(STATE);
    assertThat(o.blockSeconds()).isEqualTo(1);
    assertThat(o.confirmations()).isEqualTo(2);
    assertThat(o.receiptSeconds()).isEqualTo(3_600);
  }

  @Test
  void everyFlagMovesItsValue() {
    DevOptions o =
        DevOptions.parse(
            List.of(
                "--site-port",
                "4000",
                "--sqs-port",
                "9999",
                "--state-dir",
                "/tmp/x",
                "--block-seconds",
                "2",
                "--confirmations",
                "0",
                "--receipt-seconds",
                "60"),
            STATE);
    assertThat(o.port(DevOptions.SITE)).isEqualTo(4000);
    assertThat(o.port(DevOptions.SQS)).isEqualTo(9999);
    assertThat(o.stateDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(o.blockSeconds()).isEqualTo(2);
    assertThat(o.confirmations()).isZero();
    assertThat(o.receiptSeconds()).isEqualTo(60);
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(() -> DevOptions.parse(List.of("--gateway-port", "http"), STATE))
        .hasMessage("--gateway-port needs a whole number, got http");
    assertThatThrownBy(() -> DevOptions.parse(List.of("--gateway-port", "70000"), STATE))
        .hasMessage("gateway port must be 1..65535, got 70000");
    assertThatThrownBy(() -> DevOptions.parse(List.of("--site-port", "8080"), STATE))
        .hasMessageContaining("two servers were given the same port");
    assertThatThrownBy(() -> DevOptions.parse(List.of("--chain-port", "1"), STATE))
        .hasMessage("unknown option: --chain-port");
    assertThatThrownBy(() -> DevOptions.parse(List.of("--site-port"), STATE))
        .hasMessage("unknown option or missing value: --site-port");
    assertThatThrownBy(() -> DevOptions.parse(List.of("--block-seconds", "0"), STATE))
        .hasMessage("block time must be 1..60 seconds, got 0");
    assertThatThrownBy(() -> DevOptions.parse(List.of("--receipt-seconds", "0"), STATE))
        .hasMessage("receipt time must be at least 1 second, got 0");
  }
}
