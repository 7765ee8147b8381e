package dev.tollgate.sample.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatenciesTest {
  @Test
  void percentilesAreNearestRankInMilliseconds() {
    Latencies l = new Latencies();
    // 1..200 ms, recorded out of order
    for (int i = 200; i >= 1; i--) {
      l.record(i * 1_000_000L);
    }
    Latencies.Summary s = l.drain();
    assertThat(s.count()).isEqualTo(200);
    assertThat(s.p50()).isEqualTo(100.0);
    assertThat(s.p95()).isEqualTo(190.0);
    assertThat(s.p99()).isEqualTo(198.0);
    assertThat(s.max()).isEqualTo(200.0);
  }

  @Test
  void drainingStartsTheNextWindowEmpty() {
    Latencies l = new Latencies();
    l.record(5_000_000L);
    assertThat(l.drain().count()).isEqualTo(1);
    Latencies.Summary empty = l.drain();
    assertThat(empty.count()).isZero();
    assertThat(empty.p99()).isNaN();
  }

  @Test
  void aNegativeTimeIsRefused() {
    assertThatThrownBy(() -> new Latencies().record(-1))
        .hasMessageContaining("cannot be negative, got -1");
  }
}
