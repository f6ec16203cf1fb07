package dossier.render;

import static dossier.testing.SweepRows.plus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.gates.TrackAnalysis;
import dossier.source.Metric;
import dossier.testing.SweepRows;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, defect 5, in {@code dossier stats}: d, p and the CI of deltas without spread are null
 * in the JSON with the reason, "n/a" in the text table (never NaN, Infinity or 1.57e15), and the
 * undefined p still counts in BH's m.
 */
class StatsReportTest {
  private static final List<String> FIVE = List.of("AAA", "BBB", "CCC", "DDD", "EEE");
  private static final String[] BASE = {"0.5217", "0.3037", "0.4561", "0.5811", "0.3887", "0.4728", "0.5973",
      "0.3118", "0.5161", "0.3908"};
  private static final String[] DELTA = {"0.010", "0.020", "0.012", "0.018", "0.014", "0.016", "0.011", "0.019",
      "0.013", "0.017"};

  /** {@code a} lifts f1 by 0.010 … 0.020; {@code z} is the baseline again, and {@code k} the baseline + 0.03. */
  private static TrackAnalysis analysis() {
    SweepRows s = new SweepRows();
    for (int i = 0; i < 10; i++) {
      String crypto = FIVE.get(i / 2);
      int fold = i % 2 + 1;
      s.add("none", crypto, fold, Double.parseDouble(BASE[i]));
      s.add("a", crypto, fold, plus(BASE[i], DELTA[i]));
      s.add("k", crypto, fold, plus(BASE[i], "0.03"));
      s.add("z", crypto, fold, Double.parseDouble(BASE[i]));
    }
    return TrackAnalysis.adhoc(s.rows(), "rows.csv", "none", Metric.F1_BUY, Optional.empty(), Optional.empty(),
        SweepRows.BOOT);
  }

  /** The JSON object of one variant, from its name to the next variant's. */
  private static String variant(String json, String name) {
    Matcher m = Pattern.compile("\"variant\": \"" + name + "\",\\s*\"n_pairs\"").matcher(json);
    assertTrue(m.find(), name);
    int from = m.start();
    int to = json.indexOf("\"verdict\":", from);
    return json.substring(from, to);
  }

  private static double number(String object, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.Ee]+)").matcher(object);
    assertTrue(m.find(), key + " in " + object);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void statisticsOfDeltasWithoutSpreadAreNullWithTheirReason() {
    String json = StatsReport.json("t", "rows.csv", analysis());
    for (String name : List.of("k", "z")) {
      String v = variant(json, name);
      for (String key : List.of("ci_low", "ci_high", "cohens_d", "p_raw", "p_bh")) {
        assertTrue(v.contains("\"" + key + "\": null,"), name + " " + key + ": " + v);
      }
      assertTrue(v.contains("\"undefined\": \"the deltas of f1_buy are all equal (spread 0), so d, p and the CI are"
          + " undefined\","), v);
    }
    assertTrue(variant(json, "a").contains("\"undefined\": null,"));
  }

  @Test
  void anUndefinedPCountsInBhsMAsOne() {
    String a = variant(StatsReport.json("t", "rows.csv", analysis()), "a");
    // python3 -c "import scipy.stats as s; b=[0.5217,0.3037,0.4561,0.5811,0.3887,0.4728,0.5973,0.3118,0.5161,0.3908];
    //   from decimal import Decimal as D; d=['0.010','0.020','0.012','0.018','0.014','0.016','0.011','0.019','0.013','0.017'];
    //   a=[float(D(str(x))+D(y)) for x,y in zip(b,d)]; p=s.ttest_rel(a,b).pvalue; print(repr(p));
    //   print([repr(float(x)) for x in s.false_discovery_control([p,1.0,1.0])])"
    // -> 2.6877840670608957e-07, ['8.063352201182688e-07', '1.0', '1.0']
    assertEquals(2.6877840670608957e-07, number(a, "p_raw"), 1e-12 * 2.69e-07);
    assertEquals(8.063352201182688e-07, number(a, "p_bh"), 1e-12 * 8.07e-07);
  }

  @Test
  void theTextTableSaysNaWhereAStatisticIsUndefined() {
    String text = StatsReport.text("t", "rows.csv", analysis());
    String z = text.lines().filter(l -> l.startsWith("z ")).findFirst().orElseThrow();
    assertEquals("z                      10    0.0000       n/a       n/a      n/a        n/a        n/a  WPPFPW → ABANDON", z);
    assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
  }
}
