package dev.tollgate.sample.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {
  private static final Path OUT = Path.of("/tmp/load");

  @Test
  void theBareCommandStartsItsOwnStackWithTheDocumentedSizes() {
    LoadOptions o = LoadOptions.parse(List.of(), OUT);
    assertThat(o.channels()).isEqualTo(32);
    assertThat(o.threads()).isEqualTo(16);
    assertThat(o.seconds()).isEqualTo(20);
    assertThat(o.warmupSeconds()).isEqualTo(60);
    assertThat(o.soak()).isFalse();
    assertThat(o.gateway()).isEmpty();
    assertThat(o.out()).isEqualTo(OUT);
  }

  @Test
  void everyFlagMovesItsValue() {
    LoadOptions o =
        LoadOptions.parse(
            List.of(
                "--channels",
                "8",
                "--threads",
                "4",
                "--seconds",
                "3",
                "--warmup-seconds",
                "0",
                "--soak-seconds",
                "600",
                "--sample-seconds",
                "60",
                "--gateway",
                "http://127.0.0.1:8080",
                "--site",
                "http://127.0.0.1:3000",
                "--out",
                "/tmp/o"),
            OUT);
    assertThat(o)
        .isEqualTo(
            new LoadOptions(
                8,
                4,
                3,
                0,
                600,
                60,
                java.util.Optional.of(URI.create("http://127.0.0.1:8080")),
                URI.create("http://127.0.0.1:3000"),
                Path.of("/tmp/o")));
    assertThat(o.soak()).isTrue();
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> LoadOptions.parse(List.of("--threads", "9", "--channels", "8"), OUT))
        .hasMessageContaining("--threads (9) must not exceed --channels (8)");
    assertThatThrownBy(() -> LoadOptions.parse(List.of("--seconds", "ten"), OUT))
        .hasMessageContaining("--seconds must be a whole number, got 'ten'");
    assertThatThrownBy(() -> LoadOptions.parse(List.of("--channels", "0"), OUT))
        .hasMessageContaining("--channels must be at least 1, got 0");
    assertThatThrownBy(() -> LoadOptions.parse(List.of("--gateway", "http://x:1"), OUT))
        .hasMessageContaining("--gateway and --site go together");
    assertThatThrownBy(
            () ->
                LoadOptions.parse(
                    List.of("--gateway", "ftp://x", "--site", "http://127.0.0.1:3000"), OUT))
        .hasMessageContaining("--gateway must be an http(s) URL, got 'ftp://x'");
    assertThatThrownBy(() -> LoadOptions.parse(List.of("--rate", "5"), OUT))
        .hasMessageContaining("unknown option --rate");
    assertThatThrownBy(() -> LoadOptions.parse(List.of("--seconds"), OUT))
        .hasMessageContaining("--seconds needs a value");
  }
}
