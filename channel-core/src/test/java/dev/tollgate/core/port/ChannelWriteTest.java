package dev.tollgate.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.ChannelFixture;
import dev.tollgate.core.update.ChannelUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelWriteTest {
  private final ChannelFixture f = new ChannelFixture();
  private final Channel funded = f.funded(0, 1_000); // nonce 2
  private final ChannelUpdate deposit = funded.latestUpdate().orElseThrow();

  @Test
  void aWriteRecordsConsecutiveUpdatesEndingAtTheNextNonce() {
    ChannelWrite write = new ChannelWrite(1, new StoredChannel(funded, funded), List.of(deposit));
    assertThat(write.next().nonce()).isEqualTo(2);
  }

  @Test
  void badWritesAreRefusedByName() {
    StoredChannel next = new StoredChannel(funded, funded);
    assertThatThrownBy(() -> new ChannelWrite(2, next, List.of(deposit)))
        .hasMessageContaining("must move the nonce forward: expected 2, next 2");
    assertThatThrownBy(() -> new ChannelWrite(1, next, List.of()))
        .hasMessageContaining("at least one update");
    assertThatThrownBy(() -> new ChannelWrite(0, next, List.of(deposit)))
        .hasMessageContaining("consecutive from 1, got nonce 2");
    assertThatThrownBy(() -> new ChannelWrite(-1, next, List.of(deposit)))
        .hasMessageContaining("expectedNonce must be >= 0, got -1");
  }

  @Test
  void theDoubleSignedStateCannotBeAheadOfTheLatest() {
    Channel earlier =
        f.round(
            funded,
            f.bob,
            f.alice,
            f.hashlock(f.bob, f.alice, 10, ChannelFixture.preImage(1), 0),
            f.inputs());
    assertThatThrownBy(() -> new StoredChannel(funded, earlier))
        .hasMessageContaining("latestDoubleSigned nonce 3 is ahead of latest nonce 2");
    Channel unsignedAtSameNonce =
        earlier.withLatestUpdate(earlier.latestUpdate().orElseThrow().unsigned());
    assertThatThrownBy(() -> new StoredChannel(unsignedAtSameNonce, earlier))
        .hasMessageContaining("differ at the same nonce 3");
  }
}
