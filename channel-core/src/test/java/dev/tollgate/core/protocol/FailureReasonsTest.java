package dev.tollgate.core.protocol;

import static dev.tollgate.core.protocol.ChannelFixture.NOW;
import static dev.tollgate.core.protocol.ChannelFixture.TRANSFER_TIMEOUT;
import static dev.tollgate.core.protocol.ChannelFixture.okOrFail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.CoreTransferState;
import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.failure.FailureReason;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.transfer.TransferRegistry;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every reason in the catalogue, triggered the way a counterparty (or a broken chain view) would
 * trigger it. Each check also proves the refused update left the channel byte-for-byte as it was.
 * Parameterised over the enum itself, so a reason added without a scenario fails here.
 */
class FailureReasonsTest {
  private final ChannelFixture f = new ChannelFixture();

  /** A channel, and an attempt on it that must be refused. */
  private record Scenario(Channel before, Function<Channel, Outcome<Transition>> attempt) {}

  private final Map<FailureReason, java.util.function.Supplier<Scenario>> scenarios =
      new EnumMap<>(FailureReason.class);

  {
    // a transfer balance that pays [alice, bob] instead of [initiator, responder]
    scenarios.put(
        FailureReason.MALFORMED_UPDATE,
        () ->
            bobCreatesChanged(
                1,
                p -> {
                  Balance b = p.balance();
                  return new UpdateParams.Create(
                      p.assetId(),
                      new Balance(b.amount0(), b.amount1(), b.to1(), b.to0()),
                      p.transferDefinition(),
                      p.transferTimeout(),
                      p.transferInitialState());
                }));
    // both sides hold max uint256; alice resolving a payment to herself would overflow
    scenarios.put(
        FailureReason.AMOUNT_OUT_OF_RANGE,
        () ->
            resolveAttempt(
                f.funded(Uint256.MAX_VALUE, Uint256.MAX_VALUE),
                1,
                2,
                0,
                f.alice,
                new HashlockResolver(ChannelFixture.preImage(2)),
                f.inputs()));
    scenarios.put(
        FailureReason.STALE_NONCE,
        () -> {
          Channel c = f.funded(0, 1_000);
          ChannelUpdate old = c.latestUpdate().orElseThrow();
          Channel paid = f.pay(c, 10, 3);
          return new Scenario(
              paid, ch -> f.alice.countersign(ch, old, f.deposits(f.token, 0, 1_000)));
        });
    scenarios.put(
        FailureReason.SKIPPED_NONCE,
        () -> {
          Channel c = f.funded(0, 1_000);
          ChannelUpdate next =
              bobProposes(c, f.hashlock(f.bob, f.alice, 10, ChannelFixture.preImage(4), 0));
          return new Scenario(
              c, ch -> f.alice.countersign(ch, withNonce(next, next.nonce() + 1), f.inputs()));
        });
    scenarios.put(
        FailureReason.WRONG_CHANNEL,
        () -> {
          Channel c = f.funded(0, 1_000);
          ChannelUpdate u =
              bobProposes(c, f.hashlock(f.bob, f.alice, 10, ChannelFixture.preImage(5), 0));
          ChannelUpdate elsewhere =
              new ChannelUpdate(
                  Address.fromHex("0xdead000000000000000000000000000000000001"),
                  u.fromIdentifier(),
                  u.toIdentifier(),
                  u.nonce(),
                  u.balance(),
                  u.assetId(),
                  u.details(),
                  u.aliceSignature(),
                  u.bobSignature());
          return new Scenario(c, ch -> f.alice.countersign(ch, elsewhere, f.inputs()));
        });
    scenarios.put(
        FailureReason.NETWORK_MISMATCH,
        () -> {
          NetworkContext mainnet =
              new NetworkContext(
                  1, f.network.channelFactoryAddress(), f.network.transferRegistryAddress());
          return new Scenario(
              f.unopened(),
              ch ->
                  f.bob.propose(
                      ch,
                      new UpdateParams.Setup(ChannelFixture.CHANNEL_TIMEOUT, mainnet),
                      f.inputs()));
        });
    scenarios.put(
        FailureReason.NOT_A_PARTICIPANT,
        () -> {
          Channel c = f.funded(0, 1_000);
          ChannelParty carol = new ChannelParty(f.carolKey, f.rules);
          return new Scenario(
              c,
              ch ->
                  carol.propose(
                      ch, new UpdateParams.Deposit(f.token), f.deposits(f.token, 5, 1_000)));
        });
    scenarios.put(
        FailureReason.CHANNEL_NOT_SET_UP,
        () ->
            new Scenario(
                f.unopened(),
                ch ->
                    f.bob.propose(
                        ch, new UpdateParams.Deposit(f.token), f.deposits(f.token, 0, 10))));
    scenarios.put(
        FailureReason.CHANNEL_ALREADY_SET_UP,
        () ->
            new Scenario(
                f.open(),
                ch ->
                    f.bob.propose(
                        ch,
                        new UpdateParams.Setup(ChannelFixture.CHANNEL_TIMEOUT, f.network),
                        f.inputs())));
    scenarios.put(
        FailureReason.CHANNEL_TIMEOUT_OUT_OF_RANGE,
        () ->
            new Scenario(
                f.unopened(),
                ch ->
                    f.bob.propose(
                        ch, new UpdateParams.Setup(Uint256.of(3600), f.network), f.inputs())));
    scenarios.put(
        FailureReason.BAD_SIGNATURE,
        () -> {
          Channel c = f.funded(0, 1_000);
          ChannelUpdate u =
              bobProposes(c, f.hashlock(f.bob, f.alice, 10, ChannelFixture.preImage(6), 0));
          // carol signs the right state and passes it off as bob's signature
          Transition regenerated =
              okOrFail(UpdateBuilder.build(c, f.bobKey.address(), u.params(), f.inputs(), f.rules));
          ChannelUpdate forged =
              u.withSignatures(
                  Optional.empty(),
                  Optional.of(
                      f.carolKey.sign(ChannelHashes.channelDigest(regenerated.next().state()))));
          return new Scenario(c, ch -> f.alice.countersign(ch, forged, f.inputs()));
        });
    scenarios.put(
        FailureReason.UPDATE_MISMATCH,
        () -> {
          Channel c = f.funded(0, 1_000);
          ChannelUpdate u =
              bobProposes(c, f.hashlock(f.bob, f.alice, 10, ChannelFixture.preImage(7), 0));
          // bob claims he kept 5 more than the params allow
          Balance inflated =
              u.balance()
                  .withAmounts(
                      u.balance().amount0(),
                      Uint256.of(u.balance().amount1().value().add(BigInteger.valueOf(5))));
          ChannelUpdate tampered =
              new ChannelUpdate(
                  u.channelAddress(),
                  u.fromIdentifier(),
                  u.toIdentifier(),
                  u.nonce(),
                  inflated,
                  u.assetId(),
                  u.details(),
                  u.aliceSignature(),
                  u.bobSignature());
          return new Scenario(c, ch -> f.alice.countersign(ch, tampered, f.inputs()));
        });
    scenarios.put(
        FailureReason.NO_NEW_DEPOSIT,
        () ->
            new Scenario(
                f.funded(0, 1_000),
                ch ->
                    f.bob.propose(
                        ch, new UpdateParams.Deposit(f.token), f.deposits(f.token, 0, 1_000))));
    scenarios.put(
        FailureReason.DEPOSIT_TOTALS_DECREASED,
        () ->
            new Scenario(
                f.funded(0, 1_000),
                ch ->
                    f.bob.propose(
                        ch, new UpdateParams.Deposit(f.token), f.deposits(f.token, 0, 999))));
    scenarios.put(
        FailureReason.TOO_MANY_ASSETS,
        () -> {
          ChannelFixture oneAsset = new ChannelFixture(withLimits(1, 256));
          Channel c = oneAsset.funded(0, 1_000);
          return new Scenario(
              c,
              ch ->
                  oneAsset.bob.propose(
                      ch,
                      new UpdateParams.Deposit(oneAsset.otherToken),
                      oneAsset.deposits(oneAsset.otherToken, 0, 50)));
        });
    scenarios.put(
        FailureReason.UNKNOWN_ASSET,
        () ->
            bobCreatesChanged(
                8,
                p ->
                    new UpdateParams.Create(
                        f.otherToken,
                        p.balance(),
                        p.transferDefinition(),
                        p.transferTimeout(),
                        p.transferInitialState())));
    scenarios.put(
        FailureReason.INSUFFICIENT_BALANCE,
        () -> {
          Channel c = f.funded(0, 1_000);
          ChannelUpdate u =
              bobProposes(
                  f.funded(0, 2_000),
                  f.hashlock(f.bob, f.alice, 1_001, ChannelFixture.preImage(9), 0));
          // the same overdraft, proposed against the real 1,000 balance
          return new Scenario(c, ch -> f.alice.countersign(ch, u, f.inputs()));
        });
    scenarios.put(
        FailureReason.UNKNOWN_TRANSFER_DEFINITION,
        () ->
            bobCreatesChanged(
                10,
                p ->
                    new UpdateParams.Create(
                        p.assetId(),
                        p.balance(),
                        Address.fromHex("0x00000000000000000000000000000000DEADBEEF"),
                        p.transferTimeout(),
                        p.transferInitialState())));
    // longer than the channel's own 48 h dispute timeout
    scenarios.put(
        FailureReason.TRANSFER_TIMEOUT_OUT_OF_RANGE,
        () ->
            bobCreatesChanged(
                11,
                p ->
                    new UpdateParams.Create(
                        p.assetId(),
                        p.balance(),
                        p.transferDefinition(),
                        Uint256.of(49 * ChannelRules.HOUR),
                        p.transferInitialState())));
    scenarios.put(
        FailureReason.INVALID_TRANSFER_STATE,
        () ->
            bobCreatesChanged(
                12,
                p ->
                    new UpdateParams.Create(
                        p.assetId(),
                        p.balance(),
                        p.transferDefinition(),
                        p.transferTimeout(),
                        new HashlockState(Bytes32.ZERO, Uint256.ZERO))));
    scenarios.put(
        FailureReason.DUPLICATE_TRANSFER,
        () -> {
          Channel c = f.funded(0, 1_000);
          // a stored channel that already holds the id the next create will derive (a corrupted
          // store)
          Bytes32 nextId =
              ChannelHashes.transferId(
                  f.hashlockDefinition, c.channelAddress(), TRANSFER_TIMEOUT, c.nonce());
          HashlockState lock =
              new HashlockState(
                  HashlockTransfer.lockHash(ChannelFixture.preImage(13)), Uint256.ZERO);
          CoreTransferState squatter =
              new CoreTransferState(
                  c.channelAddress(),
                  nextId,
                  f.hashlockDefinition,
                  f.bobKey.address(),
                  f.aliceKey.address(),
                  f.token,
                  new Balance(Uint256.ZERO, Uint256.ZERO, f.bobKey.address(), f.aliceKey.address()),
                  TRANSFER_TIMEOUT,
                  lock.hash());
          TreeMap<Bytes32, ActiveTransfer> active = new TreeMap<>();
          active.put(nextId, ActiveTransfer.of(squatter, lock, c.nonce()));
          Channel corrupted = new Channel(c.state(), c.network(), c.latestUpdate(), active);
          return new Scenario(
              corrupted,
              ch ->
                  f.bob.propose(
                      ch,
                      f.hashlock(f.bob, f.alice, 10, ChannelFixture.preImage(13), 0),
                      f.inputs()));
        });
    scenarios.put(
        FailureReason.TOO_MANY_TRANSFERS,
        () -> {
          ChannelFixture one = new ChannelFixture(withLimits(16, 1));
          Channel c = one.funded(0, 1_000);
          Channel oneOpen =
              one.round(
                  c,
                  one.bob,
                  one.alice,
                  one.hashlock(one.bob, one.alice, 10, ChannelFixture.preImage(14), 0),
                  one.inputs());
          return new Scenario(
              oneOpen,
              ch ->
                  one.bob.propose(
                      ch,
                      one.hashlock(one.bob, one.alice, 10, ChannelFixture.preImage(15), 0),
                      one.inputs()));
        });
    scenarios.put(
        FailureReason.UNKNOWN_TRANSFER,
        () ->
            new Scenario(
                f.funded(0, 1_000),
                ch ->
                    f.alice.propose(
                        ch,
                        new UpdateParams.Resolve(
                            ChannelFixture.preImage(99),
                            new HashlockResolver(ChannelFixture.preImage(16))),
                        f.inputs())));
    // the payer tries to cancel its own payment back to itself
    scenarios.put(
        FailureReason.RESOLVER_NOT_RESPONDER,
        () ->
            resolveAttempt(
                f.funded(0, 1_000), 10, 17, 0, f.bob, HashlockResolver.cancel(), f.inputs()));
    scenarios.put(
        FailureReason.INVALID_RESOLVER,
        () ->
            resolveAttempt(
                f.funded(0, 1_000),
                10,
                18,
                0,
                f.alice,
                new HashlockResolver(ChannelFixture.preImage(19)),
                f.inputs()));
    scenarios.put(
        FailureReason.TRANSFER_EXPIRED,
        () ->
            resolveAttempt(
                f.funded(0, 1_000),
                10,
                20,
                NOW + 60,
                f.alice,
                new HashlockResolver(ChannelFixture.preImage(20)),
                ChainInputs.at(NOW + 60)));
  }

  @ParameterizedTest
  @EnumSource(FailureReason.class)
  void everyReasonIsTriggeredAndChangesNothing(FailureReason reason) {
    if (!scenarios.containsKey(reason)) {
      fail("no scenario triggers " + reason + "; every reason in the catalogue needs one");
    }
    Scenario s = scenarios.get(reason).get();
    JsonNode before = ChannelJson.toJson(s.before());

    Outcome<Transition> outcome = s.attempt().apply(s.before());

    assertThat(outcome.isOk()).as("%s should be refused", reason).isFalse();
    assertThat(outcome.rejection().reason()).as(outcome.rejection().detail()).isEqualTo(reason);
    assertThat(outcome.rejection().detail()).isNotBlank();
    assertThat(ChannelJson.toJson(s.before())).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(FailureReason.class)
  void everyReasonHasAStatusAndAWireName(FailureReason reason) {
    assertThat(reason.httpStatus()).isIn(400, 402, 409);
    assertThat(reason.errorReason()).matches("[a-z0-9_]+").isEqualTo(reason.name().toLowerCase());
  }

  /**
   * Bob's payment of {@code amount}, locked by preimage {@code seed} until {@code expiry}, signed
   * by both; then {@code resolver} tries to resolve it.
   */
  private Scenario resolveAttempt(
      Channel funded,
      long amount,
      int seed,
      long expiry,
      ChannelParty resolver,
      HashlockResolver key,
      ChainInputs at) {
    Channel created =
        f.round(
            funded,
            f.bob,
            f.alice,
            f.hashlock(f.bob, f.alice, amount, ChannelFixture.preImage(seed), expiry),
            f.inputs());
    Bytes32 id = ChannelFixture.createdTransferId(created);
    return new Scenario(created, ch -> resolver.propose(ch, new UpdateParams.Resolve(id, key), at));
  }

  /** Bob proposes a valid 10-unit payment with one thing changed; his own checks must refuse it. */
  private Scenario bobCreatesChanged(
      int preImageSeed, java.util.function.UnaryOperator<UpdateParams.Create> change) {
    Channel c = f.funded(0, 1_000);
    UpdateParams.Create p =
        change.apply(f.hashlock(f.bob, f.alice, 10, ChannelFixture.preImage(preImageSeed), 0));
    return new Scenario(c, ch -> f.bob.propose(ch, p, f.inputs()));
  }

  private ChannelUpdate bobProposes(Channel c, UpdateParams p) {
    return okOrFail(f.bob.propose(c, p, f.inputs())).update();
  }

  private static ChannelUpdate withNonce(ChannelUpdate u, long nonce) {
    return new ChannelUpdate(
        u.channelAddress(),
        u.fromIdentifier(),
        u.toIdentifier(),
        nonce,
        u.balance(),
        u.assetId(),
        u.details(),
        u.aliceSignature(),
        u.bobSignature());
  }

  private ChannelRules withLimits(int maxAssets, int maxTransfers) {
    ChannelRules d = ChannelFixture.defaultRules();
    TransferRegistry r = d.registry();
    return new ChannelRules(
        r,
        d.minChannelTimeoutSeconds(),
        d.maxChannelTimeoutSeconds(),
        d.minTransferTimeoutSeconds(),
        d.maxTransferTimeoutSeconds(),
        maxAssets,
        maxTransfers);
  }
}
