package dev.tollgate.sample.load;

import dev.tollgate.sample.dev.LocalStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop load: each worker thread sends its next call as soon as the last is answered, until
 * the time is up. Paid workers pay from channels of their own, one call at a time per channel;
 * unpaid workers ask for the free twin of the paid route on the same gateway.
 */
final class Scenario {
  private final URI gateway;
  private final TimedHttpClient http;
  private final Optional<Long> stackPid;
  private final AtomicLong sequence = new AtomicLong();

  Scenario(URI gateway, TimedHttpClient http, Optional<Long> stackPid) {
    this.gateway = gateway;
    this.http = http;
    this.stackPid = stackPid;
  }

  /** A worker per slice, each paying round-robin from its own payers. */
  ScenarioResult paid(String name, List<List<Payer>> slices, Duration time)
      throws InterruptedException {
    Latencies paidRequests = new Latencies();
    Latencies quotes = new Latencies();
    http.recordInto(paidRequests, quotes);
    Latencies calls = new Latencies();
    Errors errors = new Errors();
    List<Runnable> loops = new ArrayList<>();
    for (List<Payer> slice : slices) {
      loops.add(
          new Runnable() {
            private int next;

            @Override
            public void run() {
              Payer payer = slice.get(next++ % slice.size());
              long start = System.nanoTime();
              try {
                HttpResponse<String> r =
                    payer
                        .client()
                        .send(request(LocalStack.DEMO_ROUTE), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                  calls.record(System.nanoTime() - start);
                  payer.served();
                } else {
                  errors.add("paid call answered " + r.statusCode());
                }
              } catch (Exception e) {
                errors.add(e);
              }
            }
          });
    }
    return run(name, loops, time, calls, errors, Optional.of(paidRequests), Optional.of(quotes));
  }

  /** {@code threads} workers asking for the free route. */
  ScenarioResult unpaid(String name, int threads, Duration time) throws InterruptedException {
    Latencies calls = new Latencies();
    Errors errors = new Errors();
    List<Runnable> loops = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      loops.add(
          () -> {
            long start = System.nanoTime();
            try {
              HttpResponse<String> r =
                  http.send(request(LocalStack.FREE_ROUTE), HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() == 200) {
                calls.record(System.nanoTime() - start);
              } else {
                errors.add("unpaid call answered " + r.statusCode());
              }
            } catch (Exception e) {
              errors.add(e);
            }
          });
    }
    return run(name, loops, time, calls, errors, Optional.empty(), Optional.empty());
  }

  private HttpRequest request(String route) {
    return HttpRequest.newBuilder(gateway.resolve(route + "load-" + sequence.incrementAndGet()))
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  private ScenarioResult run(
      String name,
      List<Runnable> loops,
      Duration time,
      Latencies calls,
      Errors errors,
      Optional<Latencies> paidRequests,
      Optional<Latencies> quotes)
      throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(loops.size());
    long[] window = new long[2];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < loops.size(); i++) {
      Runnable loop = loops.get(i);
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                  long end = window[0] + time.toNanos();
                  while (System.nanoTime() < end) {
                    loop.run();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              },
              "load-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    Optional<Double> stackCpu = stackPid.flatMap(ProcessStats::cpuSeconds);
    Optional<Double> ownCpu = ProcessStats.cpuSeconds(ProcessHandle.current().pid());
    window[0] = System.nanoTime();
    go.countDown();
    done.await();
    double seconds = (System.nanoTime() - window[0]) / 1e9;
    Optional<Double> stackUsed =
        stackCpu.flatMap(before -> stackPid.flatMap(ProcessStats::cpuSeconds).map(a -> a - before));
    Optional<Double> ownUsed =
        ownCpu.flatMap(
            before -> ProcessStats.cpuSeconds(ProcessHandle.current().pid()).map(a -> a - before));
    Latencies.Summary latency = calls.drain();
    return new ScenarioResult(
        name,
        latency.count(),
        seconds,
        latency,
        paidRequests.map(Latencies::drain),
        quotes.map(Latencies::drain),
        errors.counts(),
        stackUsed,
        ownUsed);
  }

  /** Failed calls by what went wrong. */
  private static final class Errors {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void add(String what) {
      counts.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    void add(Exception e) {
      String message = String.valueOf(e.getMessage());
      add(
          e.getClass().getSimpleName()
              + ": "
              + (message.length() > 120 ? message.substring(0, 120) + "…" : message));
    }

    Map<String, Long> counts() {
      Map<String, Long> out = new TreeMap<>();
      counts.forEach((k, v) -> out.put(k, v.sum()));
      return out;
    }
  }
}
