package dev.tollgate.functions.paywall;

import static dev.tollgate.functions.paywall.PaywallFixtures.ARTICLE;
import static dev.tollgate.functions.paywall.PaywallFixtures.BOOK;
import static dev.tollgate.functions.paywall.PaywallFixtures.NOW;
import static dev.tollgate.functions.paywall.PaywallFixtures.PRICE;
import static dev.tollgate.functions.paywall.PaywallFixtures.QUOTE_VALIDITY;
import static dev.tollgate.functions.paywall.PaywallFixtures.TERMS;
import static dev.tollgate.functions.paywall.PaywallFixtures.TOKEN;
import static dev.tollgate.functions.paywall.PaywallFixtures.nonce;
import static dev.tollgate.functions.paywall.PaywallFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.QuoteExtra;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.PaywallReason;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class QuoteBookTest {
  private static final long EXPIRES_AT = NOW + QUOTE_VALIDITY;

  @Test
  void aQuoteOffersTheGatewaysTermsAndAHashlockOfItsOwnPreImage() {
    PaymentRequirements q = quote();

    assertThat(q.scheme()).isEqualTo("vector-hashlock");
    assertThat(q.network()).isEqualTo("eip155:31337");
    assertThat(q.amount()).isEqualTo(PRICE);
    assertThat(q.asset()).isEqualTo(TOKEN);
    assertThat(q.payTo()).isEqualTo(TERMS.payTo());
    assertThat(q.maxTimeoutSeconds()).isEqualTo(QUOTE_VALIDITY);
    QuoteExtra x = q.extra();
    assertThat(x.channelFactoryAddress()).isEqualTo(TERMS.channelFactory());
    assertThat(x.transferRegistryAddress()).isEqualTo(TERMS.transferRegistry());
    assertThat(x.transferDefinition()).isEqualTo(TERMS.hashlockDefinition());
    assertThat(x.transferTimeout()).isEqualTo(Uint256.of(TERMS.transferTimeoutSeconds()));
    assertThat(x.lockExpiry()).isEqualTo(Uint256.of(EXPIRES_AT + PaywallFixtures.LOCK_GRACE));
    assertThat(x.quoteExpiresAt()).isEqualTo(EXPIRES_AT);
    assertThat(x.quoteId()).matches("[A-Za-z0-9_-]+").hasSizeLessThan(150);

    VerifiedQuote v = PaywallFixtures.verified(q);
    assertThat(HashlockTransfer.lockHash(v.preImage())).isEqualTo(x.lockHash());
    assertThat(v.amount()).isEqualTo(PRICE);
    assertThat(v.expiresAt()).isEqualTo(EXPIRES_AT);
    assertThat(v.lockExpiry()).isEqualTo(x.lockExpiry());
    assertThat(v.toString()).doesNotContain(v.preImage().toHex().substring(2));
  }

  @Test
  void thePreImageIsDeterministicPerQuoteAndDifferentAcrossQuotes() {
    PaymentRequirements a = BOOK.quote(ARTICLE, PRICE, NOW, nonce(1));
    PaymentRequirements again = BOOK.quote(ARTICLE, PRICE, NOW, nonce(1));
    PaymentRequirements otherNonce = BOOK.quote(ARTICLE, PRICE, NOW, nonce(2));
    PaymentRequirements otherTime = BOOK.quote(ARTICLE, PRICE, NOW + 1, nonce(1));

    assertThat(again).isEqualTo(a);
    Bytes32 preImage = PaywallFixtures.verified(a).preImage();
    assertThat(PaywallFixtures.verified(again).preImage()).isEqualTo(preImage);
    assertThat(PaywallFixtures.verified(otherNonce).preImage()).isNotEqualTo(preImage);
    assertThat(BOOK.verify(otherTime, ARTICLE.url(), NOW + 1).value().preImage())
        .isNotEqualTo(preImage);
    assertThat(otherNonce.extra().lockHash()).isNotEqualTo(a.extra().lockHash());
  }

  @Test
  void anotherBookWithTheSameSecretAndTermsVerifiesTheQuote() {
    QuoteBook sibling = new QuoteBook(PaywallFixtures.secret(0x5a), TERMS);

    assertThat(sibling.verify(quote(), ARTICLE.url(), NOW).value())
        .isEqualTo(PaywallFixtures.verified(quote()));
  }

  @Test
  void aQuoteIsValidUntilTheSecondBeforeItExpires() {
    assertThat(BOOK.verify(quote(), ARTICLE.url(), EXPIRES_AT - 1).isOk()).isTrue();
  }

  @Test
  void aQuoteHasExpiredAtItsExpiresAt() {
    assertRefused(
        BOOK.verify(quote(), ARTICLE.url(), EXPIRES_AT),
        PaywallReason.QUOTE_EXPIRED,
        "expired at " + EXPIRES_AT);
  }

  @Test
  void aQuoteHasExpiredAfterItsExpiresAt() {
    assertRefused(
        BOOK.verify(quote(), ARTICLE.url(), EXPIRES_AT + 1),
        PaywallReason.QUOTE_EXPIRED,
        "now " + (EXPIRES_AT + 1));
  }

  @Test
  void aQuoteReplayedOnAnotherResourceIsRefused() {
    assertRefused(
        BOOK.verify(quote(), "https://news.example/articles/43", NOW),
        PaywallReason.RESOURCE_MISMATCH,
        "https://news.example/articles/43");
  }

  @Test
  void aLowerAcceptedAmountIsRefusedAndAHigherOneAccepted() {
    PaymentRequirements q = quote();
    assertRefused(
        BOOK.verify(withAmount(q, Uint256.of(9_999)), ARTICLE.url(), NOW),
        PaywallReason.PRICE_BELOW_QUOTE,
        "9999");
    assertThat(BOOK.verify(withAmount(q, Uint256.of(10_001)), ARTICLE.url(), NOW).value().amount())
        .isEqualTo(PRICE);
  }

  @Test
  void aTokenWithAnyOneBitFlippedIsRefused() {
    PaymentRequirements q = quote();
    byte[] token = Base64.getUrlDecoder().decode(q.extra().quoteId());
    for (int bit = 0; bit < token.length * 8; bit++) {
      byte[] flipped = token.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(flipped);
      Checked<VerifiedQuote> v = BOOK.verify(withQuoteId(q, forged), ARTICLE.url(), NOW);
      assertThat(v.isOk()).as("bit %d", bit).isFalse();
      assertThat(v.refusal().is(PaywallReason.INVALID_QUOTE)).as("bit %d", bit).isTrue();
    }
  }

  @Test
  void aTokenWithItsMacChangedIsRefusedNamingTheQuoteId() {
    PaymentRequirements q = quote();
    byte[] token = Base64.getUrlDecoder().decode(q.extra().quoteId());
    token[token.length - 1] ^= 1;
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(token);

    assertRefused(
        BOOK.verify(withQuoteId(q, forged), ARTICLE.url(), NOW),
        PaywallReason.INVALID_QUOTE,
        "was not issued by this gateway");
  }

  @Test
  void aTokenRaisingItsOwnPriceClaimFailsTheMac() {
    PaymentRequirements cheap = BOOK.quote(ARTICLE, Uint256.of(1), NOW, nonce(1));
    byte[] token = Base64.getUrlDecoder().decode(cheap.extra().quoteId());
    // amount is the byte before the 32-byte MAC; claim 1 → 0 would be free, 1 → 2 costs more
    token[token.length - 33] = 0;
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(token);

    assertRefused(
        BOOK.verify(withQuoteId(withAmount(cheap, Uint256.ZERO), forged), ARTICLE.url(), NOW),
        PaywallReason.INVALID_QUOTE,
        "not issued");
  }

  @Test
  void aQuoteFromABookWithAnotherSecretIsRefused() {
    QuoteBook stranger = new QuoteBook(PaywallFixtures.secret(0x33), TERMS);
    PaymentRequirements theirs = stranger.quote(ARTICLE, PRICE, NOW, nonce(1));

    assertRefused(
        BOOK.verify(theirs, ARTICLE.url(), NOW), PaywallReason.INVALID_QUOTE, "not issued");
  }

  @Test
  void aQuoteIssuedUnderOtherTermsIsRefused() {
    QuoteTerms longerTimeout =
        new QuoteTerms(
            TERMS.chainId(),
            TERMS.payTo(),
            TERMS.asset(),
            TERMS.channelFactory(),
            TERMS.transferRegistry(),
            TERMS.hashlockDefinition(),
            TERMS.quoteValiditySeconds(),
            TERMS.transferTimeoutSeconds() * 2,
            TERMS.lockExpiry());
    QuoteBook renewed = new QuoteBook(PaywallFixtures.SECRET, longerTimeout);

    assertRefused(renewed.verify(quote(), ARTICLE.url(), NOW), PaywallReason.INVALID_QUOTE, "");
  }

  @Test
  void malformedTokensAreInvalidQuotesNamingTheProblem() {
    PaymentRequirements q = quote();
    String id = q.extra().quoteId();
    assertRefused(
        BOOK.verify(withQuoteId(q, "not+base64url/"), ARTICLE.url(), NOW),
        PaywallReason.INVALID_QUOTE,
        "not base64url");
    assertRefused(
        BOOK.verify(withQuoteId(q, "AAAA"), ARTICLE.url(), NOW),
        PaywallReason.INVALID_QUOTE,
        "too short");
    assertRefused(
        BOOK.verify(withQuoteId(q, id + "AAAA"), ARTICLE.url(), NOW),
        PaywallReason.INVALID_QUOTE,
        "bad length");
    assertRefused(
        BOOK.verify(withQuoteId(q, "A".repeat(5000)), ARTICLE.url(), NOW),
        PaywallReason.INVALID_QUOTE,
        "5000 characters");
    assertRefused(
        BOOK.verify(withQuoteId(q, "AQ" + id.substring(2)), ARTICLE.url(), NOW),
        PaywallReason.INVALID_QUOTE,
        "version 1, expected 2");
  }

  @Test
  void aTokenWhoseUnusedTrailingBitsDifferIsNotCanonical() {
    // A one-byte amount makes a token whose length is not a multiple of three bytes.
    PaymentRequirements q = BOOK.quote(ARTICLE, Uint256.of(100), NOW, nonce(1));
    String id = q.extra().quoteId();
    assertThat(id.length() % 4).as("the token's length leaves unused bits").isNotZero();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char last = id.charAt(id.length() - 1);
    char sibling = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    String twin = id.substring(0, id.length() - 1) + sibling;
    assertThat(Base64.getUrlDecoder().decode(twin)).isEqualTo(Base64.getUrlDecoder().decode(id));

    assertRefused(
        BOOK.verify(withQuoteId(q, twin), ARTICLE.url(), NOW),
        PaywallReason.INVALID_QUOTE,
        "not canonical");
  }

  @Test
  void anotherSchemeIsRefused() {
    PaymentRequirements q = quote();
    PaymentRequirements exact =
        new PaymentRequirements(
            "exact",
            q.network(),
            q.amount(),
            q.asset(),
            q.payTo(),
            q.maxTimeoutSeconds(),
            q.extra());
    assertRefused(
        BOOK.verify(exact, ARTICLE.url(), NOW), PaywallReason.UNSUPPORTED_SCHEME, "exact");
  }

  @Test
  void anotherNetworkIsRefused() {
    PaymentRequirements q = quote();
    PaymentRequirements base =
        new PaymentRequirements(
            q.scheme(),
            "eip155:8453",
            q.amount(),
            q.asset(),
            q.payTo(),
            q.maxTimeoutSeconds(),
            q.extra());
    assertRefused(
        BOOK.verify(base, ARTICLE.url(), NOW), PaywallReason.NETWORK_MISMATCH, "eip155:8453");
  }

  @Test
  void anotherAssetIsRefused() {
    PaymentRequirements q = quote();
    PaymentRequirements other =
        new PaymentRequirements(
            q.scheme(),
            q.network(),
            q.amount(),
            PaywallFixtures.OTHER_TOKEN,
            q.payTo(),
            q.maxTimeoutSeconds(),
            q.extra());
    assertRefused(
        BOOK.verify(other, ARTICLE.url(), NOW),
        PaywallReason.WRONG_ASSET,
        PaywallFixtures.OTHER_TOKEN.toString());
  }

  @Test
  void anotherPayToIsRefused() {
    PaymentRequirements q = quote();
    Address thief = Address.fromHex("0x000000000000000000000000000000000000dEaD");
    PaymentRequirements other =
        new PaymentRequirements(
            q.scheme(),
            q.network(),
            q.amount(),
            q.asset(),
            thief,
            q.maxTimeoutSeconds(),
            q.extra());
    assertRefused(BOOK.verify(other, ARTICLE.url(), NOW), PaywallReason.WRONG_PAY_TO, "dEaD");
  }

  @Test
  void anEchoThatDiffersFromTheQuoteAnywhereButAHigherPriceIsRefused() {
    PaymentRequirements q = quote();
    QuoteExtra x = q.extra();
    Address other = Address.fromHex("0x000000000000000000000000000000000000bEEF");
    PaymentRequirements longerTimeout =
        new PaymentRequirements(
            q.scheme(),
            q.network(),
            q.amount(),
            q.asset(),
            q.payTo(),
            q.maxTimeoutSeconds() + 1,
            q.extra());
    QuoteExtra otherFactory =
        new QuoteExtra(
            other,
            x.transferRegistryAddress(),
            x.transferDefinition(),
            x.transferTimeout(),
            x.lockHash(),
            x.lockExpiry(),
            x.quoteId(),
            x.quoteExpiresAt());
    QuoteExtra otherRegistry =
        new QuoteExtra(
            x.channelFactoryAddress(),
            other,
            x.transferDefinition(),
            x.transferTimeout(),
            x.lockHash(),
            x.lockExpiry(),
            x.quoteId(),
            x.quoteExpiresAt());
    QuoteExtra laterExpiry =
        new QuoteExtra(
            x.channelFactoryAddress(),
            x.transferRegistryAddress(),
            x.transferDefinition(),
            x.transferTimeout(),
            x.lockHash(),
            x.lockExpiry(),
            x.quoteId(),
            x.quoteExpiresAt() + 60);

    assertRefused(
        BOOK.verify(longerTimeout, ARTICLE.url(), NOW),
        PaywallReason.INVALID_QUOTE,
        "accepted.maxTimeoutSeconds " + (q.maxTimeoutSeconds() + 1));
    assertRefused(
        BOOK.verify(withExtra(q, otherFactory), ARTICLE.url(), NOW),
        PaywallReason.INVALID_QUOTE,
        "accepted.extra.channelFactoryAddress");
    assertRefused(
        BOOK.verify(withExtra(q, otherRegistry), ARTICLE.url(), NOW),
        PaywallReason.INVALID_QUOTE,
        "accepted.extra.transferRegistryAddress");
    assertRefused(
        BOOK.verify(withExtra(q, laterExpiry), ARTICLE.url(), NOW),
        PaywallReason.INVALID_QUOTE,
        "accepted.extra.quoteExpiresAt " + (x.quoteExpiresAt() + 60));
    assertThat(BOOK.verify(q, ARTICLE.url(), NOW).isOk()).isTrue();
  }

  @Test
  void anEchoedLockOtherThanTheQuotedOneIsRefused() {
    PaymentRequirements q = quote();
    QuoteExtra x = q.extra();
    QuoteExtra otherLock =
        new QuoteExtra(
            x.channelFactoryAddress(),
            x.transferRegistryAddress(),
            x.transferDefinition(),
            x.transferTimeout(),
            HashlockTransfer.lockHash(nonce(9)),
            x.lockExpiry(),
            x.quoteId(),
            x.quoteExpiresAt());
    QuoteExtra otherExpiry =
        new QuoteExtra(
            x.channelFactoryAddress(),
            x.transferRegistryAddress(),
            x.transferDefinition(),
            x.transferTimeout(),
            x.lockHash(),
            Uint256.ZERO,
            x.quoteId(),
            x.quoteExpiresAt());

    assertRefused(
        BOOK.verify(withExtra(q, otherLock), ARTICLE.url(), NOW),
        PaywallReason.LOCK_MISMATCH,
        "accepted.extra.lockHash");
    assertRefused(
        BOOK.verify(withExtra(q, otherExpiry), ARTICLE.url(), NOW),
        PaywallReason.LOCK_MISMATCH,
        "accepted.extra.lockExpiry 0");
  }

  @Test
  void aQuoteWithNoLockExpiryCarriesZero() {
    QuoteTerms forever =
        new QuoteTerms(
            TERMS.chainId(),
            TERMS.payTo(),
            TERMS.asset(),
            TERMS.channelFactory(),
            TERMS.transferRegistry(),
            TERMS.hashlockDefinition(),
            TERMS.quoteValiditySeconds(),
            TERMS.transferTimeoutSeconds(),
            LockExpiryPolicy.none());
    QuoteBook book = new QuoteBook(PaywallFixtures.SECRET, forever);
    PaymentRequirements q = book.quote(ARTICLE, PRICE, NOW, nonce(1));

    assertThat(q.extra().lockExpiry()).isEqualTo(Uint256.ZERO);
    assertThat(book.verify(q, ARTICLE.url(), NOW).value().lockExpiry()).isEqualTo(Uint256.ZERO);
  }

  @Test
  void aShortSecretIsRefused() {
    assertThatThrownBy(() -> new QuoteBook(new byte[31], TERMS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 bytes")
        .hasMessageContaining("got 31");
  }

  @Test
  void theBookKeepsItsOwnCopyOfTheSecretAndNeverPrintsIt() {
    byte[] secret = PaywallFixtures.secret(0x5a);
    QuoteBook book = new QuoteBook(secret, TERMS);
    PaymentRequirements q = book.quote(ARTICLE, PRICE, NOW, nonce(1));
    secret[0] ^= 1;

    assertThat(book.verify(q, ARTICLE.url(), NOW).isOk()).isTrue();
    assertThat(book.toString()).doesNotContain("5a5a").doesNotContain("ZZZZ");
  }

  @Test
  void aZeroPriceIsAProgrammingError() {
    assertThatThrownBy(() -> BOOK.quote(ARTICLE, Uint256.ZERO, NOW, nonce(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }

  static void assertRefused(Checked<?> checked, PaywallReason reason, String detailPart) {
    assertThat(checked.isOk()).as("expected %s, got %s", reason, checked).isFalse();
    assertThat(checked.refusal().is(reason)).as("reason of %s", checked.refusal()).isTrue();
    assertThat(checked.refusal().httpStatus()).isEqualTo(reason.httpStatus());
    assertThat(checked.refusal().errorReason()).isEqualTo(reason.errorReason());
    assertThat(checked.refusal().detail()).contains(detailPart);
  }

  static PaymentRequirements withAmount(PaymentRequirements q, Uint256 amount) {
    return new PaymentRequirements(
        q.scheme(), q.network(), amount, q.asset(), q.payTo(), q.maxTimeoutSeconds(), q.extra());
  }

  static PaymentRequirements withExtra(PaymentRequirements q, QuoteExtra extra) {
    return new PaymentRequirements(
        q.scheme(), q.network(), q.amount(), q.asset(), q.payTo(), q.maxTimeoutSeconds(), extra);
  }

  static PaymentRequirements withQuoteId(PaymentRequirements q, String quoteId) {
    QuoteExtra x = q.extra();
    return withExtra(
        q,
        new QuoteExtra(
            x.channelFactoryAddress(),
            x.transferRegistryAddress(),
            x.transferDefinition(),
            x.transferTimeout(),
            x.lockHash(),
            x.lockExpiry(),
            quoteId,
            x.quoteExpiresAt()));
  }
}
