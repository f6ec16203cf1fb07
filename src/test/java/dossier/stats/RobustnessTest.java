package dossier.stats;

import static dossier.stats.DescriptiveTest.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.gates.BranchAnalysis;
import dossier.gates.TrackAnalysis;
import dossier.source.SnapshotReader;
import dossier.spec.SpecLoader;
import dossier.spec.TrackSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The fold-corrected figures ({@link Robustness}, {@link NoncentralT}, {@link SignTest}) against
 * SciPy 1.17, to 1e-9 relative. Every expected value was printed by the command in the comment
 * above it, run from the repository root: {@code src/test/python/robustness_reference.py} computes
 * them with {@code scipy.stats.t}, {@code scipy.stats.nct}, {@code scipy.optimize.brentq} and
 * {@code scipy.stats.binomtest}, without project code. Expected arrays are in the order se, df, t,
 * p, ci_low, ci_high, ci_low_family, ci_high_family, p_better, p_rope, p_worse, power, mde80.
 */
class RobustnessTest {
  private static final double REL = 1e-9;
  private static final Path REPO = Path.of("").toAbsolutePath();

  private static void assertFigures(double[] expected, Robustness.Result result) {
    assertTrue(result.figures().isPresent(), () -> "undefined: " + result.undefined());
    Robustness r = result.figures().get();
    double[] actual = {r.se(), r.df(), r.t(), r.p(), r.ciLow(), r.ciHigh(), r.ciLowFamily(), r.ciHighFamily(),
        r.pBetter(), r.pRope(), r.pWorse(), r.power(), r.mde80()};
    String[] names = {"se", "df", "t", "p", "ci_low", "ci_high", "ci_low_family", "ci_high_family", "p_better",
        "p_rope", "p_worse", "power", "mde80"};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], REL * Math.abs(expected[i]), names[i]);
    }
  }

  /** Each variant of one branch of a sample track, as the whole analysis computes it. */
  private static void assertTrack(String track, String factor, String runs, Map<String, double[]> expected) {
    TrackSpec spec = new SpecLoader(REPO).load(track);
    TrackAnalysis a = TrackAnalysis.of(spec, SnapshotReader.read(spec.snapshot().orElseThrow()), track);
    BranchAnalysis b = a.analysed().stream()
        .filter(x -> x.stats().sweep().factor().equals(factor) && x.stats().sweep().runIds().equals(List.of(runs)))
        .findFirst().orElseThrow();
    Map<String, Robustness.Result> actual = new TreeMap<>();
    b.stats().comparisons().forEach(c -> actual.put(c.variant(), c.corrected()));
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((v, e) -> assertFigures(e, actual.get(v)));
  }

  @Test
  void track6() {
    // python3 src/test/python/robustness_reference.py csv dossiers/data/track6-focal-loss.csv ftf_20260429_121011_282ec7_ATR0.5_1.5_H4 focal_loss none 0.015
    assertTrack("track6", "focal_loss", "ftf_20260429_121011_282ec7_ATR0.5_1.5_H4", Map.of(
        "aggressive_focus", new double[] {0.016085745908567626, 20.0, -4.947237165894429, 7.760069807009895e-05, -0.11313427798727851, -0.0460257220127215, -0.12372534097399802, -0.035434659026002, 4.7199601852074464e-06, 0.0003351288769346539, 0.9996601511628801, 0.14413508065443117, 0.04738002919267627},
        "class_balanced", new double[] {0.022406750764646807, 20.0, -3.8175994769828177, 0.0010773552551510699, -0.13227966306704972, -0.03880033693295029, -0.14703255733909604, -0.02404744266090398, 0.00011273885715364291, 0.002417258653151899, 0.9974700024896944, 0.09775070089445903, 0.0659983386145953},
        "mild_focus", new double[] {0.013356512153253184, 20.0, -5.2199256213021625, 4.154285851677211e-05, -0.09758119613464844, -0.04185880386535157, -0.10637529634623044, -0.03306470365376956, 1.7185865814386162e-06, 0.00027873370364961403, 0.9997195477097689, 0.18788171515806595, 0.03934116200333681},
        "standard", new double[] {0.018426, 20.0, -4.702051449039401, 0.00013676899675611846, -0.12507596247932085, -0.04820403752067917, -0.13720787900358672, -0.03607212099641331, 1.061925153836806e-05, 0.0004464173418758932, 0.9995429634065858, 0.12123753355525717, 0.05427316972844018}));
  }

  @Test
  void track5LabelSmoothing() {
    // python3 src/test/python/robustness_reference.py csv dossiers/data/track5-label-smoothing.csv ftf_20260428_181144_3163de label_smoothing none 0.015
    assertTrack("track5", "label_smoothing", "ftf_20260428_181144_3163de", Map.of(
        "aggressive", new double[] {0.012723693572111835, 20.0, -5.787627592777486, 1.1576040008199376e-05, -0.10018115970563693, -0.047098840294363065, -0.10447099234286514, -0.04280900765713486, 4.606972995826315e-07, 8.447158675894961e-05, 0.9999150677159415, 0.20228661972544176, 0.03747721593465152},
        "mild", new double[] {0.016056464819504946, 20.0, -3.7941103901025635, 0.001138055700399935, -0.09441319870579762, -0.02742680129420237, -0.0998266854760379, -0.02201331452396208, 6.434472165605127e-05, 0.004776357660337904, 0.995159297618006, 0.14448795651995863, 0.047293782719403044}));
  }

  @Test
  void track5CleanlabRerunWithAFailedFold() {
    // UNIUSDC has 4 pairs (fold 3 failed): df = 19.
    // python3 src/test/python/robustness_reference.py csv dossiers/data/track5-label-smoothing.csv ftf_20260429_163445_5a99ff_ATR0.5_1.5_H4 cleanlab off 0.015
    assertTrack("track5", "cleanlab", "ftf_20260429_163445_5a99ff_ATR0.5_1.5_H4", Map.of(
        "filter", new double[] {0.018686759230866455, 19.0, -4.339971366786837, 0.0003527576528884493, -0.12021183656914004, -0.041988163430859995, -0.12657311133267285, -0.035626888667327196, 2.893201872269488e-05, 0.0010715762452915278, 0.9988994917359858, 0.11885120320438552, 0.05519292933023867},
        "reweight", new double[] {0.01645858708030702, 19.0, -4.629802037574331, 0.00018271867099505656, -0.11064821866065644, -0.04175178133934357, -0.11625098762363566, -0.03614901237636435, 1.2043775634007994e-05, 0.0007165721503875622, 0.9992713840739784, 0.13933377868671268, 0.04861183377899415}));
  }

  @Test
  void unequalCryptos1() {
    // n_c = [3, 5, 2, 4], r = 0.25, g = 0.015, m = 4
    // python3 src/test/python/robustness_reference.py groups '[[0.0541, 0.0127, 0.0107], [0.0584, 0.0323, 0.0014, 0.0091, 0.0233], [0.03, 0.0231], [0.022, 0.0041, 0.0187, 0.0239]]' 0.25 0.015 4
    // -> {"mean": 0.023128571428571425, "se": 0.006940111125333138, "df": 10, "t": 3.332593817431304, "p": 0.007584618331142644, "ci_low": 0.007665040193114472, "ci_high": 0.03859210266402838, "ci_low_family": 0.0020428250639183167, "ci_high_family": 0.04421431779322453, "p_better": 0.8656741019284451, "p_rope": 0.13419388668451426, "p_worse": 0.00013201138704073003, "power": 0.4971548747605334, "mde80": 0.02158352422119003}
    assertFigures(new double[] {0.006940111125333138, 10.0, 3.332593817431304, 0.007584618331142644, 0.007665040193114472, 0.03859210266402838, 0.0020428250639183167, 0.04421431779322453, 0.8656741019284451, 0.13419388668451426, 0.00013201138704073003, 0.4971548747605334, 0.02158352422119003}, Robustness.of(List.of(new double[] {0.0541, 0.0127, 0.0107}, new double[] {0.0584, 0.0323, 0.0014, 0.0091, 0.0233}, new double[] {0.03, 0.0231}, new double[] {0.022, 0.0041, 0.0187, 0.0239}), 0.5, 0.25, 0.015, 4));
  }

  @Test
  void unequalCryptos2() {
    // n_c = [2, 7, 3], r = 0.5, g = 0.02, m = 2
    // python3 src/test/python/robustness_reference.py groups '[[0.0199, 0.0399], [0.0117, -0.002, -0.0157, -0.0056, 0.0125, -0.0115, 0.015], [0.0517, 0.0517, -0.005]]' 0.5 0.02 2
    // -> {"mean": 0.013550000000000001, "se": 0.009759953964486149, "df": 9, "t": 1.3883262205236635, "p": 0.19843667286173997, "ci_low": -0.00852854976934308, "ci_high": 0.035628549769343085, "ci_low_family": -0.012655582259074575, "ci_high_family": 0.03975558225907458, "p_better": 0.26262656390011924, "p_rope": 0.7336636490756876, "p_worse": 0.003709787024193098, "power": 0.44850796189275977, "mde80": 0.03074027197678966}
    assertFigures(new double[] {0.009759953964486149, 9.0, 1.3883262205236635, 0.19843667286173997, -0.00852854976934308, 0.035628549769343085, -0.012655582259074575, 0.03975558225907458, 0.26262656390011924, 0.7336636490756876, 0.003709787024193098, 0.44850796189275977, 0.03074027197678966}, Robustness.of(List.of(new double[] {0.0199, 0.0399}, new double[] {0.0117, -0.002, -0.0157, -0.0056, 0.0125, -0.0115, 0.015}, new double[] {0.0517, 0.0517, -0.005}), 0.5, 0.5, 0.02, 2));
  }

  @Test
  void unequalCryptos3() {
    // n_c = [6, 6, 2, 3, 5], r = 0.1, g = 0.015, m = 12
    // python3 src/test/python/robustness_reference.py groups '[[-0.019, 0.0129, -0.0042, -0.0012, 0.0034, -0.0172], [-0.0221, 0.0328, -0.017, -0.0077, -0.0426, -0.037], [-0.0015, -0.002], [-0.0187, 0.0302, -0.0263], [-0.0078, -0.0369, -0.0121, 0.0017, -0.0187]]' 0.1 0.015 12
    // -> {"mean": -0.009590909090909091, "se": 0.005309317943464432, "df": 17, "t": -1.8064296003811817, "p": 0.08858586298948294, "ci_low": -0.020792590795700297, "ci_high": 0.001610772613882117, "ci_low_family": -0.027148812740452614, "ci_high_family": 0.007966994558634432, "p_better": 0.00011921853134550028, "p_rope": 0.8385895420781745, "p_worse": 0.16129123939047998, "power": 0.7589307545322034, "mde80": 0.01578414454159143}
    assertFigures(new double[] {0.005309317943464432, 17.0, -1.8064296003811817, 0.08858586298948294, -0.020792590795700297, 0.001610772613882117, -0.027148812740452614, 0.007966994558634432, 0.00011921853134550028, 0.8385895420781745, 0.16129123939047998, 0.7589307545322034, 0.01578414454159143}, Robustness.of(List.of(new double[] {-0.019, 0.0129, -0.0042, -0.0012, 0.0034, -0.0172}, new double[] {-0.0221, 0.0328, -0.017, -0.0077, -0.0426, -0.037}, new double[] {-0.0015, -0.002}, new double[] {-0.0187, 0.0302, -0.0263}, new double[] {-0.0078, -0.0369, -0.0121, 0.0017, -0.0187}), 0.5, 0.1, 0.015, 12));
  }

  @Test
  void unequalCryptos4() {
    // n_c = [4, 2], r = 0.25, g = 0.015, m = 1
    // python3 src/test/python/robustness_reference.py groups '[[0.0358, 0.0218, -0.0272, 0.0111], [-0.0013, 0.0199]]' 0.25 0.015 1
    // -> {"mean": 0.010016666666666667, "se": 0.013449982789469917, "df": 4, "t": 0.744734534122139, "p": 0.49780769112327017, "ci_low": -0.02732647221415166, "ci_high": 0.04735980554748499, "ci_low_family": -0.02732647221415166, "ci_high_family": 0.04735980554748499, "p_better": 0.36489479590936386, "p_rope": 0.5669032092248095, "p_worse": 0.06820199486582665, "power": 0.1400610287157248, "mde80": 0.050586186269117955}
    assertFigures(new double[] {0.013449982789469917, 4.0, 0.744734534122139, 0.49780769112327017, -0.02732647221415166, 0.04735980554748499, -0.02732647221415166, 0.04735980554748499, 0.36489479590936386, 0.5669032092248095, 0.06820199486582665, 0.1400610287157248, 0.050586186269117955}, Robustness.of(List.of(new double[] {0.0358, 0.0218, -0.0272, 0.0111}, new double[] {-0.0013, 0.0199}), 0.5, 0.25, 0.015, 1));
  }

  @Test
  void aCryptoWithOnePairLeavesTheFiguresUndefined() {
    Robustness.Result r = Robustness.of(List.of(new double[] {0.01, 0.02}, new double[] {0.03}), 0.5, 0.25, 0.015, 2);
    assertEquals(Robustness.Undefined.ONE_PAIR_CRYPTO, r.undefined().orElseThrow());
    assertTrue(r.figures().isEmpty());
  }

  @Test
  void aVariantWithoutAnyPairIsNotSaidToHaveACryptoWithOnePair() {
    Robustness.Result r = Robustness.of(List.of(new double[0], new double[0]), 0.5, 0.25, 0.015, 2);
    assertEquals(Robustness.Undefined.NO_PAIRS, r.undefined().orElseThrow());
    assertEquals("there is no pair", r.undefined().orElseThrow().words());
    assertTrue(r.figures().isEmpty());
  }

  @Test
  void aCryptoWithoutPairsIsLeftOut() {
    Robustness.Result with = Robustness.of(List.of(new double[] {0.01, 0.02, 0.04}, new double[0]), 0.5, 0.25, 0.015, 2);
    Robustness.Result without = Robustness.of(List.of(new double[] {0.01, 0.02, 0.04}), 0.5, 0.25, 0.015, 2);
    assertEquals(without, with);
  }

  @Test
  void deltasEqualWithinEachCryptoLeaveTheFiguresUndefined() {
    // 0.63 - 0.60 and 0.53 - 0.50 differ by an ulp in binary: spread at the rounding level, not SE.
    Robustness.Result r = Robustness.of(List.of(new double[] {0.63 - 0.60, 0.53 - 0.50},
        new double[] {0.05, 0.05, 0.05}), 0.63, 0.25, 0.015, 2);
    assertEquals(Robustness.Undefined.NO_SPREAD, r.undefined().orElseThrow());
  }

  @Test
  void theDefaultRatioIsThatOfKFolds() {
    assertEquals(0.25, Robustness.Settings.DEFAULT.ratio(5));
    assertEquals(1.0 / 9, Robustness.Settings.DEFAULT.ratio(10));
    assertTrue(Double.isNaN(Robustness.Settings.DEFAULT.ratio(1)));
    assertEquals(0.2, new Robustness.Settings(0.2, 0.015).ratio(5));
  }

  /**
   * {df, ncp, t, cdf, sf}: python3 src/test/python/robustness_reference.py nct DF NCP T. Where t
   * and ncp have opposite signs the smaller tail is a difference of two sums: held to 1e-9
   * relative down to 1e-6 (observed ≤ 1e-10), as NoncentralT's comment says.
   */
  private static final double[][] NCT = {
{20.0, 0.0, 2.0859634472658644, 0.975, 0.025000000000000022},
      {20.0, 1.2, 2.0859634472658644, 0.793042484721577, 0.20695751527842296},
      {20.0, -1.2, -2.0859634472658644, 0.20695751527842296, 0.793042484721577},
      {20.0, 2.8, 2.0859634472658644, 0.24085348310392246, 0.7591465168960775},
      {20.0, 2.8, -2.0859634472658644, 1.7833040667496365e-06, 0.9999982166959333},
      {4.0, 0.5, 1.0, 0.6607605140256818, 0.33923948597431813},
      {4.0, -3.0, 0.5, 0.999691414714976, 0.0003085852850240058},
      {1.0, 2.0, 12.706, 0.8747745134480484, 0.12522548655195162},
      {1.0, 0.3, -0.8, 0.19948689522935886, 0.8005131047706411},
      {24.0, 6.0, 3.1, 0.003807408863928075, 0.9961925911360718},
      {100.0, 12.0, 11.0, 0.20830685138994742, 0.7916931486100526},
      {9.0, 0.01, 0.0, 0.4960106436853684, 0.5039893563146316},
      {10.0, 3.5, -1.0, 6.006832717001957e-06, 0.999993993167283},
      {30.0, -2.5, -4.2, 0.0710587733619319, 0.9289412266380681},
      {3.0, 10.0, 25.0, 0.9216863942527788, 0.07831360574722127},
  };

  @Test
  void noncentralTMatchesScipy() {
    for (double[] c : NCT) {
      NoncentralT t = NoncentralT.of(c[0], c[1]);
      assertRel(c[3], t.cdf(c[2]), REL);
      assertRel(c[4], t.survival(c[2]), REL);
    }
  }

  @Test
  void noncentralTWithNcpZeroIsStudentT() {
    for (double x : new double[] {-3, -0.5, 0, 0.7, 2.2, 9}) {
      double expected = org.apache.commons.statistics.distribution.TDistribution.of(7).cumulativeProbability(x);
      assertRel(expected, NoncentralT.of(7, 0).cdf(x), 1e-13);
    }
  }

  @Test
  void signTestMatchesBinomtest() {
    assertRel(0.1875, SignTest.oneSided(4, 5), REL); // python3 src/test/python/robustness_reference.py sign 4 5
    assertRel(0.03125, SignTest.oneSided(5, 5), REL); // python3 src/test/python/robustness_reference.py sign 5 5
    assertRel(1.0, SignTest.oneSided(0, 5), REL); // python3 src/test/python/robustness_reference.py sign 0 5
    assertRel(0.125, SignTest.oneSided(3, 3), REL); // python3 src/test/python/robustness_reference.py sign 3 3
    assertRel(0.5, SignTest.oneSided(2, 3), REL); // python3 src/test/python/robustness_reference.py sign 2 3
    assertRel(0.03515625, SignTest.oneSided(7, 8), REL); // python3 src/test/python/robustness_reference.py sign 7 8
    assertRel(0.5, SignTest.oneSided(1, 1), REL); // python3 src/test/python/robustness_reference.py sign 1 1
    assertTrue(Double.isNaN(SignTest.oneSided(0, 0)));
  }
}
