package dossier.outcomes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dossier.cli.Run;
import dossier.outcomes.SweepProject.Variant;
import dossier.testing.JsonReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A property of every dossier: its sentences say what its statistics say. Random sweeps (effects
 * of either sign and size, 2 to 8 cryptos, 2 to 10 folds numbered from 0 or 1, retries, failed and
 * missing cells, both layouts) are rendered by {@code generate}, and each sentence that states a
 * verdict, a direction, a count or a range is held to the same track's {@code stats --format json}.
 * The first failure names its case's seed: {@code -Doutcomes.replay=SEED} runs that case alone.
 */
class SentencesAgreeWithStatsTest {
  private static final int CASES = Integer.getInteger("outcomes.cases", 500);
  private static final long SEED = Long.getLong("outcomes.seed", 20261206L);
  private static final String REPLAY = System.getProperty("outcomes.replay");
  private static final List<String> CRYPTOS =
      List.of("AAVEUSDC", "ARBUSDC", "BTCUSDC", "ETHUSDC", "LDOUSDC", "OPUSDC", "SOLUSDC", "UNIUSDC");
  private static final List<String> VARIANTS = List.of("alpha", "beta", "gamma", "delta");

  @TempDir Path tmp;
  @TempDir Path home;

  @Test
  void everySentenceAgreesWithTheStatistics() throws IOException {
    List<Long> seeds = REPLAY != null ? List.of(Long.parseLong(REPLAY))
        : new SplittableRandom(SEED).longs(CASES).boxed().toList();
    Set<String> outcomes = new TreeSet<>();
    for (long seed : seeds) {
      SweepProject sweep = randomSweep(seed);
      Path project = sweep.writeTo(tmp.resolve(Long.toUnsignedString(seed, 36)));
      try {
        outcomes.add(check(sweep, project));
      } catch (AssertionError e) {
        throw new AssertionError("case -Doutcomes.replay=" + seed + " (" + sweep + "): " + e.getMessage(), e);
      }
    }
    if (REPLAY == null) {
      // The random sweeps must reach the outcomes the sentences distinguish, or the test proves little.
      assertTrue(outcomes.containsAll(List.of("lock", "several lock", "below", "above", "none", "mixed")), outcomes.toString());
    }
  }

  static SweepProject randomSweep(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> cryptos = CRYPTOS.subList(0, 2 + r.nextInt(7));
    int from = r.nextBoolean() ? 0 : 1;
    List<Integer> folds = IntStream.range(from, from + 2 + r.nextInt(9)).boxed().toList();
    List<Variant> variants = new ArrayList<>(List.of(Variant.baseline("none")));
    int count = 1 + r.nextInt(4);
    double common = r.nextDouble() < 0.3 ? r.nextDouble(-0.06, 0.06) : Double.NaN; // a branch that moves as one
    for (int i = 0; i < count; i++) {
      double shift = !Double.isNaN(common) ? common + r.nextDouble(-0.01, 0.01)
          : r.nextDouble() < 0.25 ? 0 : r.nextDouble(-0.08, 0.08);
      variants.add(new Variant(VARIANTS.get(i), r.nextBoolean() ? "" : "γ=" + i, shift, r.nextDouble(-4, 6),
          r.nextDouble(-0.3, 0.4), r.nextDouble(-2, 1.5), 0));
    }
    Set<String> failed = new HashSet<>();
    Set<String> missing = new HashSet<>();
    Set<String> retried = new HashSet<>();
    for (Variant v : variants) {
      for (String crypto : cryptos) {
        // One fold of each variant and crypto always completes: a crypto without rows is a spec error.
        for (int fold : folds.subList(1, folds.size())) {
          String cell = SweepProject.cell(v.name(), crypto, fold);
          double p = r.nextDouble();
          if (p < 0.03) {
            failed.add(cell);
          } else if (p < 0.05) {
            missing.add(cell);
          } else if (p < 0.10) {
            retried.add(cell);
          }
        }
      }
    }
    return new SweepProject(r.nextDouble() < 0.8 ? "results" : "gate-decision", 9, cryptos, folds, variants,
        r.nextDouble(0.005, 0.05), 30 + r.nextInt(60), seed, failed, missing, retried, 200);
  }

  /** Checks one dossier against its statistics; returns the kind of outcome it showed. */
  @SuppressWarnings("unchecked")
  private String check(SweepProject sweep, Path project) throws IOException {
    Run generated = Run.offline(home, "-C", project.toString(), "generate", sweep.trackName());
    assertEquals(0, generated.exit(), generated.err());
    Run stats = Run.offline(home, "-C", project.toString(), "stats", sweep.trackName(), "--format", "json");
    assertEquals(0, stats.exit(), stats.err());
    String dossier = Files.readString(project.resolve("dossiers").resolve(sweep.trackName() + "-results.md"),
        StandardCharsets.UTF_8);
    Map<String, Object> json = (Map<String, Object>) JsonReader.parse(stats.out());
    Map<String, Object> branch = ((List<Map<String, Object>>) json.get("branches")).get(0);
    List<Map<String, Object>> vs = (List<Map<String, Object>>) branch.get("variants");
    List<String> cryptos = sweep.cryptos();
    // A sentence reads a CI as the layout prints it: a bound of 0.00003 prints 0.0000 and touches 0.
    int decimals = sweep.layout().equals("gate-decision") ? 3 : 4;
    vs.forEach(v -> {
      asPrinted(v, decimals);
      asPrinted(corrected(v), decimals);
    });

    for (String bad : List.of("NaN", "Infinity", "[n/a", "d = n/a", "d ∈ [,")) {
      assertFalse(dossier.contains(bad), "the dossier prints " + bad);
    }
    List<String> locked = vs.stream().filter(v -> v.get("verdict").equals("LOCK")).map(SentencesAgreeWithStatsTest::name)
        .toList();
    assertEquals(locked.isEmpty() ? "ABANDON" : "LOCK", json.get("verdict"));
    int below = (int) vs.stream().filter(v -> ciHigh(v) != null && ciHigh(v) < 0).count();
    int above = (int) vs.stream().filter(v -> ciLow(v) != null && ciLow(v) > 0).count();
    int undefined = (int) vs.stream().filter(v -> v.get("ci_low") == null).count();
    int n = vs.size();

    // Section 3: where the CIs lie.
    String paired = block(dossier, "paired");
    if (paired.contains("CI95 excludes 0 in the wrong direction")) {
      assertEquals(n, below, "'wrong direction' for every variant");
    } else if (paired.contains("CI95 excludes 0 in the right direction")) {
      assertEquals(n, above, "'right direction' for every variant");
    } else {
      Matcher m = Pattern.compile("CI95 below 0: (\\d+) of (\\d+) ; above 0: (\\d+) of \\d+ ; including 0: (\\d+) of \\d+"
          + "(?: ; undefined: (\\d+) of \\d+)?\\.").matcher(paired);
      assertTrue(m.find(), paired);
      assertEquals(List.of(below, n, above, n - below - above - undefined, undefined), List.of(
          Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)), m.group(5) == null ? 0 : Integer.parseInt(m.group(5))));
    }

    checkRobustness(paired, vs, n);

    // Section 4's tally: each variant's fails and ⚠ as the gates have them.
    String gates = block(dossier, "gates");
    for (Map<String, Object> v : vs) {
      int failed = statuses(v, "FAIL").size();
      int warned = statuses(v, "WARN").size();
      String tally = failed == 0 && warned == 0 ? "PASS on all" : (failed > 0 ? "FAIL on " + failed : "")
          + (failed > 0 && warned > 0 ? ", " : "") + (warned > 0 ? "⚠ on " + warned : "");
      assertTrue(gates.contains("`" + name(v) + "` " + tally) || gates.contains("Verdict per variant : " + tally),
          name(v) + ": " + tally + " in " + gates);
    }

    // Section 2 (results layout): who has the highest mean per crypto, as printed.
    if (sweep.layout().equals("results")) {
      checkWinners(block(dossier, "means"), (List<Map<String, Object>>) branch.get("sweep"), sweep);
    }

    if (sweep.layout().equals("gate-decision")) {
      String verdict = block(dossier, "meta-verdict");
      if (locked.isEmpty()) {
        assertTrue(verdict.startsWith("ABANDON "), verdict);
        assertEquals(verdict.contains("regress"), below == n, verdict);
        assertEquals(verdict.contains(" lift"), above == n, verdict);
      } else {
        assertEquals(locked.size() == 1 ? "LOCK " + locked.get(0) : "LOCK " + orList(leaders(vs)) + " — "
            + (leaders(vs).size() == 1 ? "the" : "tied for the") + " highest mean Δf1_buy (" + leadDelta(vs)
            + ") of the " + locked.size() + " variants that pass every gate", verdict);
      }
      return locked.isEmpty() ? kind(n, below, above) : locked.size() == 1 ? "lock" : "several lock";
    }

    String tldr = block(dossier, "tldr");
    assertFalse(tldr.contains("n/a"), tldr);
    if (!locked.isEmpty()) {
      // Several variants lock: the TL;DR leads with those of the highest mean Δ as printed.
      assertTrue(locked.size() == 1 ? tldr.startsWith("**LOCK** " + codes(locked) + ": every gate")
          : tldr.startsWith("**LOCK** " + orList(leaders(vs).stream().map(l -> "`" + l + "`").toList()) + ": ")
              && tldr.contains(" the highest mean Δf1_buy (" + leadDelta(vs)), tldr);
    } else {
      assertTrue(tldr.startsWith("**ABANDON** "), tldr);
      assertTrue(tldr.contains("`" + sweep.baseline() + "` stays as the production champion"), tldr);
    }
    assertEquals(tldr.contains("rejected") || tldr.contains("falls:") || tldr.contains("is not confirmed"),
        locked.isEmpty() && below == n, tldr);
    // The strength of the evidence is that of the fold-corrected test.
    if (tldr.contains("rejected")) {
      assertEquals(n, correctedBeyond(vs, -1), "'rejected' with a corrected CI95 reaching 0: " + tldr);
    }
    if (tldr.contains("is not confirmed") || tldr.contains("finds naive support only")) {
      assertTrue(correctedBeyond(vs, tldr.contains("is not confirmed") ? -1 : 1) < n, tldr);
    }
    if (tldr.contains("\" holds for")) {
      assertEquals(n, correctedBeyond(vs, 1), tldr);
    }
    for (String v : locked) {
      Map<String, Object> x = vs.stream().filter(y -> name(y).equals(v)).findFirst().orElseThrow();
      assertTrue(round((Double) corrected(x).get("ci_low_family"), 4).signum() > 0, v + " locks on the naive test only");
    }
    assertEquals(tldr.contains("lies above 0"), locked.isEmpty() && above == n, tldr);
    assertEquals(tldr.contains("excludes 0:") || tldr.contains("CI95 includes 0:"),
        locked.isEmpty() && below == 0 && above == 0 && undefined < n, tldr);
    Matcher rejectedBy = Pattern.compile("rejected by (\\d+)/(\\d+) cryptos").matcher(tldr);
    if (rejectedBy.find()) {
      assertEquals(List.of(cryptosWhereAll(vs, cryptos, -1), cryptos.size()),
          List.of(Integer.parseInt(rejectedBy.group(1)), Integer.parseInt(rejectedBy.group(2))), tldr);
    }
    Matcher belowOn = Pattern.compile("below `[^`]+` on (\\d+)/(\\d+) cryptos").matcher(tldr);
    if (belowOn.find()) {
      assertEquals(cryptosWhereAll(vs, cryptos, -1), Integer.parseInt(belowOn.group(1)), tldr);
    }
    if (tldr.contains("up on all " + cryptos.size() + " cryptos")) {
      assertEquals(cryptos.size(), cryptosWhereAll(vs, cryptos, 1), tldr);
    }
    checkDRange(tldr, vs);
    checkVariantClauses(tldr, vs, cryptos);
    return locked.isEmpty() ? kind(n, below, above) : locked.size() == 1 ? "lock" : "several lock";
  }

  /**
   * The Robustness sentences: "beyond noise" and "every p ≤ X" after the correction hold for every
   * variant's corrected test; "cannot be told from noise" names exactly the variants whose corrected
   * CI95 includes 0 or is undefined; the MDE80 range is that of the variants.
   */
  @SuppressWarnings("unchecked")
  private static void checkRobustness(String paired, List<Map<String, Object>> vs, int n) {
    if (paired.contains("beyond noise")) {
      assertEquals(n, correctedBeyond(vs, -1), paired);
    }
    Matcher strength = Pattern.compile("corrected for the folds' correlation, (?:every p ≤|p =) ([0-9.e+-]+)[:.]")
        .matcher(paired);
    if (strength.find()) {
      double max = vs.stream().mapToDouble(v -> (Double) corrected(v).get("p")).max().orElseThrow();
      assertEquals(String.format(java.util.Locale.ROOT, "%.2e", max), strength.group(1), paired);
      assertTrue(correctedBeyond(vs, -1) == n || correctedBeyond(vs, 1) == n, paired);
    }
    Matcher noise = Pattern.compile("corrected for the folds' correlation, (.*?) cannot be told from noise").matcher(paired);
    if (noise.find()) {
      List<String> named = new ArrayList<>();
      Matcher code = Pattern.compile("`([^`]+)`").matcher(noise.group(1));
      while (code.find()) {
        named.add(code.group(1));
      }
      List<String> weak = vs.stream().filter(v -> corrected(v).get("ci_low") == null
          || ((Double) corrected(v).get("ci_low") <= 0 && (Double) corrected(v).get("ci_high") >= 0))
          .map(SentencesAgreeWithStatsTest::name).toList();
      assertEquals(weak, named, paired);
    }
    List<Double> mde = vs.stream().map(v -> (Double) ((Map<String, Object>) v.get("power")).get("mde80"))
        .filter(java.util.Objects::nonNull).toList();
    Matcher detect = Pattern.compile("could detect a lift of ([0-9.]+)(?: to ([0-9.]+))? with 80 % power").matcher(paired);
    if (detect.find()) {
      double lo = mde.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double hi = mde.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      assertEquals(round(lo, 4).toPlainString(), detect.group(1), paired);
      assertEquals(round(hi, 4).toPlainString(), detect.group(2) == null ? detect.group(1) : detect.group(2), paired);
      assertTrue(round(hi, 4).compareTo(new BigDecimal("0.015")) > 0, paired);
    } else if (paired.contains("can detect the gate's lift")) {
      assertTrue(mde.stream().allMatch(m -> round(m, 4).compareTo(new BigDecimal("0.015")) <= 0), paired);
    } else {
      assertTrue(mde.isEmpty(), "no power sentence: " + paired);
    }
  }

  /** Variants whose fold-corrected CI95 lies wholly below 0 (direction −1) or above it (1). */
  private static int correctedBeyond(List<Map<String, Object>> vs, int direction) {
    return (int) vs.stream().filter(v -> corrected(v).get("ci_low") != null && (direction < 0
        ? (Double) corrected(v).get("ci_high") < 0 : (Double) corrected(v).get("ci_low") > 0)).count();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> corrected(Map<String, Object> v) {
    return (Map<String, Object>) v.get("corrected");
  }

  private static String kind(int n, int below, int above) {
    return below == n ? "below" : above == n ? "above" : below == 0 && above == 0 ? "none" : "mixed";
  }

  /**
   * "Cohen's d ∈ [a, b]": a and b bound the defined d's, each within 0.1 of its end; "Cohen's d =
   * a" when the two ends print alike, or when a is the one defined d, as printed.
   */
  private static void checkDRange(String tldr, List<Map<String, Object>> vs) {
    Matcher m = Pattern.compile("Cohen's d (?:∈ \\[(-?[0-9.]+), (-?[0-9.]+)\\]|= (-?[0-9.]+))").matcher(tldr);
    if (!m.find()) {
      return;
    }
    double[] ds = vs.stream().filter(v -> v.get("cohens_d") != null).mapToDouble(v -> (Double) v.get("cohens_d"))
        .toArray();
    assertTrue(ds.length > 0, "a d range without a defined d: " + tldr);
    double lo = java.util.Arrays.stream(ds).min().getAsDouble();
    double hi = java.util.Arrays.stream(ds).max().getAsDouble();
    if (ds.length == 1) {
      // One d is its own figure, as the paired table prints it (3 decimals in the results layout).
      assertTrue(m.group(3) != null && Math.abs(Double.parseDouble(m.group(3)) - ds[0]) <= 0.0005 + 1e-9,
          m.group() + " for the one d " + ds[0]);
      return;
    }
    double a = Double.parseDouble(m.group(1) != null ? m.group(1) : m.group(3));
    double b = Double.parseDouble(m.group(2) != null ? m.group(2) : m.group(3));
    assertTrue(a <= lo + 1e-9 && lo - a < 0.1 + 1e-9 && b >= hi - 1e-9 && b - hi < 0.1 + 1e-9,
        "[" + a + ", " + b + "] for d from " + lo + " to " + hi);
  }

  /**
   * Each variant's own clauses: "`x` fails gates 2 (…) and 5 (…)", "`x` (d = +0.52, up on 3/3
   * cryptos)", and the side of 0 it is named under.
   */
  private static void checkVariantClauses(String tldr, List<Map<String, Object>> vs, List<String> cryptos) {
    for (Map<String, Object> v : vs) {
      String name = name(v);
      Matcher fails = Pattern.compile("`" + Pattern.quote(name) + "` (fails gates? ([^;.]*?))?(, and )?"
          + "(is ⚠ on gates? ([^;.]*))?(;|\\.)").matcher(tldr);
      if (fails.find() && (fails.group(1) != null || fails.group(4) != null)) {
        assertEquals(statuses(v, "FAIL"), numbers(fails.group(2)), name + ": " + tldr);
        assertEquals(statuses(v, "WARN"), numbers(fails.group(5)), name + ": " + tldr);
      } else if (!v.get("verdict").equals("LOCK") && tldr.contains("passes every gate:")) {
        fail(name + " is not among the variants that do not lock: " + tldr);
      }
      Matcher detail = Pattern.compile("`" + Pattern.quote(name) + "` \\(d = ([-+][0-9.]+)(?:, (up|down) on (\\d+)/(\\d+)"
          + " cryptos)?\\)").matcher(tldr);
      if (detail.find()) {
        assertEquals(signed2((Double) v.get("cohens_d")), detail.group(1), name + ": " + tldr);
        if (detail.group(2) != null) {
          int moved = detail.group(2).equals("up") ? ((Double) v.get("improved_cryptos")).intValue()
              : (int) cryptos.stream().filter(c -> sign(v, c) < 0).count();
          assertEquals(moved, Integer.parseInt(detail.group(3)), name + ": " + tldr);
          assertEquals(cryptos.size(), Integer.parseInt(detail.group(4)), tldr);
        }
      }
      for (String side : List.of("above", "below", "including")) {
        Matcher group = Pattern.compile("CI95 " + side + " 0 for ([^;.]*)").matcher(tldr);
        if (group.find() && group.group(1).contains("`" + name + "`")) {
          boolean ok = switch (side) {
            case "above" -> ciLow(v) != null && ciLow(v) > 0;
            case "below" -> ciHigh(v) != null && ciHigh(v) < 0;
            default -> ciLow(v) != null && ciLow(v) <= 0 && ciHigh(v) >= 0;
          };
          assertTrue(ok, name + " named under 'CI95 " + side + " 0' with CI [" + ciLow(v) + ", " + ciHigh(v) + "]");
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void checkWinners(String means, List<Map<String, Object>> sweep, SweepProject project) {
    String baseline = project.baseline();
    boolean baselineAlone = true;
    List<String> expected = new ArrayList<>();
    for (String crypto : project.cryptos()) {
      BigDecimal best = null;
      List<String> winners = new ArrayList<>();
      for (Map<String, Object> v : sweep) {
        Map<String, Object> row = ((List<Map<String, Object>>) v.get("per_crypto")).stream()
            .filter(r -> r.get("crypto").equals(crypto)).findFirst().orElseThrow();
        Object mean = ((Map<String, Object>) row.get("mean")).get("f1_buy");
        if (mean == null) {
          continue;
        }
        BigDecimal printed = round((Double) mean, 4);
        int order = best == null ? 1 : printed.compareTo(best);
        if (order > 0) {
          best = printed;
          winners.clear();
        }
        if (order >= 0) {
          winners.add((String) v.get("variant"));
        }
      }
      baselineAlone &= winners.equals(List.of(baseline));
      expected.add(crypto + " " + String.join(" and ", winners.stream().map(w -> "`" + w + "`").toList())
          + (winners.size() > 1 ? " (tied)" : ""));
    }
    if (baselineAlone) {
      assertTrue(means.contains("`" + baseline + "` has the highest f1_buy on every crypto"), means);
    } else {
      assertTrue(means.contains("Highest f1_buy per crypto: " + String.join(", ", expected) + "."),
          expected + " in " + means);
    }
  }

  /** Cryptos on which every variant's mean Δ prints above 0 (direction 1) or below 0 (−1). */
  private static int cryptosWhereAll(List<Map<String, Object>> vs, List<String> cryptos, int direction) {
    return (int) cryptos.stream().filter(c -> vs.stream().allMatch(v -> sign(v, c) == direction)).count();
  }

  @SuppressWarnings("unchecked")
  private static int sign(Map<String, Object> v, String crypto) {
    Object delta = ((Map<String, Object>) v.get("per_crypto_delta")).get(crypto);
    return delta == null ? 0 : round((Double) delta, 4).signum();
  }

  /** The locking variants whose mean Δ, as printed (4 decimals), is the highest. */
  private static List<String> leaders(List<Map<String, Object>> vs) {
    List<Map<String, Object>> locked = vs.stream().filter(v -> v.get("verdict").equals("LOCK")).toList();
    BigDecimal top = locked.stream().map(v -> round((Double) v.get("mean_delta"), 4)).max(BigDecimal::compareTo)
        .orElseThrow();
    return locked.stream().filter(v -> round((Double) v.get("mean_delta"), 4).compareTo(top) == 0)
        .map(SentencesAgreeWithStatsTest::name).toList();
  }

  private static String leadDelta(List<Map<String, Object>> vs) {
    return vs.stream().filter(v -> name(v).equals(leaders(vs).get(0))).map(v -> round((Double) v.get("mean_delta"), 4)
        .toPlainString()).findFirst().orElseThrow();
  }

  /** "a", "a or b", "a, b or c" */
  private static String orList(List<String> items) {
    return items.size() == 1 ? items.get(0)
        : String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
  }

  private static BigDecimal round(double x, int decimals) {
    return new BigDecimal(Double.toString(x)).setScale(decimals, RoundingMode.HALF_UP);
  }

  private static String signed2(double d) {
    BigDecimal r = round(d, 2);
    return (r.signum() >= 0 ? "+" : "") + r.toPlainString();
  }

  @SuppressWarnings("unchecked")
  private static Set<Integer> statuses(Map<String, Object> v, String status) {
    Set<Integer> out = new TreeSet<>();
    for (Map<String, Object> g : (List<Map<String, Object>>) v.get("gates")) {
      if (g.get("status").equals(status)) {
        out.add(((Double) g.get("number")).intValue());
      }
    }
    return out;
  }

  /** The gate numbers of "2 (Joint metric) and 5 (Sample size)". */
  private static Set<Integer> numbers(String list) {
    Set<Integer> out = new TreeSet<>();
    if (list != null) {
      Matcher m = Pattern.compile("(\\d+) \\(").matcher(list);
      while (m.find()) {
        out.add(Integer.parseInt(m.group(1)));
      }
    }
    return out;
  }

  /** The CI bounds of {@code m} rounded half up to {@code decimals}, as the dossier prints them. */
  private static void asPrinted(Map<String, Object> m, int decimals) {
    for (String key : List.of("ci_low", "ci_high")) {
      if (m.get(key) != null) {
        m.put(key, round((Double) m.get(key), decimals).doubleValue());
      }
    }
  }

  private static Double ciLow(Map<String, Object> v) {
    return (Double) v.get("ci_low");
  }

  private static Double ciHigh(Map<String, Object> v) {
    return (Double) v.get("ci_high");
  }

  private static String name(Map<String, Object> v) {
    return (String) v.get("variant");
  }

  private static String codes(List<String> names) {
    return String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
  }

  private static String block(String dossier, String name) {
    String begin = "<!-- dossier:begin " + name + " -->";
    int from = dossier.indexOf(begin);
    assertTrue(from >= 0, "no block " + name);
    int to = dossier.indexOf("<!-- dossier:end " + name + " ", from);
    return dossier.substring(from + begin.length(), to).strip();
  }
}
