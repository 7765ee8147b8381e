package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static dev.tollgate.functions.harness.GatewayStack.ARTICLE_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.functions.harness.Conservation;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.StoredTables;
import dev.tollgate.functions.paywall.QuoteBook;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generated malformed and adversarial {@code PAYMENT-SIGNATURE} headers against the gateway on real
 * HTTP (the Netty server over the harness's stack), after genuine payments have given the payer's
 * channel a history. Every case must be refused with a 4xx that names its reason from the gateway's
 * catalogues; none may change anything stored; afterwards the payer pays as usual and the channel
 * still holds exactly what was deposited.
 *
 * <p>The run is fixed by a seed, printed with the results: {@code -Dfuzz.seed=<n>} repeats a run,
 * {@code -Dfuzz.seed=random} draws a new one, {@code -Dfuzz.cases=<n>} sets how many cases (3000 by
 * default, about half a minute). The report goes to {@code target/fuzz-report.md}.
 */
class PaymentHeaderFuzzTest {
  static final long DEFAULT_SEED = 402_2025L;
  static final int DEFAULT_CASES = 3_000;
  static final BigInteger DEPOSIT = BigInteger.valueOf(1_000_000);

  @Test
  void everyBadPaymentHeaderIsRefusedByNameAndChangesNothing() throws Exception {
    long seed = seed();
    int cases = Integer.getInteger("fuzz.cases", DEFAULT_CASES);
    System.out.println("Payment-header fuzz: seed " + seed + ", " + cases + " cases requested");
    try (FuzzGateway gateway = FuzzGateway.start()) {
      HttpPayer payer = HttpPayer.funded(gateway.stack(), DEPOSIT);
      HttpPayer victim = HttpPayer.funded(gateway.stack(), DEPOSIT);
      List<PaymentMaterial.Settled> settled = new ArrayList<>();
      for (String path :
          List.of(ARTICLES + "before-0", ARTICLES + "before-1", FuzzGateway.API + "before-0")) {
        settled.add(new PaymentMaterial.Settled(path, gateway.pay(payer, path)));
      }
      gateway.pay(victim, ARTICLES + "victim-before");
      PaymentMaterial material =
          new PaymentMaterial(
              gateway, payer, victim, HttpPayer.newPayer(gateway.stack()).channel(), settled, seed);
      byte[] otherSecret = new byte[32];
      new SecureRandom().nextBytes(otherSecret);
      QuoteBook otherGateway =
          new QuoteBook(otherSecret, gateway.context().getBean(QuoteBook.class).terms());
      List<CaseSource> sources = sources(material, otherGateway);
      StoredTables tables = StoredTables.of(gateway.stack());
      StoredTables.Snapshot before = tables.snapshot();
      String load = Files.readString(Path.of("/proc/loadavg")).trim();

      long started = System.nanoTime();
      FuzzRun.Outcome outcome =
          new FuzzRun(gateway, sources, tables, Integer.getInteger("fuzz.checkEvery", 250))
              .run(seed, cases);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      Map<Family, Integer> kinds = new EnumMap<>(Family.class);
      sources.forEach(s -> kinds.put(s.family(), s.kindCount()));
      FuzzReport report = new FuzzReport(seed, outcome.judged(), took, load, kinds);
      System.out.println(report.summary());
      report.write(Path.of("target", "fuzz-report.md"));

      assertThat(report.failures())
          .as("cases not refused by name (see target/fuzz-report.md)")
          .extracting(j -> j.c().describe() + ": " + j.verdict().problem().orElse(""))
          .isEmpty();
      assertThat(outcome.aborted()).as("the run stopped early").isEmpty();
      assertThat(outcome.changedAt()).as("the gateway's tables changed during the run").isEmpty();
      assertThat(tables.snapshot()).as("stored state after the run").isEqualTo(before);
      Map<Family, Long> perFamily = report.casesPerFamily();
      for (Family f : Family.values()) {
        assertThat(perFamily.getOrDefault(f, 0L))
            .as("cases of %s", f.label())
            .isGreaterThanOrEqualTo(f.minimum());
      }
      assertThat(outcome.judged().size()).as("cases sent").isGreaterThanOrEqualTo(cases);

      // The channel the fuzz aimed at is as it was: the payer pays again, and nothing is lost.
      BigInteger spent = payer.payer().balanceOf(gateway.stack().token(), 0).value();
      gateway.pay(payer, ARTICLES + "after");
      assertThat(payer.payer().balanceOf(gateway.stack().token(), 0).value())
          .isEqualTo(spent.add(ARTICLE_PRICE));
      for (HttpPayer p : List.of(payer, victim)) {
        Channel stored = storedChannel(gateway, p);
        assertThat(stored.state()).isEqualTo(p.payer().view().state());
        assertThat(Conservation.heldAndLocked(stored)).isEqualTo(DEPOSIT);
      }
    }
  }

  static List<CaseSource> sources(PaymentMaterial m, QuoteBook otherGateway) {
    return List.of(
        new RandomBytesCases(),
        new NotBase64Cases(m),
        new NotJsonCases(m),
        new TruncatedCases(m),
        new HugeHeaderCases(m),
        new WrongTypeCases(m),
        new FieldCases(m),
        new VersionCases(m),
        new AcceptedCases(m, otherGateway),
        new CreateCases(m),
        new OtherChannelCases(m),
        new ReplayCases(m),
        new CrossRouteCases(m),
        new DuplicateHeaderCases(m),
        new UnicodeCases(m));
  }

  private static Channel storedChannel(FuzzGateway gateway, HttpPayer payer) throws Exception {
    Answer r = gateway.read("/channels/" + payer.channel(), payer);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return ChannelJson.channel(ChannelJson.parse(r.body()).get("latest"), "latest");
  }

  private static long seed() {
    String property = System.getProperty("fuzz.seed");
    if (property == null || property.isBlank()) {
      return DEFAULT_SEED;
    }
    return property.equals("random") ? new SecureRandom().nextLong() : Long.parseLong(property);
  }
}
