package dossier.model;

import java.util.List;

/**
 * The figures of a branch, as SVG templates draw them: every coordinate already computed and
 * formatted, so the same data give the same bytes on any machine. Labels are anchored at fixed
 * points (start, middle or end), never measured: no font metrics are involved.
 */
public final class Figures {
  private Figures() {}

  /** One point of an axis: where it is drawn and its label. */
  public record Tick(String at, String label) {}

  /**
   * The forest plot of the paired deltas: one row per variant, the mean Δ with its CI95 whisker,
   * the zero line and the gate threshold.
   *
   * @param file the figure's path relative to the dossier, e.g. {@code img/track6-forest.svg}
   */
  public record Forest(
      String file,
      String title,
      String width,
      String height,
      String plotLeft,
      String plotRight,
      String plotTop,
      String plotBottom,
      String zeroX,
      String thresholdX,
      String thresholdLabel,
      int clearing,
      List<Tick> ticks,
      List<ForestRow> rows,
      List<LegendItem> legend) {}

  /** @param kind {@code wrong} (CI below 0), {@code pass} (clears the gate) or {@code neutral} */
  public record ForestRow(String label, String y, String lowX, String highX, String meanX, String kind,
      String value) {}

  public record LegendItem(String x, String y, String kind, String label) {}

  /** Grouped bars of the primary metric: one group per crypto, one bar per variant. */
  public record Bars(
      String file,
      String title,
      String width,
      String height,
      String plotLeft,
      String plotRight,
      String plotTop,
      String plotBottom,
      List<Tick> yTicks,
      List<BarGroup> groups,
      List<LegendItem> legend) {}

  public record BarGroup(String label, String labelX, List<Bar> bars) {}

  /** @param series the variant's index in the legend (0 = baseline), which picks its colour */
  public record Bar(String x, String y, String width, String height, int series, String value) {}
}
