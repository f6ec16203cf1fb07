package dossier.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.format.Formats;
import dossier.gates.GatePlan.Gate;
import dossier.source.BranchSweep;
import dossier.source.Cell;
import dossier.source.Metric;
import dossier.source.ResultRow;
import dossier.source.Sweeps;
import dossier.source.VariantSweep;
import dossier.spec.TrackSpec.CriterionSpec;
import dossier.stats.Anomaly;
import dossier.stats.BootstrapSettings;
import dossier.stats.BranchStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The house rule "a gate that depends on an anomalous metric is ⚠ cannot evaluate, never PASS",
 * for every gate that reads a metric and every anomaly that spoils one: first on rows where the
 * gate passes without the anomaly, then on seeded random row sets.
 */
class AnomalyNeverPassesTest {
  private static final String RUN = "run1";
  private static final String FACTOR = "label_smoothing";
  private static final String BASE = "none";
  private static final String VARIANT = "v1";
  private static final List<String> CRYPTOS = List.of("AAA", "BBB", "CCC", "DDD", "EEE");
  private static final int FOLDS = 5;
  private static final Metric PRIMARY = Metric.F1_BUY;
  private static final BootstrapSettings BOOT = new BootstrapSettings(1000, 42, 0.95);
  private static final Readiness.Result READY =
      new Readiness.Result("mlops_readiness.md", Status.PASS, 6, 6, List.of());
  /** The plan's six gates and the four criteria, with thresholds the clean rows clear. */
  private static final GatePlan PLAN = GatePlan.defaults().withCriteria(List.of(
      new CriterionSpec("cohens_d", Map.of("min_d", 0.3), false, 40),
      new CriterionSpec("min_delta", Map.of("min_delta", 0.02), false, 42),
      new CriterionSpec("max_drawdown", Map.of("max_increase", 1.0), true, 44),
      new CriterionSpec("ece", Map.of("max_increase", 0.01), false, 47)), "dossiers/track5.yaml");
  private static final Instant T0 = Instant.parse("2026-04-29T12:00:00Z");

  /** How an anomaly is put into the rows. */
  enum Injection {
    /** The metric reads one value on every row of the variant, a value that would pass the gate. */
    CONSTANT_ON_VARIANT,
    NAN_ON_VARIANT_ROW,
    NAN_ON_BASELINE_ROW,
    POSITIVE_INFINITY_ON_VARIANT_ROW,
    NEGATIVE_INFINITY_ON_BASELINE_ROW
  }

  // ---- rows ---------------------------------------------------------------------------------

  /**
   * Every metric of the baseline varies with crypto c and fold f; the variant is better on every
   * one, by a margin that clears all ten gates.
   */
  private static List<ResultRow> clean() {
    List<ResultRow> rows = new ArrayList<>();
    int clock = 0;
    for (int c = 0; c < CRYPTOS.size(); c++) {
      for (int f = 1; f <= FOLDS; f++) {
        double f1 = 0.40 + 0.01 * c + 0.005 * f;
        double sortino = 1.0 + 0.1 * c + 0.05 * f;
        double ret = 5.0 + c + f;
        int trades = 60 + c + f;
        double ece = 0.05 + 0.001 * c + 0.002 * f;
        double expectancy = 10.0 + 0.5 * c + 0.2 * f;
        double drawdown = 10.0 + 0.3 * c + 0.1 * f;
        String crypto = CRYPTOS.get(c);
        rows.add(new ResultRow(RUN, FACTOR, BASE, crypto, f, ResultRow.COMPLETED, f1, sortino, ret, trades, ece,
            expectancy, drawdown, T0.plusSeconds(clock++)));
        rows.add(new ResultRow(RUN, FACTOR, VARIANT, crypto, f, ResultRow.COMPLETED,
            f1 + 0.03 + 0.001 * f + 0.001 * c * f, sortino + 0.2 + 0.01 * f, ret + 1, trades, ece + 0.002 + 0.0001 * f,
            expectancy + 2 + 0.1 * c, drawdown + 0.5 + 0.01 * f, T0.plusSeconds(clock++)));
      }
    }
    return rows;
  }

  /** A constant on which every gate reading {@code m} would pass: a better value than any baseline row. */
  private static double passingConstant(Metric m) {
    return switch (m) {
      case F1_BUY -> 0.95;
      case SORTINO -> 5.0;
      case EXPECTANCY_NET -> 100.0;
      case MAX_DRAWDOWN, ECE -> 0.0;
      case TOTAL_RETURN -> 50.0;
      case N_TRADES -> throw new IllegalArgumentException("n_trades is a count");
    };
  }

  private static ResultRow set(ResultRow r, Metric m, double v) {
    return new ResultRow(r.runId(), r.factor(), r.variant(), r.crypto(), r.fold(), r.status(),
        m == Metric.F1_BUY ? v : r.f1Buy(), m == Metric.SORTINO ? v : r.sortino(),
        m == Metric.TOTAL_RETURN ? v : r.totalReturn(), m == Metric.N_TRADES ? (int) v : r.nTrades(),
        m == Metric.ECE ? v : r.ece(), m == Metric.EXPECTANCY_NET ? v : r.expectancyNet(),
        m == Metric.MAX_DRAWDOWN ? v : r.maxDrawdown(), r.createdAt());
  }

  private static List<ResultRow> inject(List<ResultRow> rows, Injection injection, Metric m) {
    return rows.stream().map(r -> switch (injection) {
      case CONSTANT_ON_VARIANT -> r.variant().equals(VARIANT) ? set(r, m, passingConstant(m)) : r;
      case NAN_ON_VARIANT_ROW -> isCcc3(r, VARIANT) ? set(r, m, Double.NaN) : r;
      case NAN_ON_BASELINE_ROW -> isCcc3(r, BASE) ? set(r, m, Double.NaN) : r;
      case POSITIVE_INFINITY_ON_VARIANT_ROW -> isCcc3(r, VARIANT) ? set(r, m, Double.POSITIVE_INFINITY) : r;
      case NEGATIVE_INFINITY_ON_BASELINE_ROW -> isCcc3(r, BASE) ? set(r, m, Double.NEGATIVE_INFINITY) : r;
    }).toList();
  }

  private static boolean isCcc3(ResultRow r, String variant) {
    return r.variant().equals(variant) && r.crypto().equals("CCC") && r.fold() == 3;
  }

  private static String expectedEvidence(Injection injection, Metric m) {
    return "cannot evaluate: " + switch (injection) {
      case CONSTANT_ON_VARIANT -> m.column() + " reads exactly " + Formats.plain(passingConstant(m))
          + " on every row of " + VARIANT;
      case NAN_ON_VARIANT_ROW, POSITIVE_INFINITY_ON_VARIANT_ROW ->
          m.column() + " is not a number on 1 row(s) of " + VARIANT + " (CCC fold 3)";
      case NAN_ON_BASELINE_ROW, NEGATIVE_INFINITY_ON_BASELINE_ROW ->
          m.column() + " is not a number on 1 row(s) of " + BASE + " (CCC fold 3)";
    };
  }

  private static BranchStats stats(List<ResultRow> rows, List<String> variants, List<String> cryptos) {
    return BranchStats.of(Sweeps.resolve(rows, FACTOR, List.of(RUN), BASE, variants, cryptos), PRIMARY, BOOT);
  }

  private static BranchStats stats(List<ResultRow> rows) {
    return stats(rows, List.of(BASE, VARIANT), CRYPTOS);
  }

  /** The same statistics with the anomalies forgotten: what the figures alone would say. */
  private static BranchStats blind(BranchStats s) {
    return new BranchStats(s.sweep(), s.primary(), s.bootstrap(), s.summaries(), s.comparisons(), List.of());
  }

  private static VariantVerdict verdict(BranchStats s, EvidenceFormat format) {
    List<VariantVerdict> vs = GateEvaluator.evaluate(PLAN, s, READY, format);
    assertEquals(1, vs.size());
    return vs.get(0);
  }

  private static GateResult gate(VariantVerdict v, GateKind kind) {
    return v.gates().stream().filter(g -> g.kind() == kind).findFirst().orElseThrow();
  }

  // ---- the gates covered ---------------------------------------------------------------------

  private static List<GateKind> metricGates() {
    return Arrays.stream(GateKind.values()).filter(k -> !k.uses(PRIMARY).isEmpty()).toList();
  }

  @Test
  void planHoldsEveryKindOfGateAndOnlyCountsAndReadinessReadNoMetric() {
    assertEquals(EnumSet.allOf(GateKind.class), PLAN.gates().stream().map(Gate::kind)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(GateKind.class))));
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), PLAN.gates().stream().map(Gate::number).toList());
    assertEquals(EnumSet.of(GateKind.SAMPLE_SIZE, GateKind.READINESS),
        EnumSet.complementOf(EnumSet.copyOf(metricGates())));
  }

  @Test
  void cleanRowsPassEveryGate() {
    BranchStats s = stats(clean());
    assertEquals(List.of(), s.anomalies());
    for (EvidenceFormat format : List.of(EvidenceFormat.RESULTS, EvidenceFormat.GATE_DECISION)) {
      VariantVerdict v = verdict(s, format);
      for (GateResult g : v.gates()) {
        assertEquals(Status.PASS, g.status(), g.kind() + ": " + g.evidence());
      }
      assertEquals(Verdict.LOCK, v.verdict());
    }
  }

  // ---- every gate × every metric it reads × every anomaly ------------------------------------

  static Stream<Arguments> gateMetricInjection() {
    List<Arguments> out = new ArrayList<>();
    for (GateKind kind : metricGates()) {
      for (Metric m : kind.uses(PRIMARY)) {
        for (Injection injection : Injection.values()) {
          out.add(Arguments.of(kind, m, injection));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} reading {1}, {2}")
  @MethodSource("gateMetricInjection")
  void anomalyInAMetricTheGateReadsIsWarnNeverPass(GateKind kind, Metric m, Injection injection) {
    assertEquals(Status.PASS, gate(verdict(stats(clean()), EvidenceFormat.RESULTS), kind).status(),
        "the gate passes on the clean rows");

    BranchStats s = stats(inject(clean(), injection, m));
    assertFalse(s.spoiling(VARIANT, m).isEmpty(), "the anomaly is found: " + s.anomalies());
    for (EvidenceFormat format : List.of(EvidenceFormat.RESULTS, EvidenceFormat.GATE_DECISION)) {
      VariantVerdict v = verdict(s, format);
      GateResult g = gate(v, kind);
      assertEquals(Status.WARN, g.status(), g.evidence());
      assertTrue(g.evidence().startsWith("cannot evaluate: "), g.evidence());
      assertEquals(expectedEvidence(injection, m), g.evidence());
      assertEquals(Verdict.ABANDON, v.verdict());
      // Gates that read no spoiled metric still judge on the figures.
      for (GateResult other : v.gates()) {
        if (!other.kind().uses(PRIMARY).contains(m)) {
          assertNotEquals(expectedEvidence(injection, m), other.evidence(), other.kind().id());
        }
      }
    }
  }

  static Stream<Arguments> gateMetric() {
    return gateMetricInjection().filter(a -> a.get()[2] == Injection.CONSTANT_ON_VARIANT)
        .map(a -> Arguments.of(a.get()[0], a.get()[1]));
  }

  @ParameterizedTest(name = "{0} reading {1}")
  @MethodSource("gateMetric")
  void aPassingConstantWouldPassOnItsFiguresAlone(GateKind kind, Metric m) {
    // The constants are chosen to flatter the variant: only the anomaly keeps the gate from PASS.
    BranchStats s = stats(inject(clean(), Injection.CONSTANT_ON_VARIANT, m));
    assertEquals(Status.PASS, gate(verdict(blind(s), EvidenceFormat.RESULTS), kind).status(),
        "the figures alone would pass");
    assertEquals(Status.WARN, gate(verdict(s, EvidenceFormat.RESULTS), kind).status());
  }

  @Test
  void aNanF1OnOneVariantRowWouldPassTheLiftOnTheOtherPairs() {
    // The pair with the NaN is dropped, and the 24 others clear the gate: the anomaly stops it.
    BranchStats s = stats(inject(clean(), Injection.NAN_ON_VARIANT_ROW, Metric.F1_BUY));
    assertEquals(24, s.comparisons().get(0).pairs());
    assertEquals(Status.PASS, gate(verdict(blind(s), EvidenceFormat.RESULTS), GateKind.F1_LIFT).status());
    assertEquals(Status.WARN, gate(verdict(s, EvidenceFormat.RESULTS), GateKind.F1_LIFT).status());
  }

  @Test
  void anAnomalyOfAnotherVariantDoesNotSpoilThisOne() {
    List<ResultRow> rows = new ArrayList<>(clean());
    rows.addAll(clean().stream().filter(r -> r.variant().equals(VARIANT))
        .map(r -> new ResultRow(r.runId(), r.factor(), "v2", r.crypto(), r.fold(), r.status(), r.f1Buy(), r.sortino(),
            r.totalReturn(), r.nTrades(), 0.0, r.expectancyNet(), r.maxDrawdown(), r.createdAt().plusSeconds(600)))
        .toList());
    List<VariantVerdict> vs = GateEvaluator.evaluate(PLAN, stats(rows, List.of(BASE, VARIANT, "v2"), CRYPTOS), READY);
    assertEquals(Verdict.LOCK, vs.get(0).verdict());
    assertEquals(Status.WARN, gate(vs.get(1), GateKind.ECE).status());
    assertEquals("cannot evaluate: ece reads exactly 0 on every row of v2", gate(vs.get(1), GateKind.ECE).evidence());
    assertEquals(Verdict.ABANDON, vs.get(1).verdict());
  }

  // ---- seeded random row sets ----------------------------------------------------------------

  /** A metric a gate reads, or total_return, which none does. */
  private static final List<Metric> INJECTABLE = List.of(Metric.F1_BUY, Metric.SORTINO, Metric.TOTAL_RETURN,
      Metric.ECE, Metric.EXPECTANCY_NET, Metric.MAX_DRAWDOWN);

  private record Case(List<ResultRow> rows, List<String> variants, List<String> cryptos, String description,
      Map<String, Set<Metric>> expectedSpoiled) {}

  /**
   * Random cryptos, folds and variants, each metric of the baseline constant now and then; variants
   * often good enough to pass; some cells missing, failed, retried or without a trade; then one
   * anomaly: a constant on a variant, or a NaN or an infinity on one counted row.
   */
  private static Case randomCase(SplittableRandom rnd) {
    int nCryptos = 1 + rnd.nextInt(5);
    int nFolds = 1 + rnd.nextInt(5);
    int nVariants = 1 + rnd.nextInt(3);
    List<String> cryptos = CRYPTOS.subList(0, nCryptos);
    List<String> variants = new ArrayList<>(List.of(BASE));
    for (int i = 1; i <= nVariants; i++) {
      variants.add("v" + i);
    }
    Set<Metric> flatBaseline = INJECTABLE.stream().filter(m -> rnd.nextInt(8) == 0)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Metric.class)));
    List<ResultRow> rows = new ArrayList<>();
    long clock = 0;
    for (String variant : variants) {
      boolean base = variant.equals(BASE);
      double lift = base ? 0 : (rnd.nextBoolean() ? 0.03 + 0.03 * rnd.nextDouble() : 0.04 * rnd.nextDouble() - 0.02);
      for (String crypto : cryptos) {
        for (int f = 1; f <= nFolds; f++) {
          int roll = rnd.nextInt(40);
          if (roll == 0) {
            continue; // no attempt at all
          }
          if (roll == 1) {
            rows.add(failedRow(variant, crypto, f, T0.plusSeconds(clock++)));
            continue; // only a failed attempt
          }
          if (roll == 2) {
            rows.add(failedRow(variant, crypto, f, T0.plusSeconds(clock++))); // retried, then completed
          }
          double noise = 0.01 * rnd.nextDouble();
          double f1 = flatBaseline.contains(Metric.F1_BUY) && base ? 0.4 : 0.35 + 0.1 * rnd.nextDouble();
          ResultRow r = new ResultRow(RUN, FACTOR, variant, crypto, f, ResultRow.COMPLETED,
              f1 + lift + noise,
              base && flatBaseline.contains(Metric.SORTINO) ? 1.0 : 1.0 + rnd.nextDouble() + (base ? 0 : lift * 10),
              base && flatBaseline.contains(Metric.TOTAL_RETURN) ? 5.0 : 50 * rnd.nextDouble() - 10,
              roll == 3 ? 0 : 40 + rnd.nextInt(40),
              base && flatBaseline.contains(Metric.ECE) ? 0.05 : 0.03 + 0.04 * rnd.nextDouble(),
              base && flatBaseline.contains(Metric.EXPECTANCY_NET) ? 10.0 : 5 + 10 * rnd.nextDouble() + (base ? 0 : 3),
              base && flatBaseline.contains(Metric.MAX_DRAWDOWN) ? 10.0 : 8 + 3 * rnd.nextDouble(),
              T0.plusSeconds(clock++));
          rows.add(r);
        }
      }
    }

    // One anomaly.
    Metric m = INJECTABLE.get(rnd.nextInt(INJECTABLE.size()));
    Map<String, Set<Metric>> expected = new java.util.HashMap<>();
    String description;
    BranchSweep before = Sweeps.resolve(rows, FACTOR, List.of(RUN), BASE, variants, cryptos);
    if (rnd.nextBoolean()) {
      String variant = variants.get(1 + rnd.nextInt(nVariants));
      double[] choices = {passingConstant(m), 0.0, -0.0, rnd.nextDouble(), 1e-300};
      double value = choices[rnd.nextInt(choices.length)];
      rows = rows.stream().map(r -> r.variant().equals(variant) && r.completed() ? set(r, m, value) : r)
          .collect(Collectors.toCollection(ArrayList::new));
      description = m.column() + " = " + value + " on every row of " + variant;
      // Spoiled by the rule: two counted rows or more, and a baseline whose finite values vary.
      long baselineValues = before.baselineSweep().counted().values().stream().mapToDouble(r -> r.metric(m))
          .filter(Double::isFinite).mapToLong(Double::doubleToRawLongBits).distinct().count();
      if (before.variant(variant).counted().size() >= 2 && baselineValues > 1) {
        expected.computeIfAbsent(variant, k -> EnumSet.noneOf(Metric.class)).add(m);
      }
    } else {
      String variant = variants.get(rnd.nextInt(variants.size()));
      VariantSweep v = before.variant(variant);
      double value = new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}[rnd.nextInt(3)];
      if (v.counted().isEmpty()) {
        description = "no counted row of " + variant + " to spoil";
      } else {
        List<Cell> cells = List.copyOf(v.counted().keySet());
        ResultRow target = v.counted().get(cells.get(rnd.nextInt(cells.size())));
        rows = rows.stream().map(r -> r == target ? set(r, m, value) : r)
            .collect(Collectors.toCollection(ArrayList::new));
        description = m.column() + " = " + value + " on " + target.crypto() + " fold " + target.fold() + " of "
            + variant;
        for (String spoiled : variant.equals(BASE) ? variants.subList(1, variants.size()) : List.of(variant)) {
          expected.computeIfAbsent(spoiled, k -> EnumSet.noneOf(Metric.class)).add(m);
        }
      }
    }
    return new Case(rows, variants, cryptos, description, expected);
  }

  private static ResultRow failedRow(String variant, String crypto, int fold, Instant at) {
    return new ResultRow(RUN, FACTOR, variant, crypto, fold, "training_failed", Double.NaN, Double.NaN, Double.NaN,
        0, Double.NaN, Double.NaN, Double.NaN, at);
  }

  @Test
  void seededRandomSweepsNeverPassAGateOnASpoiledMetric() {
    SplittableRandom rnd = new SplittableRandom(20260429L);
    int spoiledGates = 0;
    int wouldHavePassed = 0;
    for (int i = 0; i < 500; i++) {
      Case c = randomCase(rnd);
      String where = "case " + i + ": " + c.description();
      BranchStats s = stats(c.rows(), c.variants(), c.cryptos());
      BranchStats blind = blind(s);
      List<VariantVerdict> verdicts = GateEvaluator.evaluate(PLAN, s, READY,
          i % 2 == 0 ? EvidenceFormat.RESULTS : EvidenceFormat.GATE_DECISION);
      List<VariantVerdict> figuresOnly = GateEvaluator.evaluate(PLAN, blind, READY);
      for (int vi = 0; vi < verdicts.size(); vi++) {
        VariantVerdict v = verdicts.get(vi);
        Set<Metric> injected = c.expectedSpoiled().getOrDefault(v.variant(), Set.of());
        for (Metric m : injected) {
          assertFalse(s.spoiling(v.variant(), m).isEmpty(), where + ": the detector misses it: " + s.anomalies());
        }
        boolean anySpoiled = false;
        for (GateResult g : v.gates()) {
          List<Metric> uses = g.kind().uses(PRIMARY);
          boolean detected = uses.stream().anyMatch(m -> !s.spoiling(v.variant(), m).isEmpty());
          boolean byInjection = uses.stream().anyMatch(injected::contains);
          if (detected || byInjection) {
            anySpoiled = true;
            spoiledGates++;
            assertNotEquals(Status.PASS, g.status(), where + ", " + v.variant() + ", " + g.kind().id());
            assertEquals(Status.WARN, g.status(), where + ", " + v.variant() + ", " + g.kind().id());
            assertTrue(g.evidence().startsWith("cannot evaluate: "), where + ": " + g.evidence());
            if (figuresOnly.get(vi).gates().get(g.number() - 1).status() == Status.PASS) {
              wouldHavePassed++;
            }
          }
        }
        if (anySpoiled) {
          assertEquals(Verdict.ABANDON, v.verdict(), where + ", " + v.variant());
        }
      }
      // Every anomaly can be stated (and rendered) without failing.
      s.anomalies().forEach(Anomaly::summary);
    }
    // The property is not vacuous: many spoiled gates, and some that the figures alone would pass.
    assertTrue(spoiledGates > 500, "spoiled gates: " + spoiledGates);
    assertTrue(wouldHavePassed > 50, "spoiled gates that would pass on their figures: " + wouldHavePassed);
  }
}
