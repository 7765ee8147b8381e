package dev.tollgate.contracts.anvil;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnvilNodeTest {
  @Test
  void startsOnLoopbackWithTheDevAccountsAndStopsItsOwnProcess() throws Exception {
    AnvilNode node = AnvilNode.start();
    ProcessHandle process;
    try {
      assertThat(node.rpcUrl()).startsWith("http://127.0.0.1:");
      assertThat(node.web3j().ethChainId().send().getChainId()).isEqualTo(AnvilNode.CHAIN_ID);
      List<String> accounts = node.web3j().ethAccounts().send().getAccounts();
      for (int i = 0; i < DevAccounts.COUNT; i++) {
        assertThat(accounts.get(i)).isEqualToIgnoringCase(DevAccounts.account(i).getAddress());
      }

      long before = node.latestTimestamp();
      node.advance(3_600);
      assertThat(node.latestTimestamp()).isGreaterThanOrEqualTo(before + 3_600);

      process = ProcessHandle.of(node.pid()).orElseThrow();
      assertThat(process.isAlive()).isTrue();
    } finally {
      node.close();
    }
    assertThat(process.isAlive()).isFalse();
  }
}
