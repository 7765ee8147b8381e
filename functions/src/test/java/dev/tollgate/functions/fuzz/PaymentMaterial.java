package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.failure.FailureReason;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.paywall.PaidRequests;
import dev.tollgate.functions.paywall.QuoteBook;
import dev.tollgate.functions.paywall.QuoteIssuer;
import dev.tollgate.functions.paywall.Seller;
import dev.tollgate.x402.PaymentPayload;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.ResourceInfo;
import dev.tollgate.x402.refusal.Checked;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * What the generators build on: genuine payments for a few paths (fresh quotes, refreshed well
 * before they expire), the headers of payments already settled, a second payer's channel, a channel
 * never opened, a stranger's key. Every genuine payment is checked with the gateway's own {@code
 * verify} (which stores nothing) before a generator sees it, so a mutation starts from a payment
 * that really is valid, and its stranger-signed twin really is refused.
 */
final class PaymentMaterial {
  /** Paths the mutation families pay for; a refresh fetches one quote each. */
  static final List<String> PATHS =
      List.of(ARTICLES + "fuzz-0", ARTICLES + "fuzz-1", FuzzGateway.API + "fuzz-0");

  private static final long REFRESH_NANOS = 60_000_000_000L;

  private final FuzzGateway gateway;
  private final HttpPayer payer;
  private final HttpPayer victim;
  private final LocalKeySigner stranger;
  private final Address unopenedChannel;
  private final List<Settled> settled;
  private final PaidRequests paidRequests;
  private final Map<String, Payment> fresh = new HashMap<>();
  private long freshSince;

  /** A payment the gateway accepted before the fuzz: the header sent and where. */
  record Settled(String path, String header) {}

  PaymentMaterial(
      FuzzGateway gateway,
      HttpPayer payer,
      HttpPayer victim,
      Address unopenedChannel,
      List<Settled> settled,
      long seed) {
    this.gateway = gateway;
    this.payer = payer;
    this.victim = victim;
    this.unopenedChannel = unopenedChannel;
    this.settled = List.copyOf(settled);
    this.paidRequests = gateway.context().getBean(PaidRequests.class);
    byte[] key = new byte[32];
    new Random(seed ^ 0x5eed).nextBytes(key);
    key[0] = 0x11; // far below the curve order, never zero
    this.stranger = LocalKeySigner.fromPrivateKey(key);
    this.freshSince = System.nanoTime();
  }

  /** A genuine, unsent payment for one of {@link #PATHS}. */
  Payment payment(String path) {
    if (System.nanoTime() - freshSince > REFRESH_NANOS) {
      fresh.clear();
      freshSince = System.nanoTime();
    }
    return fresh.computeIfAbsent(path, this::newPayment);
  }

  Payment payment(Random random) {
    return payment(PATHS.get(random.nextInt(PATHS.size())));
  }

  private Payment newPayment(String path) {
    try {
      return checked(paymentFor(path, gateway.quote(path), payer.payer().view()));
    } catch (IOException e) {
      throw new IllegalStateException("no quote for " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A fresh quote for {@code path}, as its 402 carries it. */
  PaymentRequirements quote(String path) throws IOException, InterruptedException {
    return gateway.quote(path);
  }

  /**
   * A genuine quote issued {@code agoSeconds} before now by the gateway's own book, so it has
   * expired, with the payer's create for it.
   */
  Payment expired(String path, long agoSeconds) {
    QuoteBook book = gateway.context().getBean(QuoteBook.class);
    byte[] nonce = new byte[32];
    new SecureRandom().nextBytes(nonce);
    long issued = HttpPayer.now() - book.terms().quoteValiditySeconds() - agoSeconds;
    PaymentRequirements stale =
        book.quote(
            new ResourceInfo(path, "", "application/json"),
            priceOf(path),
            issued,
            Bytes32.of(nonce));
    return paymentFor(path, stale, payer.payer().view());
  }

  /**
   * The payer's own create for {@code accepted}, built and signed by its channel-core on {@code
   * view} (a doctored copy of its real view, for a create in another channel or at another nonce).
   */
  Payment paymentFor(String path, PaymentRequirements accepted, Channel view) {
    return paymentFor(
        path,
        accepted,
        view,
        accepted.amount(),
        accepted.extra().lockHash(),
        payer.payer().party().signer());
  }

  /**
   * The payer's create for {@code accepted} on {@code view}, locking {@code amount} to {@code
   * lockHash}, whatever the quote says, signed by {@code signer} (the payer's key or another).
   */
  Payment paymentFor(
      String path,
      PaymentRequirements accepted,
      Channel view,
      Uint256 amount,
      Bytes32 lockHash,
      Signer signer) {
    Transition t = signedCreate(payer, view, accepted, amount, lockHash);
    ChannelUpdate signed =
        signer.address().equals(payer.payer().address())
            ? t.update()
            : t.update()
                .withSignatures(Optional.empty(), Optional.of(signer.sign(t.stateDigest())));
    ChannelUpdate byStranger =
        t.update().withSignatures(Optional.empty(), Optional.of(stranger.sign(t.stateDigest())));
    return new Payment(path, accepted, signed, byStranger);
  }

  /** The create {@code who} signs for {@code accepted} on {@code view}. */
  Transition signedCreate(HttpPayer who, Channel view, PaymentRequirements accepted) {
    return signedCreate(who, view, accepted, accepted.amount(), accepted.extra().lockHash());
  }

  private Transition signedCreate(
      HttpPayer who, Channel view, PaymentRequirements accepted, Uint256 amount, Bytes32 lockHash) {
    Outcome<Transition> proposed =
        who.payer()
            .party()
            .propose(
                view,
                new UpdateParams.Create(
                    accepted.asset(),
                    new Balance(amount, Uint256.ZERO, who.payer().address(), gateway()),
                    accepted.extra().transferDefinition(),
                    accepted.extra().transferTimeout(),
                    new HashlockState(lockHash, accepted.extra().lockExpiry())),
                ChainInputs.at(HttpPayer.now()));
    if (!proposed.isOk()) {
      throw new IllegalStateException("the payer's channel-core refused: " + proposed);
    }
    return proposed.value();
  }

  /** Checks the payment is valid and its stranger-signed twin is not, without storing anything. */
  private Payment checked(Payment p) {
    Checked<ChannelUpdate> valid =
        paidRequests.verify(
            new PaymentPayload(Optional.empty(), p.accepted(), p.create(), Optional.empty()),
            p.path(),
            new Seller(QuoteIssuer.ROUTES, p.accepted().amount()),
            Optional.empty());
    if (!valid.isOk()) {
      throw new IllegalStateException("a genuine payment does not verify: " + valid.refusal());
    }
    Checked<ChannelUpdate> stranger =
        paidRequests.verify(
            new PaymentPayload(
                Optional.empty(), p.accepted(), p.strangerSigned(), Optional.empty()),
            p.path(),
            new Seller(QuoteIssuer.ROUTES, p.accepted().amount()),
            Optional.empty());
    if (stranger.isOk() || !stranger.refusal().is(FailureReason.BAD_SIGNATURE)) {
      throw new IllegalStateException(
          "the stranger's twin is not refused as bad_signature: "
              + (stranger.isOk() ? "accepted" : stranger.refusal()));
    }
    return p;
  }

  /** The payer's view with its state rewritten to be in {@code channel}. */
  Channel viewIn(Address channel) {
    Channel view = payer.payer().view();
    CoreChannelState s = view.state();
    return new Channel(
        new CoreChannelState(
            channel,
            s.alice(),
            s.bob(),
            s.assetIds(),
            s.balances(),
            s.processedDepositsA(),
            s.processedDepositsB(),
            s.defundNonces(),
            s.timeout(),
            s.nonce(),
            s.merkleRoot()),
        view.network(),
        view.latestUpdate(),
        view.activeTransfers());
  }

  /** The payer's view with its own balance set to {@code amount}. */
  Channel viewWithPayerBalance(Uint256 amount) {
    Channel view = payer.payer().view();
    CoreChannelState s = view.state();
    Balance b = s.balances().get(0);
    return new Channel(
        new CoreChannelState(
            s.channelAddress(),
            s.alice(),
            s.bob(),
            s.assetIds(),
            List.of(b.withAmounts(b.amount0(), amount)),
            s.processedDepositsA(),
            s.processedDepositsB(),
            s.defundNonces(),
            s.timeout(),
            s.nonce(),
            s.merkleRoot()),
        view.network(),
        view.latestUpdate(),
        view.activeTransfers());
  }

  /** The payer's view at another nonce. */
  Channel viewAtNonce(long nonce) {
    Channel view = payer.payer().view();
    CoreChannelState s = view.state();
    return new Channel(
        new CoreChannelState(
            s.channelAddress(),
            s.alice(),
            s.bob(),
            s.assetIds(),
            s.balances(),
            s.processedDepositsA(),
            s.processedDepositsB(),
            s.defundNonces(),
            s.timeout(),
            nonce,
            s.merkleRoot()),
        view.network(),
        view.latestUpdate(),
        view.activeTransfers());
  }

  static Uint256 priceOf(String path) {
    return Uint256.of(
        path.startsWith(FuzzGateway.API) ? FuzzGateway.API_PRICE : GatewayStack.ARTICLE_PRICE);
  }

  HttpPayer payer() {
    return payer;
  }

  HttpPayer victim() {
    return victim;
  }

  LocalKeySigner stranger() {
    return stranger;
  }

  Address unopenedChannel() {
    return unopenedChannel;
  }

  List<Settled> settled() {
    return settled;
  }

  Address gateway() {
    return payer.payer().view().state().alice();
  }

  Address payerAddress() {
    return payer.payer().address();
  }

  Address token() {
    return gateway.stack().token();
  }

  Address withdrawDefinition() {
    return gateway.stack().deployment().withdraw();
  }

  Address hashlockDefinition() {
    return gateway.stack().deployment().hashlockTransfer();
  }

  Uint256 payerBalance() {
    return payer.payer().balanceOf(token(), 1);
  }

  Signer payerSigner() {
    return payer.payer().party().signer();
  }

  long payerNonce() {
    return payer.payer().view().nonce();
  }
}
