package dev.tollgate.functions.paywall;

import static dev.tollgate.functions.paywall.PaywallFixtures.BOOK;
import static dev.tollgate.functions.paywall.PaywallFixtures.FUNDED;
import static dev.tollgate.functions.paywall.PaywallFixtures.HASHLOCK;
import static dev.tollgate.functions.paywall.PaywallFixtures.PRICE;
import static dev.tollgate.functions.paywall.PaywallFixtures.WITHDRAW;
import static dev.tollgate.functions.paywall.PaywallFixtures.payerCreate;
import static dev.tollgate.functions.paywall.PaywallFixtures.quote;
import static dev.tollgate.functions.paywall.PaywallFixtures.verified;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.ChannelParty;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.QuoteExtra;
import dev.tollgate.x402.refusal.PaywallReason;
import dev.tollgate.x402.refusal.Refusal;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** checkCreate against real create updates that channel-core built and the payer signed. */
class CheckCreateTest {
  private final PaymentRequirements quote = quote();
  private final VerifiedQuote verified = verified(quote);
  private final QuoteExtra extra = quote.extra();

  @Test
  void theCreateAWellBehavedPayerBuildsPays() {
    ChannelUpdate create = payerCreate(quote);

    assertThat(BOOK.checkCreate(verified, create)).isEmpty();
    // and channel-core accepts it too: the gateway can countersign and resolve with the preImage
    PaywallFixtures.settle(create, verified.preImage());
  }

  @Test
  void payingMoreThanTheQuoteIsFine() {
    ChannelUpdate create =
        payerCreate(Uint256.of(10_500), HASHLOCK, extra.transferTimeout(), quotedLock());

    assertThat(BOOK.checkCreate(verified, create)).isEmpty();
  }

  @Test
  void aDepositIsNotACreate() {
    ChannelUpdate deposit = FUNDED.latestUpdate().orElseThrow();

    assertRefusal(
        BOOK.checkCreate(verified, deposit),
        PaywallReason.NOT_A_CREATE,
        "deposit update at nonce 2");
  }

  @Test
  void aLowerTransferAmountIsRefused() {
    ChannelUpdate create =
        payerCreate(Uint256.of(9_999), HASHLOCK, extra.transferTimeout(), quotedLock());

    assertRefusal(
        BOOK.checkCreate(verified, create), PaywallReason.PRICE_BELOW_QUOTE, "9999 is below");
  }

  @Test
  void anotherLockHashIsRefused() {
    HashlockState otherLock =
        new HashlockState(HashlockTransfer.lockHash(PaywallFixtures.nonce(7)), extra.lockExpiry());
    ChannelUpdate create = payerCreate(PRICE, HASHLOCK, extra.transferTimeout(), otherLock);

    assertRefusal(
        BOOK.checkCreate(verified, create),
        PaywallReason.LOCK_MISMATCH,
        "lockHash " + otherLock.lockHash());
  }

  @Test
  void anotherLockExpiryIsRefused() {
    HashlockState noExpiry = new HashlockState(extra.lockHash(), Uint256.ZERO);
    ChannelUpdate create = payerCreate(PRICE, HASHLOCK, extra.transferTimeout(), noExpiry);

    assertRefusal(BOOK.checkCreate(verified, create), PaywallReason.LOCK_MISMATCH, "lock expiry 0");
  }

  @Test
  void anotherTransferTimeoutIsRefused() {
    Uint256 shorter = Uint256.of(12 * 3600);
    ChannelUpdate create = payerCreate(PRICE, HASHLOCK, shorter, quotedLock());

    assertRefusal(
        BOOK.checkCreate(verified, create), PaywallReason.LOCK_MISMATCH, "transferTimeout 43200");
  }

  @Test
  void anotherTransferDefinitionIsRefused() {
    ChannelUpdate create =
        withCreate(
            payerCreate(quote),
            c ->
                new UpdateDetails.Create(
                    c.transferId(),
                    c.balance(),
                    WITHDRAW,
                    c.transferTimeout(),
                    c.transferInitialState(),
                    c.transferEncodings(),
                    c.merkleRoot()));

    assertRefusal(
        BOOK.checkCreate(verified, create), PaywallReason.LOCK_MISMATCH, WITHDRAW.toString());
  }

  @Test
  void aCreateInAChannelWithSomeoneElseIsRefused() {
    ChannelParty stranger =
        new ChannelParty(LocalKeySigner.random(new SecureRandom()), PaywallFixtures.RULES);
    Channel theirs =
        PaywallFixtures.funded(
            stranger, Address.fromHex("0xc4a77e1000000000000000000000000000000002"));
    ChannelUpdate create =
        PaywallFixtures.payerCreateIn(
            theirs, PRICE, HASHLOCK, extra.transferTimeout(), quotedLock());

    assertRefusal(
        BOOK.checkCreate(verified, create),
        PaywallReason.WRONG_PAY_TO,
        "balance.to[1]) " + stranger.signer().address());
  }

  @Test
  void aCreateAddressedToSomeoneElseIsRefused() {
    ChannelUpdate real = payerCreate(quote);
    Address other = Address.fromHex("0x000000000000000000000000000000000000dEaD");
    ChannelUpdate misaddressed =
        new ChannelUpdate(
            real.channelAddress(),
            real.fromIdentifier(),
            other,
            real.nonce(),
            real.balance(),
            real.assetId(),
            real.details(),
            real.aliceSignature(),
            real.bobSignature());

    assertRefusal(
        BOOK.checkCreate(verified, misaddressed),
        PaywallReason.WRONG_PAY_TO,
        "toIdentifier " + other);
  }

  @Test
  void aCreateInAnotherAssetIsRefused() {
    ChannelUpdate real = payerCreate(quote);
    ChannelUpdate otherAsset =
        new ChannelUpdate(
            real.channelAddress(),
            real.fromIdentifier(),
            real.toIdentifier(),
            real.nonce(),
            real.balance(),
            PaywallFixtures.OTHER_TOKEN,
            real.details(),
            real.aliceSignature(),
            real.bobSignature());

    assertRefusal(
        BOOK.checkCreate(verified, otherAsset),
        PaywallReason.WRONG_ASSET,
        PaywallFixtures.OTHER_TOKEN.toString());
  }

  private HashlockState quotedLock() {
    return new HashlockState(extra.lockHash(), extra.lockExpiry());
  }

  private static ChannelUpdate withCreate(
      ChannelUpdate u, java.util.function.UnaryOperator<UpdateDetails.Create> change) {
    return new ChannelUpdate(
        u.channelAddress(),
        u.fromIdentifier(),
        u.toIdentifier(),
        u.nonce(),
        u.balance(),
        u.assetId(),
        change.apply((UpdateDetails.Create) u.details()),
        u.aliceSignature(),
        u.bobSignature());
  }

  private static void assertRefusal(
      Optional<Refusal> refusal, PaywallReason reason, String detailPart) {
    assertThat(refusal).as("expected %s", reason).isPresent();
    assertThat(refusal.get().is(reason)).as("reason of %s", refusal.get()).isTrue();
    assertThat(refusal.get().detail()).contains(detailPart);
  }
}
