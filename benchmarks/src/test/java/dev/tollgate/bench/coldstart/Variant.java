package dev.tollgate.bench.coldstart;

import java.util.Arrays;
import java.util.List;

/**
 * One way of starting the gateway's Lambda: with or without an application class-data archive
 * (AppCDS, trained by one run of the same variant), with or without the priming requests in the
 * init phase, or with SnapStart's hooks called by the runtime client itself (no snapshot).
 */
enum Variant {
  PLAIN("plain", false, false, false),
  APPCDS("appcds", true, false, false),
  PRIMING("priming", false, true, false),
  APPCDS_PRIMING("appcds+priming", true, true, false),
  SNAPSTART_HOOKS("snapstart-hooks", false, false, true);

  /** The variants {@code ColdStart} runs when none are named. */
  static final List<Variant> DEFAULTS = List.of(PLAIN, APPCDS, PRIMING, APPCDS_PRIMING);

  final String label;
  final boolean appCds;
  final boolean primingAtInit;
  final boolean snapStartHooks;

  Variant(String label, boolean appCds, boolean primingAtInit, boolean snapStartHooks) {
    this.label = label;
    this.appCds = appCds;
    this.primingAtInit = primingAtInit;
    this.snapStartHooks = snapStartHooks;
  }

  static Variant named(String label) {
    return Arrays.stream(values())
        .filter(v -> v.label.equals(label.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no cold-start variant '"
                        + label
                        + "'; known: "
                        + Arrays.stream(values()).map(v -> v.label).toList()));
  }

  /** The archive's file name, for the AppCDS variants. */
  String archiveName() {
    return label.replace('+', '-') + ".jsa";
  }
}
