package dev.tollgate.bench.cost;

import dev.tollgate.bench.cost.Source.FromMemory;
import dev.tollgate.bench.cost.Source.ListPrice;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The AWS list prices the model uses, for one region. Free tiers are left out on purpose: they
 * matter for a hobby deployment, not for the cost of a million paid requests.
 */
public record AwsPrices(
    String region,
    Price lambdaArmDuration,
    Price lambdaRequests,
    Price httpApiRequests,
    Price dynamoWrites,
    Price dynamoReads,
    Price dynamoStorage,
    Price dynamoPitr,
    Price kmsAsymmetricRequests,
    Price kmsSymmetricRequests,
    Price kmsKey,
    Price logsIngestion,
    Price logsStorage,
    Price secret,
    Price secretReads,
    Price alarm,
    Price customMetric,
    Price dashboard,
    Price sqsRequests) {

  private static final String READ_ON = "2026-11-21";

  /** us-east-1 (N. Virginia), the region every price page quotes first. */
  public static final AwsPrices US_EAST_1 =
      new AwsPrices(
          "us-east-1",
          new Price(
              "Lambda duration, arm64 (first 7.5 billion GB-s a month)",
              0.0000133334,
              1,
              "GB-second",
              new ListPrice(
                  "https://cloudchipr.com/blog/aws-lambda-pricing",
                  READ_ON,
                  "quotes AWS's page for US East (N. Virginia); billed per 1 ms")),
          new Price(
              "Lambda requests",
              0.20,
              1_000_000,
              "requests",
              new ListPrice(
                  "https://git.mcrn.ar/mariano/lambda_local_runner/src/commit/957e45b8adae23ce50b966346229585b5df18b4d/docs/lambdas-md/lambda-13-cost.md",
                  READ_ON,
                  "same for x86_64 and arm64; official page https://aws.amazon.com/lambda/pricing/")),
          new Price(
              "API Gateway HTTP API requests (first 300 million a month)",
              1.00,
              1_000_000,
              "requests",
              new ListPrice(
                  "https://www.learnaws.org/2021/01/10/api-gateway-pricing/",
                  READ_ON,
                  "also https://awsforengineers.com/blog/aws-api-gateway-pricing-explained (2025);"
                      + " metered in 512 KB increments")),
          new Price(
              "DynamoDB on-demand write request units",
              0.625,
              1_000_000,
              "WRU",
              new ListPrice(
                  "https://airbyte.com/data-engineering-resources/dynamodb-pricing",
                  READ_ON,
                  "after the on-demand price cut of 1 November 2024 (half the former $1.25);"
                      + " a transactional write of an item up to 1 KB takes 2 WRU:"
                      + " https://aws.eu/dynamodb/pricing/on-demand")),
          new Price(
              "DynamoDB on-demand read request units",
              0.125,
              1_000_000,
              "RRU",
              new ListPrice(
                  "https://airbyte.com/data-engineering-resources/dynamodb-pricing",
                  READ_ON,
                  "a strongly consistent read of up to 4 KB takes 1 RRU")),
          new Price(
              "DynamoDB storage, Standard table class (after the first 25 GB)",
              0.25,
              1,
              "GB-month",
              new ListPrice("https://aws.amazon.com/dynamodb/pricing/", READ_ON, "")),
          new Price(
              "DynamoDB point-in-time recovery",
              0.20,
              1,
              "GB-month",
              new FromMemory("continuous backups are priced on the size of each table")),
          new Price(
              "KMS requests on asymmetric keys other than RSA 2048 (Sign on ECC_SECG_P256K1)",
              0.15,
              10_000,
              "requests",
              new FromMemory(
                  "https://aws.amazon.com/kms/pricing/ did not show the request table here;"
                      + " https://www.factualminds.com/blog/aws-kms-pricing-keys-requests-multi-region/"
                      + " (June 2026) agrees (asymmetric at 5x the symmetric rate), while"
                      + " https://www.wring.co/blog/aws-kms-pricing-guide lists ECC at $0.03")),
          new Price(
              "KMS requests on symmetric keys (Decrypt)",
              0.03,
              10_000,
              "requests",
              new ListPrice("https://www.wring.co/blog/aws-kms-pricing-guide", READ_ON, "")),
          new Price(
              "KMS customer managed key",
              1.00,
              1,
              "key-month",
              new ListPrice(
                  "https://aws.amazon.com/kms/pricing/",
                  READ_ON,
                  "each rotated backing key adds $1/month")),
          new Price(
              "CloudWatch Logs ingestion, Standard class (Lambda's first tier)",
              0.50,
              1,
              "GB",
              new ListPrice(
                  "https://c3x.dev/blog/cloudwatch-logs-cost-optimization",
                  READ_ON,
                  "Lambda logs are tiered since 1 May 2025 with the first 10 TB at the same $0.50:"
                      + " https://www.duckbillgroup.com/?p=9080")),
          new Price(
              "CloudWatch Logs storage",
              0.03,
              1,
              "GB-month",
              new ListPrice("https://c3x.dev/blog/cloudwatch-logs-cost-optimization", READ_ON, "")),
          new Price(
              "Secrets Manager secret",
              0.40,
              1,
              "secret-month",
              new ListPrice(
                  "https://hivebook.wiki/wiki/aws-secrets-manager-rotated-secrets-dynamic-db-credentials-kms",
                  READ_ON,
                  "")),
          new Price(
              "Secrets Manager API calls",
              0.05,
              10_000,
              "calls",
              new ListPrice(
                  "https://hivebook.wiki/wiki/aws-secrets-manager-rotated-secrets-dynamic-db-credentials-kms",
                  READ_ON,
                  "")),
          new Price(
              "CloudWatch standard-resolution alarm",
              0.10,
              1,
              "alarm-month",
              new ListPrice(
                  "https://c3x.dev/resources/aws/aws_cloudwatch_metric_alarm", READ_ON, "")),
          new Price(
              "CloudWatch custom metric (first 10,000)",
              0.30,
              1,
              "metric-month",
              new FromMemory("a metric filter on a log group publishes a custom metric")),
          new Price(
              "CloudWatch dashboard (beyond an account's first three)",
              3.00,
              1,
              "dashboard-month",
              new FromMemory("the first three dashboards of an account are free")),
          new Price(
              "SQS standard queue requests (beyond the first million a month)",
              0.40,
              1_000_000,
              "requests",
              new FromMemory("each 64 KB chunk of a request is billed as one request")));

  public AwsPrices {
    Objects.requireNonNull(region, "region");
    for (Price p :
        Arrays.asList(
            lambdaArmDuration,
            lambdaRequests,
            httpApiRequests,
            dynamoWrites,
            dynamoReads,
            dynamoStorage,
            dynamoPitr,
            kmsAsymmetricRequests,
            kmsSymmetricRequests,
            kmsKey,
            logsIngestion,
            logsStorage,
            secret,
            secretReads,
            alarm,
            customMetric,
            dashboard,
            sqsRequests)) {
      Objects.requireNonNull(p, "a price of region " + region + " is missing");
    }
  }

  /** Every price, in the order the document lists them. */
  public List<Price> list() {
    return List.of(
        lambdaArmDuration,
        lambdaRequests,
        httpApiRequests,
        dynamoWrites,
        dynamoReads,
        dynamoStorage,
        dynamoPitr,
        kmsAsymmetricRequests,
        kmsSymmetricRequests,
        kmsKey,
        logsIngestion,
        logsStorage,
        secret,
        secretReads,
        alarm,
        customMetric,
        dashboard,
        sqsRequests);
  }
}
