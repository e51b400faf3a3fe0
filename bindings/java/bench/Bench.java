// Bench.java: how fast the Java binding recommends penalties.  Not a test.
//
//   ninja -C build bench-java
//   (java -Djava.library.path=build/bindings/java \
//         -cp build/bindings/java/enforce.jar:build/bindings/java/example-classes Bench)
//
// Works on the bundled rules/tianjin and three of the sample cases of
// examples/cases written as JSON.  Prints recommendations per second, each
// the median of RUNS runs after a warm-up (the JIT), for:
//   recommend(String) + 2 getters + close    parse, recommend, read, release
//   recommendJson(String), trace on           parse, recommend, JSON with trace
//   recommend(Case) + close                   pre-parsed case
//   recommendBatch, 1 thread / all threads    JSON Lines in and out, String and byte[]
//   2 Java threads recommend(String)          one shared RuleSet

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.libenforce.Case;
import org.libenforce.Enforce;
import org.libenforce.Recommendation;
import org.libenforce.RuleSet;

public final class Bench {
  private static final int RUNS = 5;
  private static final int CALLS = 50_000;
  private static final int BATCH = 60_000;

  private static final String REVIEW = "\"review\":{\"complex\":false,\"serious\":false,"
      + "\"major_public_interest\":false,\"hearing_held\":false,\"other_required\":false}";

  private static final String[] CASES = {
    "{\"id\":\"2024-XB-0101\",\"power\":\"120106ZQBCF01003\","
        + "\"party\":{\"class\":\"individual\",\"birth_date\":\"1985-04-12\",\"capacity\":\"full\"},"
        + "\"facts\":{\"mars_cityscape\":true},"
        + "\"circumstances\":{\"minor\":false,\"corrected\":false,\"harm\":\"none\","
        + "\"first_violation\":true,\"no_fault\":false},"
        + "\"correction\":{\"ordered\":\"2024-05-10\",\"deadline\":\"2024-05-10\",\"outcome\":\"refused\"},"
        + "\"dates\":{\"act\":\"2024-05-10\",\"discovered\":\"2024-05-10\",\"filed\":\"2024-05-11\","
        + "\"notified\":\"2024-05-20\",\"decided\":\"2024-05-31\",\"received\":\"2024-06-03\"},"
        + REVIEW + "}",
    "{\"id\":\"2024-XB-0102\",\"benchmark\":\"tj.civility.63.spitting\","
        + "\"party\":{\"class\":\"individual\",\"birth_date\":\"2008-03-01\",\"capacity\":\"full\"},"
        + "\"circumstances\":{\"minor\":false,\"corrected\":true,\"harm\":\"none\","
        + "\"first_violation\":true,\"no_fault\":false},"
        + "\"dates\":{\"act\":\"2024-06-02\",\"discovered\":\"2024-06-02\",\"filed\":\"2024-06-02\"},"
        + REVIEW + "}",
    "{\"id\":\"2024-XB-0104\",\"benchmark\":\"tj.fire.60.fire-lane\","
        + "\"party\":{\"class\":\"organization\"},"
        + "\"circumstances\":{\"minor\":false,\"corrected\":true,\"harm\":\"none\","
        + "\"first_violation\":true,\"no_fault\":false},"
        + "\"dates\":{\"act\":\"2024-03-18\",\"discovered\":\"2024-03-18\",\"filed\":\"2024-03-19\","
        + "\"notified\":\"2024-04-08\",\"decided\":\"2024-04-22\",\"received\":\"2024-04-23\"},"
        + REVIEW + "}",
  };

  private Bench() {
  }

  private interface Work {
    void run(int i);
  }

  private static double rate(int n, Work work) {
    for (int i = 0; i < n / 5; i++) {
      work.run(i); // warm-up for the JIT
    }
    double[] rates = new double[RUNS];
    for (int r = 0; r < RUNS; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        work.run(i);
      }
      rates[r] = n / ((System.nanoTime() - start) / 1e9);
    }
    Arrays.sort(rates);
    return rates[RUNS / 2];
  }

  private static double threaded(RuleSet rules, int threads, int n) throws InterruptedException {
    double[] rates = new double[RUNS];
    for (int r = 0; r < RUNS; r++) {
      List<Thread> all = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        all.add(new Thread(() -> {
          for (int i = 0; i < n; i++) {
            try (Recommendation rec = rules.recommend(CASES[i % CASES.length], null, false)) {
              rec.getOutcome();
            }
          }
        }));
      }
      long start = System.nanoTime();
      for (Thread t : all) {
        t.start();
      }
      for (Thread t : all) {
        t.join();
      }
      rates[r] = (double) n * threads / ((System.nanoTime() - start) / 1e9);
    }
    Arrays.sort(rates);
    return rates[RUNS / 2];
  }

  private static void row(String name, double perSecond) {
    System.out.printf("  %-40s %,12.0f /s%n", name, perSecond);
  }

  public static void main(String[] args) throws InterruptedException {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < BATCH; i++) {
      jsonl.append(CASES[i % CASES.length]).append('\n');
    }
    String batch = jsonl.toString();
    int processors = Runtime.getRuntime().availableProcessors();

    System.out.printf("enforce %s, Java %s, %d processors, median of %d runs%n",
        Enforce.version(), System.getProperty("java.version"), processors, RUNS);
    try (RuleSet rules = RuleSet.load("rules/tianjin");
         Case kase = Case.parse(CASES[0], "json", null, null)) {
      row("recommend(String) + getters, no trace", rate(CALLS, i -> {
        try (Recommendation rec = rules.recommend(CASES[i % CASES.length], null, false)) {
          rec.getOutcome();
          rec.getAmount();
        }
      }));
      row("recommendJson(String), trace", rate(CALLS, i ->
          rules.recommendJson(CASES[i % CASES.length], null, true)));
      row("recommendJson(String), no trace", rate(CALLS, i ->
          rules.recommendJson(CASES[i % CASES.length], null, false)));
      row("recommend(Case) + close, no trace", rate(CALLS, i -> {
        try (Recommendation rec = rules.recommend(kase, null, false)) {
          rec.getOutcome();
        }
      }));
      row("recommendBatch, 1 thread", rate(3, i -> rules.recommendBatch(batch, null, false, 1))
          * BATCH);
      row("recommendBatch, " + processors + " threads",
          rate(3, i -> rules.recommendBatch(batch, null, false, 0)) * BATCH);
      byte[] bytes = batch.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      row("recommendBatch byte[], 1 thread",
          rate(3, i -> rules.recommendBatch(bytes, null, false, 1)) * BATCH);
      row("recommendBatch byte[], " + processors + " threads",
          rate(3, i -> rules.recommendBatch(bytes, null, false, 0)) * BATCH);
      row("2 Java threads recommend(String)", threaded(rules, 2, CALLS / 2));
    }
  }
}
