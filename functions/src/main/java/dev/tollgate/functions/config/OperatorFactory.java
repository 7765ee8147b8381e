package dev.tollgate.functions.config;

import dev.tollgate.core.port.Clock;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbChannelDirectory;
import dev.tollgate.functions.adapter.dynamodb.DynamoDbPaymentLedger;
import dev.tollgate.functions.adapter.dynamodb.TableNames;
import dev.tollgate.functions.disputes.DisputeBook;
import dev.tollgate.functions.gateway.GatewayNetwork;
import dev.tollgate.functions.operator.ChannelDirectory;
import dev.tollgate.functions.operator.OperatorAccess;
import dev.tollgate.functions.operator.OperatorReports;
import dev.tollgate.functions.operator.PaymentLedger;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The operator's reports, wired only when {@code tollgate.operator.token} is set: without a token
 * there is no operator route at all. The token is checked at startup like every other setting.
 */
@Factory
@Requires(property = "tollgate.chain.id")
@Requires(property = "tollgate.operator.token")
public class OperatorFactory {

  @Singleton
  OperatorAccess operatorAccess(@Property(name = "tollgate.operator.token") String token) {
    try {
      return new OperatorAccess(token);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tollgate.operator.token: " + e.getMessage(), e);
    }
  }

  /**
   * Payments from the transfers table's index; {@code tollgate.operator.payments-lookback-days}
   * bounds how far back the latest-payments listing reads.
   */
  @Singleton
  PaymentLedger paymentLedger(
      DynamoDbClient dynamo,
      TableNames tables,
      @Value("${tollgate.operator.payments-lookback-days:31}") int lookbackDays) {
    return new DynamoDbPaymentLedger(
        dynamo, tables, lookbackDays, DynamoDbPaymentLedger.DEFAULT_PARALLELISM);
  }

  @Singleton
  ChannelDirectory channelDirectory(DynamoDbClient dynamo, TableNames tables) {
    return new DynamoDbChannelDirectory(dynamo, tables);
  }

  @Singleton
  OperatorReports operatorReports(
      PaymentLedger ledger,
      ChannelDirectory channels,
      DisputeBook disputes,
      GatewayNetwork network,
      Clock clock) {
    // Prices are quoted in the gateway's one accepted asset, so revenue is counted in it.
    return new OperatorReports(
        ledger, channels, disputes, network.acceptedAssets().iterator().next(), clock);
  }
}
