package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.core.protocol.ChannelRules;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.transfer.TransferRegistry;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file: whole writes, faithful reads, and a clear refusal of anything else. */
class ChannelStateFileTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final NetworkContext NETWORK =
      new NetworkContext(
          31337,
          Address.fromHex("0xfac7000000000000000000000000000000000001"),
          Address.fromHex("0x5e65000000000000000000000000000000000001"));
  private static final ChannelRules RULES =
      ChannelRules.defaults(
          TransferRegistry.of(
              Address.fromHex("0x00000000000000000000000000000000000A11CE"),
              Address.fromHex("0x0000000000000000000000000000000000000B0B")));

  @TempDir Path dir;

  private final ChannelParty gateway = new ChannelParty(LocalKeySigner.random(RANDOM), RULES);
  private final ChannelParty payer = new ChannelParty(LocalKeySigner.random(RANDOM), RULES);
  private final Channel unopened =
      Channel.unopened(
          Address.fromHex("0xc4a77e1000000000000000000000000000000001"),
          gateway.signer().address(),
          payer.signer().address(),
          NETWORK);

  @Test
  void aSavedChannelIsReadBackAsItWas() throws Exception {
    ChannelStateFile file = new ChannelStateFile(dir.resolve("deeper/c.json"));
    Channel open = setUp();

    file.save(open);

    assertThat(file.load(unopened)).contains(open);
  }

  @Test
  void eachSaveReplacesTheWholeFileAndLeavesNoTemporaryFile() throws Exception {
    ChannelStateFile file = new ChannelStateFile(dir.resolve("c.json"));
    file.save(unopened);
    Channel open = setUp();

    file.save(open);

    assertThat(file.load(unopened)).contains(open);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(dir.resolve("c.json"));
    }
  }

  @Test
  void noFileMeansNoState() throws Exception {
    assertThat(new ChannelStateFile(dir.resolve("none.json")).load(unopened)).isEmpty();
  }

  @Test
  void aFileThatIsNotAChannelStateIsRefusedNamingIt() throws Exception {
    Path path = dir.resolve("c.json");
    Files.writeString(path, "{\"version\": 1, \"channel\": {\"state\": 3}}");

    ChannelStateException e =
        catchThrowableOfType(
            ChannelStateException.class, () -> new ChannelStateFile(path).load(unopened));

    assertThat(e).hasMessageContaining(path.toString()).hasMessageContaining("channel");
  }

  @Test
  void anotherVersionIsRefused() throws Exception {
    Path path = dir.resolve("c.json");
    Files.writeString(path, "{\"version\": 2, \"channel\": {}}");

    ChannelStateException e =
        catchThrowableOfType(
            ChannelStateException.class, () -> new ChannelStateFile(path).load(unopened));

    assertThat(e).hasMessageContaining("version is 2");
  }

  @Test
  void anotherPayersChannelIsRefused() throws Exception {
    ChannelStateFile file = new ChannelStateFile(dir.resolve("c.json"));
    file.save(setUp());
    Channel someoneElses =
        Channel.unopened(
            unopened.channelAddress(),
            gateway.signer().address(),
            LocalKeySigner.random(RANDOM).address(),
            NETWORK);

    ChannelStateException e =
        catchThrowableOfType(ChannelStateException.class, () -> file.load(someoneElses));

    assertThat(e).hasMessageContaining("payer (bob)");
  }

  /** The channel after the payer's setup, countersigned by the gateway. */
  private Channel setUp() {
    ChainInputs now = ChainInputs.at(1_700_000_000L);
    Transition proposed =
        payer
            .propose(unopened, new UpdateParams.Setup(Uint256.of(48 * 3600), NETWORK), now)
            .value();
    return gateway.countersign(unopened, proposed.update(), now).value().next();
  }
}
