package dev.tollgate.sample.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ./tollgate load} was asked for. Durations are in seconds. Without {@code --gateway}
 * the load generator starts its own local stack; with it, it drives a running {@code ./tollgate
 * dev} (its site, which has the faucet, at {@code --site}).
 */
record LoadOptions(
    int channels,
    int threads,
    int seconds,
    int warmupSeconds,
    int soakSeconds,
    int sampleSeconds,
    Optional<URI> gateway,
    URI site,
    Path out) {
  static final String USAGE =
      String.join(
          "\n",
          "usage: ./tollgate load [--channels N] [--threads N] [--seconds N] [--warmup-seconds N]",
          "                       [--soak-seconds N] [--sample-seconds N]",
          "                       [--gateway URL --site URL] [--out FILE]",
          "Drives the local stack over HTTP with many Java payer clients (one channel each) and",
          "prints paid and unpaid requests/s and latency percentiles. Without --gateway it starts",
          "its own stack on free ports and stops it after. --soak-seconds runs the many-channel",
          "load that long instead, sampling latency and the stack's memory every --sample-seconds.");

  LoadOptions {
    positive("channels", channels);
    positive("threads", threads);
    positive("seconds", seconds);
    if (warmupSeconds < 0) {
      throw new IllegalArgumentException(
          "--warmup-seconds must be 0 or more, got " + warmupSeconds);
    }
    if (soakSeconds < 0) {
      throw new IllegalArgumentException("--soak-seconds must be 0 or more, got " + soakSeconds);
    }
    positive("sample-seconds", sampleSeconds);
    if (threads > channels) {
      throw new IllegalArgumentException(
          "--threads ("
              + threads
              + ") must not exceed --channels ("
              + channels
              + "): each thread pays from channels of its own");
    }
    if (gateway.isPresent() != (site != null)) {
      throw new IllegalArgumentException(
          "--gateway and --site go together (the site's faucet funds the channels)");
    }
  }

  boolean soak() {
    return soakSeconds > 0;
  }

  private static void positive(String flag, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("--" + flag + " must be at least 1, got " + value);
    }
  }

  /**
   * Reads the command line.
   *
   * @throws IllegalArgumentException naming the flag or value that is wrong
   */
  static LoadOptions parse(List<String> args, Path defaultOut) {
    int channels = 32;
    int threads = 16;
    int seconds = 20;
    int warmup = 60;
    int soak = 0;
    int sample = 30;
    Optional<URI> gateway = Optional.empty();
    URI site = null;
    Path out = defaultOut;
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args.get(++i);
      switch (flag) {
        case "--channels" -> channels = number(flag, value);
        case "--threads" -> threads = number(flag, value);
        case "--seconds" -> seconds = number(flag, value);
        case "--warmup-seconds" -> warmup = number(flag, value);
        case "--soak-seconds" -> soak = number(flag, value);
        case "--sample-seconds" -> sample = number(flag, value);
        case "--gateway" -> gateway = Optional.of(url(flag, value));
        case "--site" -> site = url(flag, value);
        case "--out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    return new LoadOptions(channels, threads, seconds, warmup, soak, sample, gateway, site, out);
  }

  private static int number(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a whole number, got '" + value + "'");
    }
  }

  private static URI url(String flag, String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + " must be a URL, got '" + value + "'");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException(flag + " must be an http(s) URL, got '" + value + "'");
    }
    return uri;
  }
}
