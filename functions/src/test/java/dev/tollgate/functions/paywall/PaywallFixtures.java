package dev.tollgate.functions.paywall;

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
import dev.tollgate.core.transfer.TransferRegistry;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.QuoteExtra;
import dev.tollgate.x402.ResourceInfo;
import dev.tollgate.x402.refusal.Checked;

/**
 * A gateway's quote book and one real, funded channel with a payer, both built and signed by
 * channel-core, for building the create updates that pay quotes.
 */
final class PaywallFixtures {
  static final long NOW = 1_700_000_000L;
  static final long QUOTE_VALIDITY = 300;
  static final long LOCK_GRACE = 3600;
  static final Address HASHLOCK = Address.fromHex("0x00000000000000000000000000000000000A11CE");
  static final Address WITHDRAW = Address.fromHex("0x0000000000000000000000000000000000000B0B");
  static final Address TOKEN = Address.fromHex("0x1000000000000000000000000000000000000001");
  static final Address OTHER_TOKEN = Address.fromHex("0x2000000000000000000000000000000000000002");
  static final NetworkContext NETWORK =
      new NetworkContext(
          31337,
          Address.fromHex("0xfac7000000000000000000000000000000000001"),
          Address.fromHex("0x5e65000000000000000000000000000000000001"));
  static final ChannelRules RULES = ChannelRules.defaults(TransferRegistry.of(HASHLOCK, WITHDRAW));
  static final long TRANSFER_TIMEOUT = 24 * ChannelRules.HOUR;
  static final ResourceInfo ARTICLE =
      new ResourceInfo("https://news.example/articles/42", "Article 42", "text/html");
  static final Uint256 PRICE = Uint256.of(10_000);

  static final ChannelParty GATEWAY =
      new ChannelParty(
          LocalKeySigner.fromHex(
              "0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63"),
          RULES);
  static final ChannelParty PAYER =
      new ChannelParty(
          LocalKeySigner.fromHex(
              "0x0dbbe8e4ae425a6d2687f1a7e3ba17bc98c673636790f1b8ad91193c05875ef1"),
          RULES);
  static final Address CHANNEL = Address.fromHex("0xc4a77e1000000000000000000000000000000001");

  static final QuoteTerms TERMS =
      new QuoteTerms(
          NETWORK.chainId(),
          GATEWAY.signer().address(),
          TOKEN,
          NETWORK.channelFactoryAddress(),
          NETWORK.transferRegistryAddress(),
          HASHLOCK,
          QUOTE_VALIDITY,
          TRANSFER_TIMEOUT,
          LockExpiryPolicy.afterQuoteExpiry(LOCK_GRACE));

  static final byte[] SECRET = secret(0x5a);
  static final QuoteBook BOOK = new QuoteBook(SECRET, TERMS);

  /** The payer's channel, set up and funded with {@code 1_000_000} of TOKEN (nonce 2). */
  static final Channel FUNDED = funded(GATEWAY, CHANNEL);

  private PaywallFixtures() {}

  static byte[] secret(int fill) {
    byte[] s = new byte[32];
    java.util.Arrays.fill(s, (byte) fill);
    return s;
  }

  static Bytes32 nonce(int n) {
    byte[] b = new byte[32];
    b[0] = 0x11;
    b[31] = (byte) n;
    return Bytes32.of(b);
  }

  static PaymentRequirements quote() {
    return BOOK.quote(ARTICLE, PRICE, NOW, nonce(1));
  }

  static VerifiedQuote verified(PaymentRequirements quote) {
    Checked<VerifiedQuote> v = BOOK.verify(quote, ARTICLE.url(), NOW);
    if (!v.isOk()) {
      throw new AssertionError("quote refused: " + v.refusal());
    }
    return v.value();
  }

  /** The create a well-behaved payer builds from a quote: signed by the payer only. */
  static ChannelUpdate payerCreate(PaymentRequirements quote) {
    QuoteExtra x = quote.extra();
    return payerCreate(
        quote.amount(),
        x.transferDefinition(),
        x.transferTimeout(),
        new HashlockState(x.lockHash(), x.lockExpiry()));
  }

  static ChannelUpdate payerCreate(
      Uint256 amount, Address definition, Uint256 transferTimeout, HashlockState lock) {
    return payerCreateIn(FUNDED, amount, definition, transferTimeout, lock);
  }

  /** A payer's create in {@code channel}, paying whoever is alice there. */
  static ChannelUpdate payerCreateIn(
      Channel channel,
      Uint256 amount,
      Address definition,
      Uint256 transferTimeout,
      HashlockState lock) {
    UpdateParams.Create params =
        new UpdateParams.Create(
            TOKEN,
            new Balance(amount, Uint256.ZERO, PAYER.signer().address(), channel.state().alice()),
            definition,
            transferTimeout,
            lock);
    return ok(PAYER.propose(channel, params, ChainInputs.at(NOW))).update();
  }

  /** The gateway's countersigned create and its signed resolve revealing the preImage. */
  static Transition[] settle(ChannelUpdate payerCreate, Bytes32 preImage) {
    Transition create = ok(GATEWAY.countersign(FUNDED, payerCreate, ChainInputs.at(NOW)));
    Bytes32 transferId = ((UpdateDetails.Create) create.update().details()).transferId();
    Transition resolve =
        ok(
            GATEWAY.propose(
                create.next(),
                new UpdateParams.Resolve(transferId, new HashlockResolver(preImage)),
                ChainInputs.at(NOW)));
    return new Transition[] {create, resolve};
  }

  /** A channel between {@code alice} and the payer, set up and funded by the payer. */
  static Channel funded(ChannelParty alice, Address channelAddress) {
    Channel start =
        Channel.unopened(
            channelAddress, alice.signer().address(), PAYER.signer().address(), NETWORK);
    Transition setup =
        round(
            alice,
            start,
            new UpdateParams.Setup(Uint256.of(48 * ChannelRules.HOUR), NETWORK),
            ChainInputs.at(NOW));
    ChainInputs deposit =
        ChainInputs.at(NOW)
            .withDeposits(TOKEN, new DepositTotals(Uint256.ZERO, Uint256.of(1_000_000)));
    return round(alice, setup.next(), new UpdateParams.Deposit(TOKEN), deposit).next();
  }

  /** The payer proposes, alice countersigns: both now hold the double-signed state. */
  private static Transition round(
      ChannelParty alice, Channel channel, UpdateParams params, ChainInputs in) {
    Transition proposed = ok(PAYER.propose(channel, params, in));
    return ok(alice.countersign(channel, proposed.update(), in));
  }

  static <T> T ok(Outcome<T> outcome) {
    if (!outcome.isOk()) {
      throw new AssertionError("channel-core refused: " + outcome.rejection());
    }
    return outcome.value();
  }
}
