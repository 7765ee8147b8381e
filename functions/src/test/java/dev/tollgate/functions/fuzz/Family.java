package dev.tollgate.functions.fuzz;

/**
 * The kinds of bad payment the fuzz run generates, each with its share of a run and the fewest
 * cases a run must send of it. A family labels every case and every line of the report.
 */
enum Family {
  RANDOM_BYTES("random-bytes", 0.05, 40),
  NOT_BASE64("not-base64", 0.05, 40),
  BASE64_NOT_JSON("base64-not-json", 0.06, 40),
  TRUNCATED("truncated-base64", 0.05, 40),
  HUGE_HEADER("huge-header", 0.005, 22),
  JSON_TYPES("json-wrong-types", 0.12, 60),
  FIELDS("fields-missing-extra", 0.10, 60),
  X402_VERSION("x402-version", 0.03, 20),
  ACCEPTED("accepted-altered", 0.15, 100),
  CREATE("create-altered", 0.20, 150),
  OTHER_CHANNEL("other-or-unknown-channel", 0.03, 20),
  REPLAY("replay-elsewhere", 0.03, 20),
  CROSS_ROUTE("route-a-paid-to-route-b", 0.03, 20),
  DUPLICATE_HEADERS("duplicate-headers", 0.035, 20),
  UNICODE_CONTROL("unicode-and-control", 0.06, 40);

  private final String label;
  private final double share;
  private final int minimum;

  Family(String label, double share, int minimum) {
    this.label = label;
    this.share = share;
    this.minimum = minimum;
  }

  String label() {
    return label;
  }

  int minimum() {
    return minimum;
  }

  /** How many cases of this family a run of {@code total} cases sends. */
  int quota(int total) {
    return Math.max(minimum, (int) Math.round(share * total));
  }
}
