package dev.tollgate.functions.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.channel.CoreTransferState;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.json.JsonFormatException;
import dev.tollgate.core.port.AdjudicatorReader.OnChainDispute;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChainEventJsonTest {
  private static final Address CHANNEL = address(0x11);
  private static final Address ALICE = address(0xa1);
  private static final Address BOB = address(0xb0);
  private static final Address TOKEN = address(0x70);
  private static final Address OTHER_TOKEN = address(0x71);
  private static final Uint256 HUGE = Uint256.MAX;

  private static EventOrigin origin(int seed) {
    return new EventOrigin(word(seed), 3 + seed, 1_000_000L + seed, word(seed + 100));
  }

  static Stream<ChainEvent> everyEvent() {
    Balance channelBalance =
        new Balance(Uint256.of(700), Uint256.of(BigInteger.TEN.pow(30)), ALICE, BOB);
    CoreChannelState state =
        new CoreChannelState(
            CHANNEL,
            ALICE,
            BOB,
            List.of(TOKEN, OTHER_TOKEN),
            List.of(channelBalance, Balance.zero(ALICE, BOB)),
            List.of(Uint256.of(700), Uint256.ZERO),
            List.of(Uint256.of(BigInteger.TEN.pow(30)), Uint256.of(5)),
            List.of(Uint256.ONE, Uint256.of(2)),
            Uint256.of(86_400),
            42,
            word(7));
    CoreTransferState transfer =
        new CoreTransferState(
            CHANNEL,
            word(8),
            address(0xde),
            BOB,
            ALICE,
            TOKEN,
            new Balance(Uint256.of(25), Uint256.ZERO, BOB, ALICE),
            Uint256.of(3_600),
            word(9));
    return Stream.of(
        new ChainEvent.ChannelCreated(origin(1), CHANNEL, ALICE, BOB),
        new ChainEvent.TokenDeposited(origin(2), CHANNEL, TOKEN, BOB, HUGE),
        new ChainEvent.AliceDeposited(origin(3), CHANNEL, TOKEN, Uint256.of(1_000_000)),
        new ChainEvent.ChannelDisputed(
            origin(4),
            CHANNEL,
            BOB,
            state,
            new OnChainDispute(word(10), 42, word(7), 1_700_000_000L, 1_700_086_400L)),
        new ChainEvent.ChannelDefunded(origin(5), CHANNEL, ALICE, 42, List.of(TOKEN, OTHER_TOKEN)),
        new ChainEvent.TransferDisputed(origin(6), CHANNEL, ALICE, transfer, 1_700_003_600L),
        new ChainEvent.TransferDefunded(
            origin(7),
            CHANNEL,
            ALICE,
            word(8),
            new Balance(Uint256.ZERO, Uint256.of(25), BOB, ALICE)),
        new ChainEvent.WithdrawalExecuted(
            origin(8), CHANNEL, word(11), TOKEN, address(0xee), Uint256.of(600)),
        new ChainEvent.Exited(origin(9), CHANNEL, TOKEN, BOB, address(0xef), Uint256.of(99)));
  }

  @ParameterizedTest
  @MethodSource("everyEvent")
  void everyEventReadsBackEqual(ChainEvent event) {
    String json = ChainEventJson.write(event);

    assertThat(ChainEventJson.read(json)).isEqualTo(event);
    assertThat(tree(json).get("type").asText()).isEqualTo(event.getClass().getSimpleName());
    assertThat(json).doesNotContain("\n");
  }

  @Test
  void theSamplesCoverTheWholeCatalogue() {
    List<String> sampled = everyEvent().map(e -> e.getClass().getSimpleName()).toList();
    List<String> permitted =
        Arrays.stream(ChainEvent.class.getPermittedSubclasses()).map(Class::getSimpleName).toList();

    assertThat(sampled).containsExactlyInAnyOrderElementsOf(permitted);
    assertThat(ChainEventJson.TYPES).containsExactlyElementsOf(permitted);
  }

  @Test
  void writesChecksummedAddressesDecimalAmountsAndHexHashes() {
    ChainEvent deposit = new ChainEvent.TokenDeposited(origin(2), CHANNEL, TOKEN, BOB, HUGE);

    JsonNode json = tree(ChainEventJson.write(deposit));

    assertThat(json.get("from").asText()).isEqualTo(BOB.toChecksumHex()).matches(".*[A-F].*");
    assertThat(json.get("amount").asText()).isEqualTo(Uint256.MAX_VALUE.toString());
    assertThat(json.get("origin").get("txHash").asText()).isEqualTo(word(2).toHex());
    assertThat(json.get("origin").get("logIndex").asLong()).isEqualTo(5);
    assertThat(json.get("channel").asText()).isEqualTo(CHANNEL.toChecksumHex());
  }

  @Test
  void anUnknownTypeIsNamed() {
    String json = edited(sample(0), o -> o.put("type", "ChannelExploded"));

    assertThatThrownBy(() -> ChainEventJson.read(json))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("ChannelExploded")
        .extracting(e -> ((JsonFormatException) e).path())
        .isEqualTo("type");
  }

  @Test
  void aMissingFieldIsNamed() {
    String json = edited(sample(1), o -> o.remove("amount"));

    assertThatThrownBy(() -> ChainEventJson.read(json))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("amount: is missing");
  }

  @Test
  void aMissingTypeIsNamed() {
    String json = edited(sample(0), o -> o.remove("type"));

    assertThatThrownBy(() -> ChainEventJson.read(json))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("type: is missing");
  }

  @Test
  void anAddressWithABadChecksumIsNamed() {
    String good = BOB.toChecksumHex();
    int letter = indexOfLetter(good);
    String typo =
        good.substring(0, letter) + flipCase(good.charAt(letter)) + good.substring(letter + 1);
    // Guard: the edit must produce a different mixed-case string, or the test proves nothing.
    assertThat(typo).isNotEqualTo(good).isNotEqualTo(good.toLowerCase());
    String json = edited(sample(1), o -> o.put("from", typo));

    assertThatThrownBy(() -> ChainEventJson.read(json))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageStartingWith("from: ")
        .hasMessageContaining("checksum");
  }

  @Test
  void aMalformedFieldInsideAStateIsNamedByItsPath() {
    String json = edited(sample(3), o -> ((ObjectNode) o.get("state")).put("merkleRoot", "0x1234"));

    assertThatThrownBy(() -> ChainEventJson.read(json))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageStartingWith("state.merkleRoot: ");
  }

  @Test
  void aNegativeLogIndexIsNamedByItsPath() {
    String json = edited(sample(2), o -> ((ObjectNode) o.get("origin")).put("logIndex", -1));

    assertThatThrownBy(() -> ChainEventJson.read(json))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageStartingWith("origin.logIndex: ");
  }

  @Test
  void aNonceGivenAsAStringIsRefused() {
    String json = edited(sample(4), o -> o.put("nonce", "42"));

    assertThatThrownBy(() -> ChainEventJson.read(json))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageStartingWith("nonce: ");
  }

  @Test
  void notJsonIsRefused() {
    assertThatThrownBy(() -> ChainEventJson.read("{\"type\":"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> ChainEventJson.read("[]"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("expected a JSON object");
  }

  private static ChainEvent sample(int index) {
    return everyEvent().skip(index).findFirst().orElseThrow();
  }

  private static String edited(ChainEvent event, Consumer<ObjectNode> edit) {
    ObjectNode o = (ObjectNode) tree(ChainEventJson.write(event));
    edit.accept(o);
    return o.toString();
  }

  private static JsonNode tree(String json) {
    return ChannelJson.parse(json);
  }

  private static int indexOfLetter(String hex) {
    for (int i = 2; i < hex.length(); i++) {
      if (Character.isLetter(hex.charAt(i))) {
        return i;
      }
    }
    throw new IllegalStateException("no letter in " + hex);
  }

  private static char flipCase(char c) {
    return Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
  }

  private static Address address(int seed) {
    byte[] b = new byte[20];
    Arrays.fill(b, (byte) seed);
    b[19] = (byte) (seed * 7 + 1);
    return Address.of(b);
  }

  private static Bytes32 word(int seed) {
    byte[] b = new byte[32];
    for (int i = 0; i < 32; i++) {
      b[i] = (byte) (seed * 31 + i);
    }
    return Bytes32.of(b);
  }
}
