package dev.tollgate.core.cli;

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
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.transfer.TransferRegistry;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Two parties, one channel, in memory: setup, a deposit, then N hashlock payments from the payer
 * (bob) to the gateway (alice), each a create and a resolve that both sides sign and verify. Prints
 * the final balances and the throughput.
 */
public final class PaymentDemo {
  private static final int DECIMALS = 6;
  private static final long NOW = 1_750_000_000L;

  private final ChannelParty gateway;
  private final ChannelParty payer;
  private final Address token = Address.fromHex("0x7e57000000000000000000000000000000000001");
  private final Address hashlock = Address.fromHex("0x00000000000000000000000000000000000a11ce");

  private PaymentDemo(SecureRandom random) {
    ChannelRules rules =
        ChannelRules.defaults(
            TransferRegistry.of(
                hashlock, Address.fromHex("0x0000000000000000000000000000000000000b0b")));
    this.gateway = new ChannelParty(LocalKeySigner.random(random), rules);
    this.payer = new ChannelParty(LocalKeySigner.random(random), rules);
  }

  public static void main(String[] args) {
    int payments = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    if (payments < 1) {
      throw new IllegalArgumentException("number of payments must be positive, got " + payments);
    }
    new PaymentDemo(new SecureRandom()).run(payments, Uint256.of(1_000), Uint256.of(10_000_000));
  }

  private void run(int payments, Uint256 price, Uint256 deposit) {
    SecureRandom random = new SecureRandom();
    NetworkContext network =
        new NetworkContext(
            31337,
            Address.fromHex("0xfac7000000000000000000000000000000000001"),
            Address.fromHex("0x5e65000000000000000000000000000000000001"));
    Address channelAddress = Address.fromHex("0xc0ffee0000000000000000000000000000000001");
    Address alice = gateway.signer().address();
    Address bob = payer.signer().address();
    System.out.println("Tollgate in-memory demo: one channel, " + payments + " hashlock payments");
    System.out.println("  gateway (alice) " + alice);
    System.out.println("  payer   (bob)   " + bob);

    Channel c = Channel.unopened(channelAddress, alice, bob, network);
    c =
        round(
            c,
            payer,
            gateway,
            new UpdateParams.Setup(Uint256.of(48 * ChannelRules.HOUR), network),
            ChainInputs.at(NOW));
    System.out.println("  setup    -> nonce " + c.nonce());
    ChainInputs chain =
        ChainInputs.at(NOW).withDeposits(token, new DepositTotals(Uint256.ZERO, deposit));
    c = round(c, payer, gateway, new UpdateParams.Deposit(token), chain);
    System.out.println(
        "  deposit  -> nonce " + c.nonce() + ", payer deposited " + units(deposit.value()));

    long start = System.nanoTime();
    for (int i = 0; i < payments; i++) {
      Bytes32 preImage = randomWord(random);
      UpdateParams.Create create =
          new UpdateParams.Create(
              token,
              new Balance(price, Uint256.ZERO, bob, alice),
              hashlock,
              Uint256.of(24 * ChannelRules.HOUR),
              new HashlockState(HashlockTransfer.lockHash(preImage), Uint256.ZERO));
      c = round(c, payer, gateway, create, ChainInputs.at(NOW));
      Bytes32 id = ((UpdateDetails.Create) c.latestUpdate().orElseThrow().details()).transferId();
      c =
          round(
              c,
              gateway,
              payer,
              new UpdateParams.Resolve(id, new HashlockResolver(preImage)),
              ChainInputs.at(NOW));
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    Balance b = c.state().balances().get(0);
    BigInteger total = b.total();
    System.out.printf(
        "  paid     -> nonce %d, %d payments of %s in %.3f s: %.0f payments/s (%.0f µs each)%n",
        c.nonce(),
        payments,
        units(price.value()),
        seconds,
        payments / seconds,
        seconds * 1e6 / payments);
    System.out.println(
        "  final balances: gateway "
            + units(b.amount0().value())
            + ", payer "
            + units(b.amount1().value())
            + ", locked in transfers "
            + c.activeTransfers().size());
    System.out.println(
        "  conservation: balances "
            + units(total)
            + " = deposits "
            + units(deposit.value())
            + (total.equals(deposit.value()) ? "  ok" : "  VIOLATED"));
    if (!total.equals(deposit.value())) {
      System.exit(1);
    }
  }

  /** Propose, countersign, accept: what a payer and a gateway do over HTTP, here in one process. */
  private static Channel round(
      Channel c, ChannelParty proposer, ChannelParty receiver, UpdateParams p, ChainInputs in) {
    Transition proposed = orThrow(proposer.propose(c, p, in));
    Transition countersigned = orThrow(receiver.countersign(c, proposed.update(), in));
    return orThrow(proposer.acceptDoubleSigned(c, countersigned.update(), in)).next();
  }

  private static <T> T orThrow(Outcome<T> o) {
    if (!o.isOk()) {
      throw new IllegalStateException("update refused: " + o.rejection());
    }
    return o.value();
  }

  private static Bytes32 randomWord(SecureRandom random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Bytes32.of(b);
  }

  private static String units(BigInteger amount) {
    return new BigDecimal(amount, DECIMALS).toPlainString() + " TEST";
  }
}
