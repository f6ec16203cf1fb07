package dossier.model;

import dossier.format.Formats;
import dossier.gates.EvidenceFormat;
import dossier.gates.GateKind;
import dossier.gates.GatePlan;
import dossier.model.Figures.Bar;
import dossier.model.Figures.BarGroup;
import dossier.model.Figures.Bars;
import dossier.model.Figures.Forest;
import dossier.model.Figures.ForestRow;
import dossier.model.Figures.LegendItem;
import dossier.model.Figures.Tick;
import dossier.stats.BranchStats;
import dossier.stats.Comparison;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Lays out the figures of a branch: scales, ticks and positions, in SVG user units. */
final class FigureBuilder {
  private static final double WIDTH = 760;
  private static final double LEFT = 190; // room for variant names, anchored at their end
  private static final double RIGHT = 40;
  private static final double TOP = 56;
  private static final double ROW = 34;

  private FigureBuilder() {}

  /**
   * @param clearing the variants whose gate 1 passes: drawn as clearing the gate
   * @param format the layout's precision: a CI is drawn below 0 when its high bound prints below 0
   */
  static Forest forest(String file, BranchStats stats, GatePlan plan, String baseline, java.util.Set<String> clearing,
      EvidenceFormat format) {
    List<Comparison> cs = stats.comparisons();
    double threshold = plan.gates().stream().filter(g -> g.kind() == GateKind.F1_LIFT).findFirst()
        .map(g -> g.threshold("min_delta")).orElse(0.0);
    double lo = Math.min(0, threshold);
    double hi = Math.max(0, threshold);
    for (Comparison c : cs) {
      lo = min(lo, c.ciLow().orElse(c.meanDelta()), c.meanDelta());
      hi = max(hi, c.ciHigh().orElse(c.meanDelta()), c.meanDelta());
    }
    double step = niceStep((hi - lo) / 6);
    double from = Math.floor(lo / step) * step;
    double to = Math.ceil(hi / step) * step;
    double bottom = TOP + ROW * Math.max(1, cs.size());
    Scale x = new Scale(from, to, LEFT, WIDTH - RIGHT);
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; from + i * step <= to + step / 1e6; i++) {
      double v = from + i * step;
      ticks.add(new Tick(x.at(v), decimals(v, step)));
    }
    List<ForestRow> rows = new ArrayList<>();
    for (int i = 0; i < cs.size(); i++) {
      Comparison c = cs.get(i);
      String kind = Sides.below(c, format) ? "wrong" : clearing.contains(c.variant()) ? "pass" : "neutral";
      // An undefined CI is drawn as no interval, at the mean.
      rows.add(new ForestRow(c.variant(), u(TOP + ROW * i + ROW / 2), x.atOrEdge(c.ciLow().orElse(c.meanDelta())),
          x.atOrEdge(c.ciHigh().orElse(c.meanDelta())),
          x.atOrEdge(c.meanDelta()), kind, Formats.f4(c.meanDelta())));
    }
    String metric = stats.primary().column();
    List<LegendItem> legend = List.of(
        new LegendItem(u(LEFT), u(bottom + 48), "wrong", "CI95 below 0: worse than " + baseline),
        new LegendItem(u(LEFT + 230), u(bottom + 48), "neutral", "CI95 includes 0 or below the gate"),
        new LegendItem(u(LEFT + 460), u(bottom + 48), "pass", "clears the gate"));
    return new Forest(file,
        String.format(Locale.ROOT, "Paired Δ%s vs %s: mean and CI95 per variant", metric, baseline),
        u(WIDTH), u(bottom + 66), u(LEFT), u(WIDTH - RIGHT), u(TOP), u(bottom), x.at(0), x.at(threshold),
        "gate " + Formats.plainSigned(threshold), (int) rows.stream().filter(r -> r.kind().equals("pass")).count(),
        ticks, rows, legend);
  }

  static Bars bars(String file, BranchStats stats, List<String> variants) {
    List<String> cryptos = stats.sweep().cryptos();
    double max = 0;
    for (String v : variants) {
      for (var s : stats.summaries(v)) {
        max = max(max, s.mean(stats.primary()));
      }
    }
    double step = niceStep(Math.max(max, 1e-9) / 5);
    double top = Math.ceil(max / step) * step;
    double height = 300;
    double bottom = TOP + height;
    Scale y = new Scale(0, top == 0 ? 1 : top, bottom, TOP);
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; i * step <= top + step / 1e6; i++) {
      ticks.add(new Tick(y.at(i * step), decimals(i * step, step)));
    }
    double groupWidth = (WIDTH - RIGHT - 70) / cryptos.size();
    double barWidth = Math.min(22, (groupWidth - 12) / variants.size());
    List<BarGroup> groups = new ArrayList<>();
    for (int g = 0; g < cryptos.size(); g++) {
      double groupLeft = 70 + g * groupWidth + (groupWidth - barWidth * variants.size()) / 2;
      List<Bar> bars = new ArrayList<>();
      for (int v = 0; v < variants.size(); v++) {
        double mean = stats.summaries(variants.get(v)).get(g).mean(stats.primary());
        double value = Double.isFinite(mean) ? Math.max(0, mean) : 0;
        bars.add(new Bar(u(groupLeft + v * barWidth), y.at(value), u(barWidth - 2),
            u(bottom - Double.parseDouble(y.at(value))), v, Formats.f4(mean)));
      }
      groups.add(new BarGroup(cryptos.get(g), u(70 + g * groupWidth + groupWidth / 2), bars));
    }
    List<LegendItem> legend = new ArrayList<>();
    for (int v = 0; v < variants.size(); v++) {
      legend.add(new LegendItem(u(70 + (v % 4) * 170), u(bottom + 46 + (v / 4) * 20), Integer.toString(v),
          variants.get(v) + (v == 0 ? " (baseline)" : "")));
    }
    String metric = stats.primary().column();
    return new Bars(file, String.format(Locale.ROOT, "Mean %s per crypto and variant", metric), u(WIDTH),
        u(bottom + 56 + ((variants.size() + 3) / 4) * 20), "70", u(WIDTH - RIGHT), u(TOP), u(bottom), ticks, groups,
        legend);
  }

  /** A linear map from data to user units. */
  private record Scale(double from, double to, double start, double end) {
    String at(double v) {
      return u(start + (v - from) / (to - from) * (end - start));
    }

    /** A value outside the axis (a non-finite CI) is drawn at the nearest edge. */
    String atOrEdge(double v) {
      return Double.isFinite(v) ? at(Math.max(from, Math.min(to, v))) : at(from);
    }
  }

  /** 1, 2 or 5 times a power of ten: the tick steps people read without effort. */
  static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return new BigDecimal(nice * magnitude).round(new java.math.MathContext(1)).doubleValue();
  }

  private static String decimals(double v, double step) {
    int places = Math.max(0, -(int) Math.floor(Math.log10(step)));
    return new BigDecimal(v).setScale(places, RoundingMode.HALF_UP).toPlainString().replaceFirst("^-(0\\.?0*)$", "$1");
  }

  /** One decimal of a user unit: plenty for a screen, and the same text everywhere. */
  static String u(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
  }

  private static double min(double a, double... xs) {
    for (double x : xs) {
      if (Double.isFinite(x)) {
        a = Math.min(a, x);
      }
    }
    return a;
  }

  private static double max(double a, double... xs) {
    for (double x : xs) {
      if (Double.isFinite(x)) {
        a = Math.max(a, x);
      }
    }
    return a;
  }
}
