package dev.tollgate.functions.snapstart;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB operations a gateway makes, by method name, in order: a client wrapped to tell. */
final class DynamoCalls {
  private final List<String> calls = new ArrayList<>();

  DynamoDbClient wrap(DynamoDbClient target) {
    InvocationHandler recording =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() != Object.class) {
            synchronized (calls) {
              calls.add(method.getName());
            }
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (DynamoDbClient)
        Proxy.newProxyInstance(
            DynamoDbClient.class.getClassLoader(),
            new Class<?>[] {DynamoDbClient.class},
            recording);
  }

  /** How many calls so far: a mark to take the calls made after it. */
  int mark() {
    synchronized (calls) {
      return calls.size();
    }
  }

  List<String> since(int mark) {
    synchronized (calls) {
      return List.copyOf(calls.subList(mark, calls.size()));
    }
  }
}
