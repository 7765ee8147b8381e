package dev.tollgate.functions.adapter.dynamodb;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.port.ChannelWrite;
import dev.tollgate.core.port.StoredChannel;
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
import java.security.SecureRandom;
import java.util.List;

/**
 * Real channels for store tests, built and signed by channel-core: a gateway (alice) and one payer
 * (bob) per channel, with the writes the gateway makes for opening and for each payment.
 */
public final class TestChannels {
  public static final long NOW = 1_700_000_000L;
  public static final Address HASHLOCK =
      Address.fromHex("0x00000000000000000000000000000000000A11CE");
  public static final Address WITHDRAW =
      Address.fromHex("0x0000000000000000000000000000000000000B0B");
  public static final Address TOKEN = Address.fromHex("0x1000000000000000000000000000000000000001");
  static final NetworkContext NETWORK =
      new NetworkContext(
          31337,
          Address.fromHex("0xfac7000000000000000000000000000000000001"),
          Address.fromHex("0x5e65000000000000000000000000000000000001"));
  private static final ChannelRules RULES =
      ChannelRules.defaults(TransferRegistry.of(HASHLOCK, WITHDRAW));
  private static final SecureRandom RANDOM = new SecureRandom();

  public final ChannelParty gateway =
      new ChannelParty(
          LocalKeySigner.fromHex(
              "0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63"),
          RULES);

  public record Opened(ChannelParty payer, ChannelWrite write) {}

  /** A new payer's channel, set up and funded: the write that first stores it (nonce 0 → 2). */
  public Opened opened(long payerDeposit) {
    ChannelParty payer = new ChannelParty(LocalKeySigner.random(RANDOM), RULES);
    Address address = Address.of(RANDOM.generateSeed(20));
    Channel start =
        Channel.unopened(address, gateway.signer().address(), payer.signer().address(), NETWORK);
    Transition setup =
        round(
            start,
            payer,
            gateway,
            new UpdateParams.Setup(Uint256.of(48 * ChannelRules.HOUR), NETWORK),
            ChainInputs.at(NOW));
    Transition deposit =
        round(
            setup.next(),
            payer,
            gateway,
            new UpdateParams.Deposit(TOKEN),
            ChainInputs.at(NOW)
                .withDeposits(TOKEN, new DepositTotals(Uint256.ZERO, Uint256.of(payerDeposit))));
    return new Opened(
        payer,
        new ChannelWrite(
            0,
            StoredChannel.doubleSigned(deposit.next()),
            List.of(setup.update(), deposit.update())));
  }

  /**
   * A payment as the gateway records it: the payer's create, countersigned, and the gateway's
   * resolve, signed by the gateway only until the payer builds on it.
   */
  public ChannelWrite payment(
      ChannelParty payer, StoredChannel stored, long amount, Bytes32 preImage) {
    Channel before = stored.latest();
    Transition create =
        round(
            before,
            payer,
            gateway,
            new UpdateParams.Create(
                TOKEN,
                new Balance(
                    Uint256.of(amount),
                    Uint256.ZERO,
                    payer.signer().address(),
                    gateway.signer().address()),
                HASHLOCK,
                Uint256.of(24 * ChannelRules.HOUR),
                new HashlockState(HashlockTransfer.lockHash(preImage), Uint256.ZERO)),
            ChainInputs.at(NOW));
    Bytes32 transferId = ((UpdateDetails.Create) create.update().details()).transferId();
    Transition resolve =
        ok(
            gateway.propose(
                create.next(),
                new UpdateParams.Resolve(transferId, new HashlockResolver(preImage)),
                ChainInputs.at(NOW)));
    return new ChannelWrite(
        before.nonce(),
        new StoredChannel(resolve.next(), create.next()),
        List.of(create.update(), resolve.update()));
  }

  /** The payer's create alone, countersigned: the payment is locked, not yet resolved. */
  public ChannelWrite lock(
      ChannelParty payer, StoredChannel stored, long amount, Bytes32 preImage) {
    ChannelWrite paid = payment(payer, stored, amount, preImage);
    return new ChannelWrite(
        stored.nonce(),
        StoredChannel.doubleSigned(paid.next().latestDoubleSigned()),
        List.of(paid.updates().get(0)));
  }

  /** The gateway's resolve of a transfer an earlier write locked. */
  public ChannelWrite resolve(StoredChannel stored, Bytes32 transferId, Bytes32 preImage) {
    Transition resolve =
        ok(
            gateway.propose(
                stored.latest(),
                new UpdateParams.Resolve(transferId, new HashlockResolver(preImage)),
                ChainInputs.at(NOW)));
    return new ChannelWrite(
        stored.nonce(),
        new StoredChannel(resolve.next(), stored.latestDoubleSigned()),
        List.of(resolve.update()));
  }

  static Transition round(
      Channel channel,
      ChannelParty proposer,
      ChannelParty receiver,
      UpdateParams p,
      ChainInputs in) {
    Transition proposed = ok(proposer.propose(channel, p, in));
    return ok(receiver.countersign(channel, proposed.update(), in));
  }

  public static Bytes32 preImage(int n) {
    byte[] b = new byte[32];
    b[0] = 0x42;
    b[30] = (byte) (n >> 8);
    b[31] = (byte) n;
    return Bytes32.of(b);
  }

  static <T> T ok(Outcome<T> outcome) {
    if (!outcome.isOk()) {
      throw new AssertionError("channel-core refused: " + outcome.rejection());
    }
    return outcome.value();
  }
}
