package dev.tollgate.contracts.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventTopicsTest {
  @Test
  void aPlainEventsTopicIsTheKeccakOfItsSignature() {
    // keccak256("Transfer(address,address,uint256)"), the ERC20 Transfer topic.
    assertThat(EventTopics.of("TestToken").topic("Transfer"))
        .isEqualTo("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
  }

  @Test
  void structParametersAreExpandedToTuples() {
    // keccak256("TransferAdded((string,address,string,string,bytes))")
    assertThat(EventTopics.of("TransferRegistry").topic("TransferAdded"))
        .isEqualTo(
            org.web3j.crypto.Hash.sha3String(
                "TransferAdded((string,address,string,string,bytes))"));
  }

  @Test
  void unknownContractsAndEventsAreNamed() {
    assertThatThrownBy(() -> EventTopics.of("NoSuchContract"))
        .hasMessageContaining("contracts/NoSuchContract.abi");
    assertThatThrownBy(() -> EventTopics.of("TestToken").topic("Minted"))
        .hasMessageContaining("TestToken has no event Minted")
        .hasMessageContaining("Transfer");
  }
}
