package org.libenforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Tests of the Java binding (org.libenforce), run by CTest as java-tests.
 *
 * <p>Expected values come from {@code enforce recommend --json --rules
 * rules/tianjin examples/cases/...} and are checked against the law in the
 * comments (LAW-FACTS.md).
 */
class EnforceTest {
  private static final Path SOURCE = Path.of(System.getProperty("enforce.sourceDir", "."));
  private static final String RULES = SOURCE.resolve("rules/tianjin").toString();
  private static final String MINIMAL = "{\"benchmark\":\"tj.civility.63.spitting\","
      + "\"party\":{\"class\":\"individual\",\"age\":30,\"capacity\":\"full\"},"
      + "\"circumstances\":{\"minor\":false,\"corrected\":true,\"harm\":\"none\","
      + "\"first_violation\":true,\"no_fault\":false},"
      + "\"dates\":{\"act\":\"2024-06-02\",\"discovered\":\"2024-06-02\"}}";

  private static RuleSet rules;

  @BeforeAll
  static void load() {
    rules = RuleSet.load(RULES);
  }

  @AfterAll
  static void close() {
    rules.close();
  }

  private static String sample(String name) throws IOException {
    return Files.readString(SOURCE.resolve("examples/cases").resolve(name), StandardCharsets.UTF_8);
  }

  private static EnforceException assertCode(String code, Executable call) {
    EnforceException e = assertThrows(EnforceException.class, call);
    assertEquals(code, e.getCode(), e.getMessage());
    return e;
  }

  // ------------------------------------------------------------ loading

  @Test
  void loadsTheBundledTianjinRules() {
    assertEquals("tianjin", rules.getJurisdictionId());
    assertTrue(rules.getHash().startsWith("sha256:"));
    assertEquals(71, rules.getHash().length());
    assertTrue(rules.getBenchmarkIds().contains("tj.civility.65-1.posting"));
    int fire = rules.getBenchmarkIds().indexOf("tj.fire.60.fire-lane");
    assertEquals("单位占用、堵塞、封闭消防车通道", rules.getBenchmarkTitle(fire));
  }

  @Test
  void missingRuleDirectoryIsAnIoError() {
    String bad = SOURCE.resolve("no-such-rules").toString();
    EnforceException e = assertCode("io", () -> RuleSet.load(bad));
    assertTrue(e.getMessage().contains("no-such-rules"));
    assertTrue(e.toString().contains("[io]"));
  }

  @Test
  void diagnosticsHolderReceivesEveryProblemOfAFailedLoad() {
    String bad = "kind: instrument\nid: x\nsurprise: 1\n";
    try (Diagnostics diagnostics = new Diagnostics()) {
      assertEquals(0, diagnostics.getCount());
      EnforceException e = assertThrows(EnforceException.class,
          () -> RuleSet.loadData("bad.yaml", bad, null, diagnostics));
      assertTrue(diagnostics.getCount() > 0);
      assertTrue(diagnostics.getErrorCount() > 0);
      assertEquals("bad.yaml", diagnostics.getFile(0));
      assertEquals("error", diagnostics.getSeverity(0));
      assertTrue(diagnostics.toJson().startsWith("["));
      assertTrue(diagnostics.toString().contains("bad.yaml:"), diagnostics.toString());
      assertNotNull(e.getCode());
    }
  }

  @Test
  void yamlSyntaxErrorInRuleData() {
    assertCode("yaml_syntax", () -> RuleSet.loadData("broken.yaml", "kind: [x\n", null, null));
  }

  // ------------------------------------------------------------ recommending

  @Test
  void postingThatMarsTheCityscapeIsFined2000Yuan() throws IOException {
    // 《天津市文明行为促进条例》第65条第1款: 有碍城市容貌的 a fixed 2000 yuan;
    // one act, two provisions: fined once under the heavier (行政处罚法第29条);
    // 2000 yuan > 200 yuan for a citizen: general procedure (第51条).
    try (Recommendation rec = rules.recommend(sample("01-posting-mars-cityscape.yaml"), null, true)) {
      assertEquals("fine", rec.getOutcome());
      assertEquals(200000L, rec.getAmount().getAsLong());
      assertTrue(rec.hasAmount());
      assertEquals(200000L, rec.getRangeMin().getAsLong());
      assertEquals(200000L, rec.getRangeMax().getAsLong());
      assertEquals("有碍城市容貌", rec.getTier());
      assertEquals("tj.civility.65-1.posting", rec.getBenchmarkId());
      assertEquals("general", rec.getProcedure());
      assertTrue(rec.toJson().contains("\"amount\":200000"));
      assertTrue(rec.toText("zh").contains("2000"));
      assertEquals("resolve", rec.getStepCode(0));
      assertTrue(rec.getStepCount() > 5);
      assertNotNull(rec.getStepMessage(0, "en"));
    }
  }

  @Test
  void minorAged16GetsTheLighterTier() throws IOException {
    // 第63条: 50-200 yuan; aged 14-17 => 从轻 or 减轻 is mandatory (行政处罚法第30条):
    // the 从轻 tier is 50-100 yuan, its point 75 yuan; ≤ 200 yuan => simple procedure.
    try (Case kase = Case.load(SOURCE.resolve("examples/cases/02-littering-16-year-old.yaml").toString(), null);
         Recommendation rec = rules.recommend(kase, null, false)) {
      assertEquals("2024-XB-0102", kase.getId());
      assertEquals(7500L, rec.getAmount().getAsLong());
      assertEquals(5000L, rec.getRangeMin().getAsLong());
      assertEquals(10000L, rec.getRangeMax().getAsLong());
      assertEquals("从轻", rec.getTier());
      assertEquals("simple", rec.getProcedure());
      assertEquals(0, rec.getStepCount());
      assertFalse(rec.isDiscretionary());
    }
  }

  @Test
  void limitationExpiredMeansNoPenalty() throws IOException {
    // 行政处罚法第36条: not discovered within 2 years => no penalty.
    try (Recommendation rec = rules.recommend(sample("07-limitation-expired.yaml"), null, true)) {
      assertEquals("no_penalty", rec.getOutcome());
      assertTrue(rec.getAmount().isEmpty());
      assertFalse(rec.hasAmount());
      assertTrue(rec.getRangeMin().isEmpty());
      assertNull(rec.getTier());
      assertEquals("none", rec.getProcedure());
    }
  }

  @Test
  void missingFactIsUndetermined() throws IOException {
    try (Recommendation rec = rules.recommend(sample("06-missing-fact.yaml"), null, true)) {
      assertEquals("undetermined", rec.getOutcome());
      assertEquals(List.of("facts.mars_cityscape"), rec.getMissing());
    }
  }

  @Test
  void recommendJsonAndAsOf() throws IOException {
    String json = rules.recommendJson(sample("04-fire-lane-blocked.yaml"), "2024-06-01", false);
    // 消防法第60条: a unit, 5000-50000 yuan; the 一般 tier's point 27500 yuan.
    assertTrue(json.contains("\"amount\":2750000"), json);
    assertCode("invalid_date", () -> rules.recommendJson(MINIMAL, "2024-02-30", false));
  }

  // ------------------------------------------------------------ case errors

  @Test
  void malformedYamlCase() {
    assertCode("yaml_syntax", () -> rules.recommend("benchmark: [x\n", null, false));
  }

  @Test
  void malformedJsonCase() {
    assertCode("json_syntax", () -> rules.recommend("{\"benchmark\": 1,}", null, false));
    assertCode("json_syntax", () -> Case.parse("{\"id\": NaN}", "json", "c.json", null));
  }

  @Test
  void unknownBenchmark() {
    String text = MINIMAL.replace("tj.civility.63.spitting", "tj.no.such");
    EnforceException e = assertCode("unknown_benchmark", () -> rules.recommend(text, null, false));
    assertTrue(e.getMessage().contains("tj.no.such"));
  }

  @Test
  void textOutsideTheBmpRoundTrips() {
    // Real UTF-8 both ways (not JNI's modified UTF-8): U+20000 is a CJK
    // Extension B character, as found in people's names.
    String id = "案-\uD840\uDC00-1";
    String text = MINIMAL.replace("{\"benchmark\"", "{\"id\":\"" + id + "\",\"benchmark\"");
    try (Case kase = Case.parse(text, null, null, null);
         Recommendation rec = rules.recommend(kase, null, false)) {
      assertEquals(id, kase.getId());
      assertTrue(rec.toJson().contains(id));
    }
  }

  @Test
  void nulInAStringArgumentIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RuleSet.load("rules\0/tianjin"));
    assertCode("encoding", () -> Case.parse("id: a\0b\n", null, null, null));
  }

  @Test
  void nullCaseIsANullPointerException() {
    assertThrows(NullPointerException.class, () -> rules.recommend((Case) null, null, false));
  }

  @Test
  void indexOutOfRange() {
    assertThrows(IndexOutOfBoundsException.class, () -> rules.getBenchmarkId(-1));
    assertThrows(IndexOutOfBoundsException.class,
        () -> rules.getBenchmarkId(rules.getBenchmarkCount()));
  }

  @Test
  void limits() {
    assertEquals("input_bytes", Limits.names().get(0));
    try (Limits limits = Limits.forCases()) {
      limits.set("depth", 4);
      assertEquals(4L, limits.get("depth"));
      assertCode("limit_depth", () -> rules.recommend(
          "{\"party\":{\"class\":{\"a\":{\"b\":{\"c\":1}}}}}", null, false, limits));
      assertCode("invalid_value", () -> limits.set("depth", 0));
      assertCode("invalid_value", () -> limits.get("no_such_limit"));
    }
    try (Limits limits = Limits.forRules()) {
      assertTrue(limits.get("input_bytes") > 1_000_000L);
    }
  }

  // ------------------------------------------------------------ money and dates

  @Test
  void moneyIsExactLongFen() {
    assertEquals(15050L, Money.parse("150.50"));
    assertEquals(15050L, Money.parse("150.5"));
    assertEquals(1L, Money.parse("0.01"));
    assertEquals(99999999999999999L, Money.parse("999999999999999.99"));
    assertEquals("150.50", Money.format(15050L));
    assertEquals("0.01", Money.format(1L));
    assertEquals(new BigDecimal("150.50"), Money.toYuan(15050L));
    for (String bad : new String[] {"1e3", "1,000", "-5", "100.005", "１０００", "NaN", "", "1万元"}) {
      assertCode("invalid_money", () -> Money.parse(bad));
    }
    assertCode("invalid_money", () -> Money.parse(null));
  }

  @Test
  void dates() {
    int day = Dates.parse("2024-02-29");
    assertEquals(19782, day);
    assertEquals("2024-02-29", Dates.format(day));
    assertCode("invalid_date", () -> Dates.parse("2024-02-30"));
  }

  @Test
  void versionAndErrorNames() {
    assertEquals(2, Enforce.version().chars().filter(c -> c == '.').count());
    assertEquals("io", Enforce.errorCodeName(1));
    assertEquals("unknown_benchmark", Enforce.errorCodeName(71));
  }

  // ------------------------------------------------------------ lifetimes

  @Test
  void everyClassIsAutoCloseableWithoutFinalize() {
    for (Class<?> c : List.of(RuleSet.class, Case.class, Recommendation.class,
        Diagnostics.class, Limits.class, TestReport.class)) {
      assertTrue(AutoCloseable.class.isAssignableFrom(c), c.getName());
      assertThrows(NoSuchMethodException.class, () -> c.getDeclaredMethod("finalize"));
    }
  }

  @Test
  void closeTwiceIsHarmlessAndUseAfterCloseThrowsClosed() {
    RuleSet own = RuleSet.load(RULES);
    Case kase = Case.parse(MINIMAL, "json", null, null);
    Recommendation rec = own.recommend(kase, null, false);
    Limits limits = Limits.forCases();
    Diagnostics diagnostics = new Diagnostics();
    for (AutoCloseable c : List.<AutoCloseable>of(own, kase, rec, limits, diagnostics)) {
      assertDoesNotThrow(c);
      assertDoesNotThrow(c);
    }
    assertCode("closed", own::getHash);
    assertCode("closed", () -> own.recommend(MINIMAL, null, false));
    assertCode("closed", () -> own.recommendBatch(MINIMAL, null, false, 1));
    assertCode("closed", kase::getId);
    assertCode("closed", rec::getOutcome);
    assertCode("closed", rec::getAmount);
    assertCode("closed", () -> limits.get("depth"));
    assertCode("closed", diagnostics::getCount);
    assertCode("closed", () -> rules.recommend(kase, null, false));
    assertCode("closed", () -> rules.recommend(MINIMAL, null, false, limits));
  }

  private static void assertDoesNotThrow(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void tryWithResourcesCloses() {
    RuleSet outside;
    try (RuleSet inside = RuleSet.load(RULES)) {
      outside = inside;
      assertEquals("tianjin", inside.getJurisdictionId());
    }
    assertCode("closed", outside::getJurisdictionId);
  }

  @Test
  void recommendationOutlivesItsClosedRuleSet() throws IOException {
    Recommendation rec;
    try (RuleSet own = RuleSet.load(RULES)) {
      rec = own.recommend(sample("01-posting-mars-cityscape.yaml"), null, true);
    }
    // The recommendation keeps its own reference on the rule set in C.
    assertEquals("有碍城市容貌", rec.getTier());
    assertEquals("tj.civility.65-1.posting", rec.getBenchmarkId());
    assertTrue(rec.toText("en").contains("fine"));
    rec.close();
  }

  @Test
  void recommendationOutlivesItsUnreachableRuleSet() throws Exception {
    Recommendation rec = recommendationFromAForgottenRuleSet();
    // Make the Cleaner release the rule set's handle (unref in C).
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertEquals(200000L, rec.getAmount().getAsLong());
    assertTrue(rec.toJson().contains("有碍城市容貌"));
    rec.close();
  }

  private static Recommendation recommendationFromAForgottenRuleSet() throws Exception {
    RuleSet forgotten = RuleSet.load(RULES);
    WeakReference<RuleSet> weak = new WeakReference<>(forgotten);
    Recommendation rec = forgotten.recommend(sample("01-posting-mars-cityscape.yaml"), null, false);
    forgotten = null;
    for (int i = 0; i < 50 && weak.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(weak.get(), "the RuleSet proxy should have been collected");
    return rec;
  }

  // ------------------------------------------------------------ threads

  @Test
  void twoThreadsRecommendConcurrentlyWithIdenticalResults() throws Exception {
    String[] texts = {sample("01-posting-mars-cityscape.yaml"), sample("02-littering-16-year-old.yaml"),
        sample("04-fire-lane-blocked.yaml"), sample("07-limitation-expired.yaml")};
    String[] expected = new String[texts.length];
    for (int i = 0; i < texts.length; i++) {
      expected[i] = rules.recommendJson(texts[i], null, true);
    }
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      threads.add(new Thread(() -> {
        try {
          for (int i = 0; i < 200; i++) {
            assertEquals(expected[i % texts.length], rules.recommendJson(texts[i % texts.length], null, true));
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void closingWhileOtherThreadsRecommendNeverCrashes() throws Exception {
    RuleSet own = RuleSet.load(RULES);
    List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch running = new CountDownLatch(20);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      threads.add(new Thread(() -> {
        for (int i = 0; i < 1_000_000; i++) {
          try (Recommendation rec = own.recommend(MINIMAL, null, false)) {
            outcomes.add(rec.getOutcome());
          } catch (EnforceException e) {
            outcomes.add(e.getCode());
            return;
          }
          running.countDown();
        }
      }));
    }
    threads.forEach(Thread::start);
    assertTrue(running.await(60, TimeUnit.SECONDS));
    own.close();
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(2, Collections.frequency(outcomes, "closed"));
    assertEquals(Set.of("fine", "closed"), Set.copyOf(outcomes));
  }

  // ------------------------------------------------------------ batch and rule tests

  @Test
  void batchKeepsInputOrderAndReportsFailuresAsRecords() {
    String unknown = MINIMAL.replace("{\"benchmark\":\"tj.civility.63.spitting\"",
        "{\"id\":\"u\",\"benchmark\":\"tj.nope\"");
    String jsonl = MINIMAL + "\n{not json\n\n" + unknown + "\n" + MINIMAL + "\n";
    String out = rules.recommendBatch(jsonl, null, false, 2);
    String[] records = out.split("\n");
    assertEquals(4, records.length);
    assertTrue(records[0].startsWith("{\"line\":1,"), records[0]);
    assertTrue(records[1].startsWith("{\"line\":2,") && records[1].contains("\"json_syntax\""));
    assertTrue(records[2].startsWith("{\"line\":4,\"case_id\":\"u\"") && records[2].contains("\"unknown_benchmark\""));
    assertTrue(records[3].startsWith("{\"line\":5,"));
    assertEquals(out, rules.recommendBatch(jsonl, null, false, 1));
    byte[] bytes = rules.recommendBatch(jsonl.getBytes(StandardCharsets.UTF_8), null, false, 0);
    assertEquals(out, new String(bytes, StandardCharsets.UTF_8));
    assertEquals("", rules.recommendBatch("", null, false, 0));
    assertCode("invalid_date", () -> rules.recommendBatch(MINIMAL, "2024-13-01", false, 1));
    assertCode("invalid_value", () -> rules.recommendBatch(MINIMAL, null, false, -1));
  }

  @Test
  void bundledRuleTestsPass() {
    try (TestReport report = rules.runTests(SOURCE.resolve("rules/tianjin/tests").toString())) {
      assertTrue(report.getCount() > 0);
      assertEquals(0, report.getFailed());
      assertTrue(report.passed(0));
      assertNull(report.getDetail(0));
      assertNotNull(report.getName(0));
    }
    assertCode("io", () -> rules.runTests(SOURCE.resolve("no-such-tests").toString()));
  }
}
