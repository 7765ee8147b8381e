package dev.tollgate.sample.site;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the publisher sells: its articles, and the price of one call to its metered API. */
public final class Catalogue {
  private final Map<String, Article> articles = new LinkedHashMap<>();
  private final BigInteger apiCallPrice;

  public Catalogue(List<Article> articles, BigInteger apiCallPrice) {
    for (Article article : articles) {
      if (this.articles.put(article.slug(), article) != null) {
        throw new IllegalArgumentException("two articles share the slug " + article.slug());
      }
    }
    if (apiCallPrice.signum() <= 0) {
      throw new IllegalArgumentException("apiCallPrice must be positive, got " + apiCallPrice);
    }
    this.apiCallPrice = apiCallPrice;
  }

  public List<Article> articles() {
    return List.copyOf(articles.values());
  }

  public Optional<Article> article(String slug) {
    return Optional.ofNullable(articles.get(slug));
  }

  public BigInteger apiCallPrice() {
    return apiCallPrice;
  }

  /** The sample publisher's front page: prices of 0.0015 to 0.004 TEST (6 decimals). */
  public static Catalogue demo() {
    return new Catalogue(
        List.of(
            new Article(
                "state-channels-explained",
                "State channels, explained over coffee",
                "Why paying a tenth of a cent per article no longer costs a dollar in fees.",
                "<p>A state channel is a shared ledger between two parties, kept off chain and"
                    + " signed by both after every change. Only opening and closing touch the"
                    + " chain.</p><p>Each article you read here is paid by one signed update: a"
                    + " conditional transfer that the publisher's gateway countersigns and"
                    + " settles in milliseconds.</p>",
                BigInteger.valueOf(1_500)),
            new Article(
                "the-402-comeback",
                "HTTP 402 makes a comeback",
                "The status code reserved in 1997 finally has a protocol behind it.",
                "<p>HTTP 402 Payment Required sat unused for decades. x402 gives it headers: the"
                    + " server says what it costs in <code>PAYMENT-REQUIRED</code>, the client"
                    + " answers with <code>PAYMENT-SIGNATURE</code>.</p><p>No accounts, no card"
                    + " forms, no subscriptions: the price travels with the request.</p>",
                BigInteger.valueOf(2_000)),
            new Article(
                "disputes-without-drama",
                "Disputes without drama",
                "What happens when a reader tries to close a channel on an old state.",
                "<p>Every state both parties signed carries a nonce. If anyone submits an older"
                    + " state on chain, the other side answers with a newer one during the"
                    + " consensus window, and the chain pays out by the newest.</p><p>The"
                    + " gateway watches the chain and answers for the publisher.</p>",
                BigInteger.valueOf(2_500)),
            new Article(
                "metered-apis",
                "Metering an API by the call",
                "Charging a fraction of a cent per request without an invoice.",
                "<p>An API provider puts the same check in front of any route: the first call"
                    + " answers 402 with a quote, the client pays and retries.</p><p>The"
                    + " Tollgate Java client does this for you and serialises payments per"
                    + " channel, so parallel calls never fight over nonces.</p>",
                BigInteger.valueOf(4_000))),
        BigInteger.valueOf(100));
  }
}
