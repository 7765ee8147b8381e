package dev.tollgate.bench;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.core.protocol.ChannelRules;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.protocol.UpdateApplier;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.transfer.TransferRegistry;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gateway's per-payment protocol work on one core: validating and applying a payer's signed
 * create (regenerate, compare, verify the payer's signature) with and without countersigning, and
 * the same for the resolve that follows it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class UpdateBenchmark {
  private static final long NOW = 1_750_000_000L;

  private ChannelParty gateway;
  private ChannelParty payer;
  private ChainInputs inputs;
  private Channel funded;
  private ChannelUpdate payerCreate;
  private Channel created;
  private ChannelUpdate gatewayResolve;

  @Setup
  public void setUp() {
    Address hashlock = Address.fromHex("0x00000000000000000000000000000000000a11ce");
    ChannelRules rules =
        ChannelRules.defaults(
            TransferRegistry.of(
                hashlock, Address.fromHex("0x0000000000000000000000000000000000000b0b")));
    gateway =
        new ChannelParty(
            LocalKeySigner.fromHex(
                "0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63"),
            rules);
    payer =
        new ChannelParty(
            LocalKeySigner.fromHex(
                "0xc87509a1c067bbde78beb793e6fa76530b6382a4c0241e5e4a9ec0a0f44dc0d3"),
            rules);
    Address token = Address.fromHex("0x7e57000000000000000000000000000000000001");
    NetworkContext network =
        new NetworkContext(
            31337,
            Address.fromHex("0xfac7000000000000000000000000000000000001"),
            Address.fromHex("0x5e65000000000000000000000000000000000001"));
    inputs = ChainInputs.at(NOW);
    Channel c =
        Channel.unopened(
            Address.fromHex("0xc0ffee0000000000000000000000000000000001"),
            gateway.signer().address(),
            payer.signer().address(),
            network);
    c = round(c, payer, gateway, new UpdateParams.Setup(Uint256.of(48 * 3600), network), inputs);
    c =
        round(
            c,
            payer,
            gateway,
            new UpdateParams.Deposit(token),
            inputs.withDeposits(token, new DepositTotals(Uint256.ZERO, Uint256.of(1_000_000_000))));
    funded = c;

    Bytes32 preImage = Bytes32.fromHex("0x" + "5e".repeat(32));
    UpdateParams.Create create =
        new UpdateParams.Create(
            token,
            new Balance(
                Uint256.of(1_000),
                Uint256.ZERO,
                payer.signer().address(),
                gateway.signer().address()),
            hashlock,
            Uint256.of(24 * 3600),
            new HashlockState(HashlockTransfer.lockHash(preImage), Uint256.ZERO));
    payerCreate = ok(payer.propose(funded, create, inputs)).update();
    created = ok(gateway.countersign(funded, payerCreate, inputs)).next();
    Bytes32 id = ((UpdateDetails.Create) payerCreate.details()).transferId();
    gatewayResolve =
        ok(gateway.propose(
                created, new UpdateParams.Resolve(id, new HashlockResolver(preImage)), inputs))
            .update();
  }

  /** The gateway's hot path for a payment: validate + apply + countersign the payer's create. */
  @Benchmark
  public Transition createValidateApplyCountersign() {
    return ok(gateway.countersign(funded, payerCreate, inputs));
  }

  @Benchmark
  public Transition createValidateApply() {
    return ok(UpdateApplier.applyUpdate(funded, payerCreate, inputs, gateway.rules()));
  }

  /** The payer's side of the resolve: validate + apply + countersign the gateway's resolve. */
  @Benchmark
  public Transition resolveValidateApplyCountersign() {
    return ok(payer.countersign(created, gatewayResolve, inputs));
  }

  @Benchmark
  public Transition resolveValidateApply() {
    return ok(UpdateApplier.applyUpdate(created, gatewayResolve, inputs, payer.rules()));
  }

  private static Channel round(
      Channel c, ChannelParty proposer, ChannelParty receiver, UpdateParams p, ChainInputs in) {
    Transition proposed = ok(proposer.propose(c, p, in));
    Transition countersigned = ok(receiver.countersign(c, proposed.update(), in));
    return ok(proposer.acceptDoubleSigned(c, countersigned.update(), in)).next();
  }

  private static <T> T ok(Outcome<T> o) {
    if (!o.isOk()) {
      throw new IllegalStateException("benchmark setup refused: " + o.rejection());
    }
    return o.value();
  }
}
