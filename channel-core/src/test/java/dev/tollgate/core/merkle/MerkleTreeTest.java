package dev.tollgate.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tollgate.core.hash.Keccak;
import dev.tollgate.core.value.Bytes32;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  private static final Bytes32 L0 = Bytes32.fromHex("0x" + "11".repeat(32));
  private static final Bytes32 L1 = Bytes32.fromHex("0x" + "22".repeat(32));
  private static final Bytes32 L2 = Bytes32.fromHex("0x" + "03".repeat(32));

  @Test
  void emptyTreeHasTheZeroRoot() {
    assertThat(MerkleTree.root(List.of())).isEqualTo(Bytes32.ZERO);
  }

  @Test
  void singleLeafIsItsOwnRootWithAnEmptyProof() {
    assertThat(MerkleTree.root(List.of(L0))).isEqualTo(L0);
    assertThat(MerkleTree.proof(List.of(L0), 0)).isEmpty();
    assertThat(MerkleTree.verify(List.of(), L0, L0)).isTrue();
  }

  @Test
  void twoLeavesHashTheSortedPairWhateverTheirOrder() {
    Bytes32 expected = keccak(L0, L1); // 0x11.. < 0x22..
    assertThat(MerkleTree.root(List.of(L0, L1))).isEqualTo(expected);
    assertThat(MerkleTree.root(List.of(L1, L0))).isEqualTo(expected);
  }

  @Test
  void pairsAreSortedUnsigned() {
    Bytes32 high = Bytes32.fromHex("0x80" + "00".repeat(31));
    Bytes32 low = Bytes32.fromHex("0x7f" + "ff".repeat(31));
    assertThat(MerkleTree.root(List.of(high, low))).isEqualTo(keccak(low, high));
    assertThat(MerkleTree.root(List.of(low, high))).isEqualTo(keccak(low, high));
  }

  @Test
  void threeLeavesCarryTheOddLeafUp() {
    Bytes32 left = sortedPair(L0, L1);
    Bytes32 expected = sortedPair(left, L2);
    assertThat(MerkleTree.root(List.of(L0, L1, L2))).isEqualTo(expected);
  }

  @Test
  void fourLeavesHashTwoLevels() {
    Bytes32 l3 = Bytes32.fromHex("0x" + "ee".repeat(32));
    Bytes32 expected = sortedPair(sortedPair(L0, L1), sortedPair(L2, l3));
    assertThat(MerkleTree.root(List.of(L0, L1, L2, l3))).isEqualTo(expected);
  }

  @Test
  void fiveLeavesCarryTheFifthUpTwoLevels() {
    List<Bytes32> leaves = randomLeaves(new Random(5), 5);
    Bytes32 left =
        sortedPair(
            sortedPair(leaves.get(0), leaves.get(1)), sortedPair(leaves.get(2), leaves.get(3)));
    assertThat(MerkleTree.root(leaves)).isEqualTo(sortedPair(left, leaves.get(4)));
  }

  @Test
  void proofOfTheLastLeafOfAnOddTreeIsTheRootOfTheRest() {
    List<Bytes32> leaves = randomLeaves(new Random(33), 33);
    assertThat(MerkleTree.proof(leaves, 32))
        .containsExactly(MerkleTree.root(leaves.subList(0, 32)));
  }

  @Test
  void proofsHaveOneSiblingPerLevelInPowerOfTwoTrees() {
    Random random = new Random(8);
    for (int levels = 0; levels <= 5; levels++) {
      List<Bytes32> leaves = randomLeaves(random, 1 << levels);
      for (int i = 0; i < leaves.size(); i++) {
        assertThat(MerkleTree.proof(leaves, i)).hasSize(levels);
      }
    }
  }

  @Test
  void everyLeafProvesInTreesOfOneTo33Leaves() {
    Random random = new Random(1);
    for (int size = 1; size <= 33; size++) {
      List<Bytes32> leaves = randomLeaves(random, size);
      Bytes32 root = MerkleTree.root(leaves);
      for (int i = 0; i < size; i++) {
        List<Bytes32> proof = MerkleTree.proof(leaves, i);
        assertThat(MerkleTree.verify(proof, root, leaves.get(i)))
            .as("leaf %d of %d", i, size)
            .isTrue();
      }
    }
  }

  @Test
  void aProofWithOneSiblingByteFlippedDoesNotVerify() {
    Random random = new Random(2);
    for (int size = 2; size <= 33; size++) {
      List<Bytes32> leaves = randomLeaves(random, size);
      Bytes32 root = MerkleTree.root(leaves);
      for (int i = 0; i < size; i++) {
        List<Bytes32> proof = MerkleTree.proof(leaves, i);
        for (int s = 0; s < proof.size(); s++) {
          List<Bytes32> tampered = new ArrayList<>(proof);
          tampered.set(s, flipByte(proof.get(s), random.nextInt(32)));
          assertThat(MerkleTree.verify(tampered, root, leaves.get(i)))
              .as("leaf %d of %d, sibling %d flipped", i, size, s)
              .isFalse();
        }
      }
    }
  }

  @Test
  void aLeafNotInTheTreeDoesNotVerify() {
    Random random = new Random(3);
    for (int size = 1; size <= 33; size++) {
      List<Bytes32> leaves = randomLeaves(random, size);
      Bytes32 root = MerkleTree.root(leaves);
      Bytes32 stranger = randomLeaves(random, 1).get(0);
      for (int i = 0; i < size; i++) {
        assertThat(MerkleTree.verify(MerkleTree.proof(leaves, i), root, stranger))
            .as("stranger with the proof of leaf %d of %d", i, size)
            .isFalse();
      }
    }
  }

  @Test
  void aProofDoesNotVerifyAgainstAnotherTreesRoot() {
    Random random = new Random(4);
    List<Bytes32> leaves = randomLeaves(random, 10);
    List<Bytes32> changed = new ArrayList<>(leaves);
    changed.set(9, flipByte(leaves.get(9), 0));
    Bytes32 otherRoot = MerkleTree.root(changed);
    assertThat(otherRoot).isNotEqualTo(MerkleTree.root(leaves));
    assertThat(MerkleTree.verify(MerkleTree.proof(leaves, 0), otherRoot, leaves.get(0))).isFalse();
  }

  @Test
  void proofRejectsAnIndexOutsideTheTree() {
    List<Bytes32> leaves = randomLeaves(new Random(6), 5);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MerkleTree.proof(leaves, 5))
        .withMessageContaining("leaf index 5 is outside a tree of 5 leaves");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MerkleTree.proof(leaves, -1))
        .withMessageContaining("leaf index -1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MerkleTree.proof(List.of(), 0))
        .withMessageContaining("outside a tree of 0 leaves");
  }

  @Test
  void rootDoesNotModifyTheLeavesList() {
    List<Bytes32> leaves = new ArrayList<>(randomLeaves(new Random(7), 7));
    List<Bytes32> before = List.copyOf(leaves);
    MerkleTree.root(leaves);
    MerkleTree.proof(leaves, 3);
    assertThat(leaves).isEqualTo(before);
  }

  /** OpenZeppelin's commutative hash, written out with Keccak directly. */
  private static Bytes32 sortedPair(Bytes32 a, Bytes32 b) {
    return Arrays.compareUnsigned(a.toArray(), b.toArray()) <= 0 ? keccak(a, b) : keccak(b, a);
  }

  private static Bytes32 keccak(Bytes32 first, Bytes32 second) {
    byte[] input = new byte[64];
    System.arraycopy(first.toArray(), 0, input, 0, 32);
    System.arraycopy(second.toArray(), 0, input, 32, 32);
    return Bytes32.of(Keccak.digest(input));
  }

  private static Bytes32 flipByte(Bytes32 value, int index) {
    byte[] bytes = value.toArray();
    bytes[index] ^= (byte) 0xff;
    return Bytes32.of(bytes);
  }

  private static List<Bytes32> randomLeaves(Random random, int count) {
    List<Bytes32> leaves = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      leaves.add(Bytes32.of(bytes));
    }
    return leaves;
  }
}
