package dev.tollgate.functions.disputes;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.adapter.chain.TransactionSender;
import dev.tollgate.functions.events.CursorMovedException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda a schedule invokes to move disputes on as the adjudicator's windows open: first it
 * re-sends any transaction of the gateway's that was recorded but not mined, then it reads the
 * chain for disputes the gateway has not recorded (their event lost on the way), then one keeper
 * round over every unfinished dispute, then the claims on channels whose payer went silent.
 */
public class DisputeKeeperHandler extends MicronautRequestHandler<ScheduledEvent, KeeperReport> {
  private static final Logger LOG = LoggerFactory.getLogger("tollgate.disputes");

  @Inject TransactionSender sender;
  @Inject DisputeKeeper keeper;
  @Inject DisputeScan scan;
  @Inject ClaimIdleChannels claims;
  @Inject Clock clock;

  /** The Lambda runtime's constructor: builds and starts the context from the configuration. */
  public DisputeKeeperHandler() {
    super();
  }

  /** Runs on {@code context}, starting it if it is not running yet. The caller closes it. */
  public DisputeKeeperHandler(ApplicationContext context) {
    super(context);
  }

  @Override
  public KeeperReport execute(ScheduledEvent schedule) {
    // A container that stopped mid-send left its transaction recorded: it goes out first, so this
    // round's steps see the chain as that one left it.
    sender.resume();
    try {
      scan.run();
    } catch (CursorMovedException raced) {
      // Another run read the same blocks: what it found is recorded, and this round follows it.
      LOG.info("dispute scan raced another run", kv("action", "dispute_scan_raced"));
    }
    List<DisputeRecord> advanced = keeper.run();
    List<Address> claimed = claims.run(clock.nowSeconds());
    KeeperReport report = KeeperReport.of(advanced, claimed);
    LOG.info(
        "keeper advanced {} dispute(s), started {} claim(s)",
        report.disputes().size(),
        report.claimsStarted().size(),
        kv("action", "keep"),
        kv("disputes", report.disputes()),
        kv("claimsStarted", report.claimsStarted()));
    return report;
  }
}
