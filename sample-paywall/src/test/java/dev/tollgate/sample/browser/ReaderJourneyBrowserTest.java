package dev.tollgate.sample.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.sample.NodeScript;
import dev.tollgate.sample.SharedStack;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A reader in headless Chromium (Debian's {@code chromium}, driven by npm's {@code
 * playwright-core}): opens a channel, reads two paid articles, re-reads one for free, and finds the
 * payments on the dashboard after the publisher's login ({@code src/e2e/reader-journey.mjs}). This
 * test then holds what the page showed to the gateway's records and the chain. Skipped, saying so,
 * where Chromium is absent.
 */
class ReaderJourneyBrowserTest {

  @Test
  void openReadTwoRereadOneAndSeeThemOnTheDashboard() throws Exception {
    Optional<Path> chromium = chromium();
    Assumptions.assumeTrue(
        chromium.isPresent(),
        "SKIPPED: no Chromium at /usr/bin/chromium (or $TOLLGATE_CHROMIUM); install Debian's"
            + " chromium package to run the browser test");
    Path root = Path.of(System.getProperty("tollgate.root"));
    Path out = Path.of(System.getProperty("user.dir"), "target", "screenshots");
    SharedStack.Revenue before = SharedStack.revenue();

    JsonNode journey =
        NodeScript.run(
            "sample-paywall/src/e2e/reader-journey.mjs",
            List.of(
                "--site",
                SharedStack.get().siteUrl().toString(),
                "--out",
                out.toString(),
                "--dashboard-password",
                SharedStack.get().dashboardPassword(),
                "--chromium",
                chromium.get().toString()),
            5);

    BigInteger p1 = new BigInteger(journey.get("prices").get(0).asText());
    BigInteger p2 = new BigInteger(journey.get("prices").get(1).asText());
    BigInteger opened = new BigInteger(journey.get("opened").asText());
    BigInteger after = new BigInteger(journey.get("after").asText());
    // the balance the page showed dropped by exactly the two prices, and the re-read was free
    assertThat(opened.subtract(after)).isEqualTo(p1.add(p2));

    // the gateway's records agree with the page
    String channel = journey.get("channelAddress").asText();
    JsonNode stored = SharedStack.gatewayAsOperator("/channels/" + channel).get("latest");
    JsonNode balance = stored.get("balances").get(0).get("amount");
    assertThat(new BigInteger(balance.get(0).asText())).isEqualTo(p1.add(p2));
    assertThat(new BigInteger(balance.get(1).asText())).isEqualTo(after);
    assertThat(stored.get("merkleRoot").asText()).matches("0x0{64}");
    SharedStack.Revenue now = SharedStack.revenue();
    assertThat(now.total().subtract(before.total())).isEqualTo(p1.add(p2));
    assertThat(now.payments() - before.payments()).isEqualTo(2);
    JsonNode payments = SharedStack.operator("/operator/payments?limit=100").get("payments");
    List<String> recorded = new ArrayList<>();
    payments.forEach(p -> recorded.add(p.get("transferId").asText()));
    for (JsonNode transfer : journey.get("transfers")) {
      assertThat(recorded).contains(transfer.asText());
    }
    // conservation: what the faucet deposited is split between publisher and reader
    BigInteger deposited = new BigInteger(stored.get("processedDepositsB").get(0).asText());
    assertThat(p1.add(p2).add(after)).isEqualTo(deposited);

    assertThat(out.resolve("article.png")).isNotEmptyFile();
    assertThat(out.resolve("dashboard.png")).isNotEmptyFile();
  }

  private static Optional<Path> chromium() {
    String configured = System.getenv("TOLLGATE_CHROMIUM");
    Path path = Path.of(configured != null ? configured : "/usr/bin/chromium");
    return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
  }
}
