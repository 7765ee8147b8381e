package dev.tollgate.functions.publisher;

import dev.tollgate.functions.operator.BearerToken;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;
import java.util.List;

/**
 * The publishers configured on this gateway ({@code tollgate.publishers.<name>.*}). Only they may
 * quote, verify and settle through the facilitator routes, each at its own prices and only for its
 * own resources; with none configured those routes refuse everybody.
 */
public final class Publishers {
  private final List<Publisher> publishers;

  public Publishers(List<Publisher> publishers) {
    this.publishers = List.copyOf(publishers);
    long names = this.publishers.stream().map(Publisher::name).distinct().count();
    if (names != this.publishers.size()) {
      throw new IllegalArgumentException("two publishers share a name: " + names());
    }
  }

  public List<String> names() {
    return publishers.stream().map(Publisher::name).toList();
  }

  /** The publisher whose token the {@code Authorization} header (value, or null) carries. */
  public Checked<Publisher> authenticate(String authorization) {
    BearerToken.Offered offered = BearerToken.offered(authorization);
    if (offered.hash().isEmpty()) {
      return refused(offered.missing() + "; the facilitator routes take a publisher's token");
    }
    // Every token is compared, so the time taken does not tell which publisher came close.
    Publisher found = null;
    for (Publisher p : publishers) {
      if (p.token().matches(offered) && found == null) {
        found = p;
      }
    }
    return found == null
        ? refused("the bearer token is not a publisher's of this gateway")
        : Checked.ok(found);
  }

  /** A refusal naming the resource when {@code publisher} does not sell it. */
  public static Checked<Publisher> selling(Publisher publisher, String resourceUrl) {
    if (publisher.sells(resourceUrl)) {
      return Checked.ok(publisher);
    }
    return Checked.refused(
        Refusal.of(
            GatewayReason.RESOURCE_NOT_YOURS,
            "publisher '"
                + publisher.name()
                + "' does not sell "
                + abbreviate(resourceUrl)
                + "; its resource prefixes are "
                + publisher.resourcePrefixes()));
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? "'" + text + "'" : "'" + text.substring(0, 200) + "…'";
  }

  private static <T> Checked<T> refused(String detail) {
    return Checked.refused(Refusal.of(GatewayReason.UNAUTHORIZED, detail));
  }
}
