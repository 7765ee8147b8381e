package dev.tollgate.infra;

import static dev.tollgate.infra.TemplateJson.list;
import static dev.tollgate.infra.TemplateJson.map;
import static dev.tollgate.infra.TemplateJson.properties;
import static dev.tollgate.infra.TemplateJson.resources;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.emulators.DynamoDbLocal;
import dev.tollgate.functions.adapter.dynamodb.GatewayTables;
import dev.tollgate.functions.adapter.dynamodb.TableNames;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The tables the stack declares are the tables the functions' adapters were tested on: the schema
 * {@code GatewayTables.createIfMissing} creates in DynamoDB Local (key schemas, attribute types,
 * indexes and their projections) equals the template's, table by table.
 */
class TablesMatchTheFunctionsTest {

  @Test
  void everyKeySchemaAttributeAndIndexIsTheSame() throws Exception {
    Map<String, String> fromTemplate = new TreeMap<>();
    for (Map<String, Object> table :
        resources(Deployments.kms().template(), "AWS::DynamoDB::Table").values()) {
      Map<String, Object> p = properties(table);
      fromTemplate.put(String.valueOf(p.get("TableName")), describeTemplate(p));
    }
    Map<String, String> fromFunctions = new TreeMap<>();
    try (DynamoDbLocal local = DynamoDbLocal.start();
        DynamoDbClient dynamo = local.client()) {
      TableNames names = TableNames.withPrefix("tollgate-");
      GatewayTables.createIfMissing(dynamo, names);
      for (String name :
          new String[] {names.channels(), names.updates(), names.transfers(), names.chain()}) {
        String ttl =
            dynamo.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription() == null
                ? null
                : dynamo
                    .describeTimeToLive(r -> r.tableName(name))
                    .timeToLiveDescription()
                    .attributeName();
        fromFunctions.put(
            name, describe(dynamo.describeTable(r -> r.tableName(name)).table()) + " ttl=" + ttl);
      }
    }
    assertThat(fromTemplate).hasSize(4).isEqualTo(fromFunctions);
  }

  private static String describeTemplate(Map<String, Object> p) {
    StringBuilder b = new StringBuilder();
    b.append("keys=").append(keys(p.get("KeySchema")));
    TreeSet<String> attributes = new TreeSet<>();
    for (Object a : list(p.get("AttributeDefinitions"))) {
      attributes.add(map(a).get("AttributeName") + ":" + map(a).get("AttributeType"));
    }
    b.append(" attributes=").append(attributes);
    TreeSet<String> indexes = new TreeSet<>();
    if (p.containsKey("GlobalSecondaryIndexes")) {
      for (Object i : list(p.get("GlobalSecondaryIndexes"))) {
        Map<String, Object> index = map(i);
        indexes.add(
            index.get("IndexName")
                + keys(index.get("KeySchema"))
                + map(index.get("Projection")).get("ProjectionType"));
      }
    }
    Object ttl = p.get("TimeToLiveSpecification");
    return b.append(" indexes=")
        .append(indexes)
        .append(" ttl=")
        .append(ttl == null ? null : map(ttl).get("AttributeName"))
        .toString();
  }

  private static String keys(Object schema) {
    StringBuilder b = new StringBuilder("[");
    for (Object k : list(schema)) {
      b.append(map(k).get("AttributeName")).append(':').append(map(k).get("KeyType")).append(' ');
    }
    return b.append(']').toString();
  }

  private static String describe(TableDescription t) {
    StringBuilder b = new StringBuilder("keys=[");
    t.keySchema()
        .forEach(
            k -> b.append(k.attributeName()).append(':').append(k.keyTypeAsString()).append(' '));
    b.append(']');
    TreeSet<String> attributes = new TreeSet<>();
    t.attributeDefinitions()
        .forEach(a -> attributes.add(a.attributeName() + ":" + a.attributeTypeAsString()));
    b.append(" attributes=").append(attributes);
    TreeSet<String> indexes = new TreeSet<>();
    t.globalSecondaryIndexes()
        .forEach(
            i -> {
              StringBuilder k = new StringBuilder("[");
              i.keySchema()
                  .forEach(
                      e ->
                          k.append(e.attributeName())
                              .append(':')
                              .append(e.keyTypeAsString())
                              .append(' '));
              indexes.add(i.indexName() + k.append(']') + i.projection().projectionTypeAsString());
            });
    return b.append(" indexes=").append(indexes).toString();
  }
}
