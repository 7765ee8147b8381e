package dev.tollgate.sample.dev;

import dev.tollgate.contracts.anvil.DevAccounts;
import dev.tollgate.contracts.deploy.Deployment;
import dev.tollgate.core.value.Address;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * {@code ./tollgate dev}: starts the local stack, prints where everything is, and runs until Ctrl-C
 * (or SIGTERM), which stops every server and process it started. Exit status 2 for a bad command
 * line, 3 when another stack or program holds what it needs, 1 when starting failed.
 */
public final class TollgateDev {
  /** The line a script or test waits for; everything is answering once it is printed. */
  public static final String READY = "tollgate dev: ready";

  private TollgateDev() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      out.println(DevOptions.USAGE);
      return;
    }
    DevOptions options;
    try {
      options =
          DevOptions.parse(
              Arrays.asList(args), Path.of(System.getProperty("java.io.tmpdir"), "tollgate-dev"));
    } catch (IllegalArgumentException e) {
      System.err.println("tollgate dev: " + e.getMessage() + "\n" + DevOptions.USAGE);
      System.exit(2);
      return;
    }
    // Before anything logs: the gateway's JSON lines go to a file, warnings to the terminal.
    Path log = options.stateDir().resolve("tollgate-dev.log");
    System.setProperty("tollgate.dev.log", log.toString());
    System.setProperty("logback.configurationFile", "dev/logback-dev.xml");
    out.println(
        "tollgate dev: starting anvil, DynamoDB Local, ElasticMQ, the gateway and the site");
    LocalStack stack = new LocalStack(options);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean up = new AtomicBoolean();
    // Registered before anything starts, so Ctrl-C while starting also stops what was started.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  boolean wasUp = up.get();
                  if (wasUp) {
                    out.println("tollgate dev: stopping ...");
                    out.flush();
                  }
                  try {
                    stack.close();
                    if (wasUp) {
                      out.println("tollgate dev: stopped");
                      out.flush();
                    }
                  } finally {
                    stopped.countDown();
                  }
                },
                "tollgate-dev-shutdown"));
    try {
      stack.start();
    } catch (AlreadyRunningException e) {
      System.err.println("tollgate dev: " + e.getMessage());
      System.exit(3);
      return;
    } catch (Exception e) {
      System.err.println("tollgate dev: could not start: " + e);
      e.printStackTrace();
      System.exit(1);
      return;
    }
    printBanner(out, stack);
    out.println("  logs             " + log);
    up.set(true);
    out.println(READY);
    out.flush();
    stopped.await();
  }

  private static void printBanner(PrintStream out, LocalStack stack) {
    DevOptions o = stack.options();
    Deployment d = stack.deployment();
    String site = stack.siteUrl().toString();
    out.println();
    out.println("  publisher site   " + site);
    out.println(
        "  dashboard        " + site + "/dashboard   (log in with the dashboard password below)");
    out.println("  metered API      " + site + "/api/quotes?symbol=ACME   (0.0001 TEST a call)");
    out.println(
        "  API via gateway  "
            + stack.gatewayUrl()
            + LocalStack.API_ROUTE
            + "quotes?symbol=ACME   (the gateway in front of the API, 0.0001 TEST a call)");
    out.println("  gateway          " + stack.gatewayUrl() + "   (GET /gateway, /health)");
    out.println(
        "  chain (anvil)    http://127.0.0.1:"
            + o.port(DevOptions.ANVIL)
            + "   chain id 31337, a block every "
            + o.blockSeconds()
            + " s, deposits credited after "
            + o.confirmations()
            + " confirmations");
    out.println("  DynamoDB Local   http://127.0.0.1:" + o.port(DevOptions.DYNAMODB));
    out.println(
        "  ElasticMQ (SQS)  http://127.0.0.1:"
            + o.port(DevOptions.SQS)
            + "   queue "
            + LocalStack.QUEUE
            + ".fifo");
    out.println();
    out.println(
        "  gateway address  "
            + Address.fromHex(stack.gatewayAddress()).toChecksumHex()
            + "   (dev account 1)");
    out.println("  operator token   " + stack.operatorToken() + "   (Authorization: Bearer …)");
    out.println(
        "  publisher token  "
            + stack.publisherToken()
            + "   (the site's; a stock x402 server's facilitator auth)");
    out.println(
        "  dashboard login  " + stack.dashboardPassword() + "   (a new password every run)");
    out.println("  test token       " + d.testToken().toChecksumHex() + "   TEST, 6 decimals");
    out.println("  channel factory  " + d.channelFactory().toChecksumHex());
    out.println();
    out.println(
        "  demo accounts (1,000 TEST and 10,000 ETH each; private keys are public test keys)");
    for (int index : LocalStack.DEMO_ACCOUNTS) {
      Credentials account = DevAccounts.account(index);
      out.println(
          "    "
              + Address.fromHex(account.getAddress()).toChecksumHex()
              + "  "
              + Numeric.toHexStringWithPrefixZeroPadded(
                  account.getEcKeyPair().getPrivateKey(), 64));
    }
    out.println();
    out.println("  Ctrl-C stops everything.");
  }
}
