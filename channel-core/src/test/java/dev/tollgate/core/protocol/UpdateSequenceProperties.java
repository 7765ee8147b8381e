package dev.tollgate.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.merkle.MerkleTree;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Random sequences of deposits, payments in both directions, resolves, cancels and refused updates.
 * After every step: the nonce moved by exactly one, value is conserved per asset, the merkle root
 * is the root of the active transfers, both parties hold byte-identical states, and both signatures
 * verify over the state.
 */
class UpdateSequenceProperties {
  private ChannelFixture f;
  private Channel channel;
  private Map<Address, BigInteger[]> chainTotals;
  private Map<Bytes32, Bytes32> preImages;

  /** One random step; the numbers are read relative to the current channel. */
  record Step(int kind, int who, int asset, long amountPermille, long amountRaw, int pick) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(0, 2),
                Arbitraries.longs().between(0, 1000),
                Arbitraries.longs().between(1, 1_000_000_000_000L),
                Arbitraries.integers().between(0, 1000))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(40);
  }

  @BeforeTry
  void start() {
    f = new ChannelFixture();
    channel = f.open();
    chainTotals = new HashMap<>();
    preImages = new HashMap<>();
  }

  @Property(tries = 150)
  void invariantsHoldAfterEveryUpdate(@ForAll("steps") List<Step> steps) {
    checkInvariants(channel, 1);
    for (Step s : steps) {
      long nonceBefore = channel.nonce();
      Channel after = apply(s);
      if (after == null) {
        continue;
      }
      assertThat(after.nonce()).isEqualTo(nonceBefore + 1);
      channel = after;
      checkInvariants(channel, nonceBefore + 1);
    }
  }

  private Channel apply(Step s) {
    ChannelParty me = s.who() == 0 ? f.alice : f.bob;
    ChannelParty other = s.who() == 0 ? f.bob : f.alice;
    Address asset = List.of(f.token, f.otherToken, Address.ZERO).get(s.asset());
    return switch (s.kind()) {
      case 0 -> deposit(me, asset, s.amountRaw());
      case 1, 2 -> pay(me, other, asset, s);
      case 3 -> resolve(s, false);
      case 4 -> resolve(s, true);
      default -> refusedOverdraft(me, other, asset);
    };
  }

  private Channel deposit(ChannelParty depositor, Address asset, long amount) {
    BigInteger[] totals =
        chainTotals.computeIfAbsent(
            asset, a -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO});
    boolean isAlice = depositor == f.alice;
    totals[isAlice ? 0 : 1] = totals[isAlice ? 0 : 1].add(BigInteger.valueOf(amount));
    ChainInputs in = f.deposits(asset, totals[0], totals[1]);
    // either party may reconcile any deposit
    return f.round(
        channel,
        depositor,
        depositor == f.alice ? f.bob : f.alice,
        new UpdateParams.Deposit(asset),
        in);
  }

  private Channel pay(ChannelParty payer, ChannelParty payee, Address asset, Step s) {
    int index = channel.state().assetIndex(asset);
    if (index < 0) {
      return null;
    }
    int side = payer == f.alice ? 0 : 1;
    BigInteger available = channel.state().balances().get(index).amount(side).value();
    BigInteger amount =
        available.multiply(BigInteger.valueOf(s.amountPermille())).divide(BigInteger.valueOf(1000));
    if (amount.signum() == 0 || channel.activeTransfers().size() >= 20) {
      return null;
    }
    Bytes32 preImage = ChannelFixture.preImage(preImages.size() + 1);
    UpdateParams.Create p =
        new UpdateParams.Create(
            asset,
            new Balance(
                Uint256.of(amount),
                Uint256.ZERO,
                payer.signer().address(),
                payee.signer().address()),
            f.hashlockDefinition,
            ChannelFixture.TRANSFER_TIMEOUT,
            new HashlockState(HashlockTransfer.lockHash(preImage), Uint256.ZERO));
    Channel next = f.round(channel, payer, payee, p, f.inputs());
    preImages.put(ChannelFixture.createdTransferId(next), preImage);
    return next;
  }

  private Channel resolve(Step s, boolean cancel) {
    if (channel.activeTransfers().isEmpty()) {
      return null;
    }
    List<ActiveTransfer> active = new ArrayList<>(channel.activeTransfers().values());
    ActiveTransfer t = active.get(s.pick() % active.size());
    ChannelParty responder = t.core().responder().equals(f.aliceKey.address()) ? f.alice : f.bob;
    ChannelParty initiator = responder == f.alice ? f.bob : f.alice;
    HashlockResolver resolver =
        cancel ? HashlockResolver.cancel() : new HashlockResolver(preImages.get(t.transferId()));
    return f.round(
        channel,
        responder,
        initiator,
        new UpdateParams.Resolve(t.transferId(), resolver),
        f.inputs());
  }

  /** An overdraft must be refused by the proposer's own checks and leave the channel alone. */
  private Channel refusedOverdraft(ChannelParty payer, ChannelParty payee, Address asset) {
    int index = channel.state().assetIndex(asset);
    if (index < 0) {
      return null;
    }
    int side = payer == f.alice ? 0 : 1;
    BigInteger tooMuch =
        channel.state().balances().get(index).amount(side).value().add(BigInteger.ONE);
    UpdateParams.Create p =
        new UpdateParams.Create(
            asset,
            new Balance(
                Uint256.of(tooMuch),
                Uint256.ZERO,
                payer.signer().address(),
                payee.signer().address()),
            f.hashlockDefinition,
            ChannelFixture.TRANSFER_TIMEOUT,
            new HashlockState(
                HashlockTransfer.lockHash(ChannelFixture.preImage(7777)), Uint256.ZERO));
    Outcome<Transition> refused = payer.propose(channel, p, f.inputs());
    assertThat(refused.isOk()).isFalse();
    return null;
  }

  private void checkInvariants(Channel c, long expectedNonce) {
    CoreChannelState s = c.state();
    assertThat(s.nonce()).isEqualTo(expectedNonce);

    // value: channel balances + locked transfer amounts = processed deposits, per asset
    for (int i = 0; i < s.assetIds().size(); i++) {
      Address asset = s.assetIds().get(i);
      BigInteger locked =
          c.activeTransfers().values().stream()
              .filter(t -> t.core().assetId().equals(asset))
              .map(t -> t.core().balance().total())
              .reduce(BigInteger.ZERO, BigInteger::add);
      BigInteger held = s.balances().get(i).total().add(locked);
      BigInteger processed =
          s.processedDepositsA().get(i).value().add(s.processedDepositsB().get(i).value());
      assertThat(held).as("value of asset %s", asset).isEqualTo(processed);
      BigInteger[] chain = chainTotals.get(asset);
      assertThat(processed).isEqualTo(chain[0].add(chain[1]));
    }

    // the root commits to exactly the active transfers, in transfer-id order
    List<Bytes32> leaves =
        c.activeTransfers().values().stream()
            .map(t -> ChannelHashes.transferStateHash(t.core()))
            .toList();
    assertThat(s.merkleRoot()).isEqualTo(MerkleTree.root(leaves));

    // the state is final: both parties' signatures recover over it
    ChannelUpdate latest = c.latestUpdate().orElseThrow();
    Bytes32 digest = ChannelHashes.channelDigest(s);
    assertThat(latest.nonce()).isEqualTo(s.nonce());
    assertThat(Secp256k1Signatures.recover(digest, latest.aliceSignature().orElseThrow()))
        .contains(s.alice());
    assertThat(Secp256k1Signatures.recover(digest, latest.bobSignature().orElseThrow()))
        .contains(s.bob());
  }
}
