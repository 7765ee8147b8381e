package dev.tollgate.infra.stack;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.dynamodb.Table;

/**
 * The DynamoDB actions each function's adapters call, table by table, written out instead of the
 * CDK's broad {@code grantReadWriteData} (which adds batch and delete actions no function uses). A
 * {@code TransactWriteItems} needs the action of each item it holds (here Put and Update) on that
 * item's table; a query of an index needs {@code Query} on the index's ARN.
 */
final class TableAccess {
  static final String GET = "dynamodb:GetItem";
  static final String PUT = "dynamodb:PutItem";
  static final String UPDATE = "dynamodb:UpdateItem";
  static final String QUERY = "dynamodb:Query";
  static final String SCAN = "dynamodb:Scan";

  private TableAccess() {}

  /** The gateway: channel writes, histories, paid transfers and the operator's reports. */
  static void gateway(GatewayFunction f, GatewayTables t) {
    allow(f, t.channels(), GET, PUT, UPDATE, SCAN);
    allow(f, t.updates(), PUT, QUERY);
    allow(f, t.transfers(), GET, PUT, UPDATE);
    allowIndex(f, t.transfers(), GatewayTables.PAYMENTS_BY_DAY_INDEX, QUERY);
    // Dispute records (a disputed channel takes no updates) and the operator's list of open
    // disputes; a channel recorded funded at its first deposit (Put); the setup rate counters
    // (Update, inside a TransactWriteItems).
    allow(f, t.chain(), GET, PUT, UPDATE, QUERY);
    allowIndex(f, t.chain(), GatewayTables.OPEN_DISPUTES_INDEX, QUERY);
  }

  /**
   * The watcher: its cursor, and the funded channels it watches (a query of their partition of the
   * chain table; once, on a table from before they were recorded, a scan of the channels table to
   * backfill them).
   */
  static void watcher(GatewayFunction f, GatewayTables t) {
    allow(f, t.channels(), SCAN);
    allow(f, t.chain(), GET, PUT, QUERY);
  }

  /**
   * The processor: deposits and withdrawals recorded, disputes observed and defended (marking the
   * channel disputed), the deposit update the gateway proposes, processed events, and the signer's
   * nonce ledger for its transactions.
   */
  static void processor(GatewayFunction f, GatewayTables t) {
    allow(f, t.channels(), GET, PUT, UPDATE);
    allow(f, t.updates(), PUT, QUERY);
    allow(f, t.transfers(), GET, PUT, UPDATE);
    allow(f, t.chain(), GET, PUT, UPDATE, QUERY);
    allowIndex(f, t.chain(), GatewayTables.OPEN_DISPUTES_INDEX, QUERY);
  }

  /** The keeper: the processor's access plus the scan for idle channels to claim. */
  static void keeper(GatewayFunction f, GatewayTables t) {
    processor(f, t);
    allow(f, t.channels(), SCAN);
  }

  private static void allow(GatewayFunction f, Table table, String... actions) {
    f.allow(List.of(actions), List.of(table.getTableArn()));
  }

  private static void allowIndex(GatewayFunction f, Table table, String index, String... actions) {
    List<String> resources = new ArrayList<>();
    resources.add(table.getTableArn() + "/index/" + index);
    f.allow(List.of(actions), resources);
  }
}
