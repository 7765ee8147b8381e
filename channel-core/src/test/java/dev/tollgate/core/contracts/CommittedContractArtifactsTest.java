package dev.tollgate.core.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The ABI and bytecode under src/main/resources/contracts are what the pinned solc makes of the
 * Solidity sources today. The build recompiles them (build-support/compile-contracts.mjs) before
 * the tests; after changing a contract, rerun that script into src/main/resources/contracts.
 */
class CommittedContractArtifactsTest {
  private static final Path COMMITTED = directory("tollgate.committedContracts");
  private static final Path RECOMPILED = directory("tollgate.recompiledContracts");

  @Test
  void theSameFilesExistInBoth() throws IOException {
    assertThat(names(COMMITTED)).isNotEmpty().isEqualTo(names(RECOMPILED));
    assertThat(names(COMMITTED))
        .contains(
            "ChannelFactory.abi",
            "ChannelFactory.bin",
            "ChannelMastercopy.abi",
            "ChannelMastercopy.bin",
            "TransferRegistry.bin",
            "HashlockTransfer.bin",
            "Withdraw.bin",
            "TestToken.bin",
            "compiler.json");
  }

  @Test
  void everyCommittedArtifactIsByteForByteTheRecompiledOne() throws IOException {
    for (String name : names(COMMITTED)) {
      assertThat(Files.readString(COMMITTED.resolve(name)))
          .as(
              "%s differs from a fresh compile: run `node build-support/compile-contracts.mjs"
                  + " channel-core/src/main/resources/contracts` and commit the result",
              name)
          .isEqualTo(Files.readString(RECOMPILED.resolve(name)));
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static Path directory(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(property + " is set by the Maven build; run through ./mvnw");
    }
    return Path.of(value);
  }
}
