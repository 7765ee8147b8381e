package dev.tollgate.client.crash;

/** Where in a paid request the gateway process dies. */
enum CrashPoint {
  /** The create countersigned and the resolve signed, the write not yet sent to DynamoDB. */
  BEFORE_WRITE,
  /** The write committed in DynamoDB, no answer sent to the payer. */
  AFTER_WRITE
}
