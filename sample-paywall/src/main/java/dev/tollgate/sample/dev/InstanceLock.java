package dev.tollgate.sample.dev;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One local stack per state directory: an OS file lock, which the OS releases when the process dies
 * however it dies, so a crashed stack never leaves a stale lock behind. The holder writes who it is
 * next to the lock, so a second run can say which process to stop.
 */
final class InstanceLock implements AutoCloseable {
  private static final String LOCK = "dev.lock";
  private static final String HOLDER = "dev.holder";

  private final FileChannel channel;
  private final FileLock lock;
  private final Path holder;

  private InstanceLock(FileChannel channel, FileLock lock, Path holder) {
    this.channel = channel;
    this.lock = lock;
    this.holder = holder;
  }

  /**
   * Takes the lock of {@code stateDir}, recording {@code description} as the holder.
   *
   * @throws AlreadyRunningException if another process holds it, naming that process
   */
  static InstanceLock acquire(Path stateDir, String description) throws IOException {
    Files.createDirectories(stateDir);
    FileChannel channel =
        FileChannel.open(
            stateDir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException sameProcess) {
      lock = null;
    }
    Path holder = stateDir.resolve(HOLDER);
    if (lock == null) {
      channel.close();
      String who =
          Files.exists(holder)
              ? Files.readString(holder, StandardCharsets.UTF_8).strip()
              : "(it has not said who it is yet)";
      throw new AlreadyRunningException(
          "a Tollgate local stack is already running: "
              + who
              + "\nStop it with Ctrl-C in its terminal (or kill that pid), then run ./tollgate dev"
              + " again. Lock: "
              + stateDir.resolve(LOCK));
    }
    Files.writeString(holder, description + "\n", StandardCharsets.UTF_8);
    return new InstanceLock(channel, lock, holder);
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(holder);
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the OS drops the lock with the process anyway
    }
  }
}
