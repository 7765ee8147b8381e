package dev.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.value.Address;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * The payer's channel state on disk: channel-core's JSON of the {@link Channel} (the state, the
 * update that produced it, the active transfers), written whole to a temporary file beside the
 * target and moved over it, so a crashed process leaves the old state or the new one, never half of
 * either. It holds no key.
 *
 * <p>The file is not forced to the device on every payment: that was a disk sync in every paid
 * call's path while the channel is locked. Losing the newest states to a power cut costs nothing,
 * because the gateway holds every update and a client that is behind catches up from its history,
 * checking each one.
 */
final class ChannelStateFile {
  static final int VERSION = 1;

  private final Path path;

  ChannelStateFile(Path path) {
    this.path = Objects.requireNonNull(path, "path").toAbsolutePath();
  }

  Path path() {
    return path;
  }

  /**
   * The stored channel, if the file exists; refused if it is not a state of {@code expected}'s
   * channel between the same parties.
   */
  Optional<Channel> load(Channel expected) throws ChannelStateException {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ChannelStateException("cannot read the state file " + path + ": " + e, e);
    }
    Channel stored;
    try {
      JsonNode root = ChannelJson.parse(text);
      JsonNode version = root.get("version");
      if (version == null || version.asInt() != VERSION) {
        throw new IllegalArgumentException("version is " + version + ", expected " + VERSION);
      }
      stored = ChannelJson.channel(root.get("channel"), "channel");
    } catch (IllegalArgumentException e) {
      throw new ChannelStateException(
          "the state file " + path + " is not a Tollgate channel state: " + e.getMessage(), e);
    }
    requireSame("channel address", expected.channelAddress(), stored.channelAddress());
    requireSame("gateway (alice)", expected.state().alice(), stored.state().alice());
    requireSame("payer (bob)", expected.state().bob(), stored.state().bob());
    return Optional.of(stored);
  }

  void save(Channel channel) throws IOException {
    ObjectNode root = ChannelJson.MAPPER.createObjectNode();
    root.put("version", VERSION);
    root.set("channel", ChannelJson.toJson(channel));
    byte[] bytes = ChannelJson.write(root).getBytes(StandardCharsets.UTF_8);
    Path dir = path.getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
      }
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void requireSame(String what, Address expected, Address stored)
      throws ChannelStateException {
    if (!expected.equals(stored)) {
      throw new ChannelStateException(
          "the state file "
              + path
              + " holds another channel: its "
              + what
              + " is "
              + stored
              + ", this client's is "
              + expected);
    }
  }
}
