package dossier.stats;

import dossier.source.Cell;
import dossier.source.Metric;
import java.util.List;
import java.util.Optional;

/**
 * Something in a branch's rows that makes a figure untrustworthy, with the rows it was seen on.
 *
 * @param metric the metric concerned, empty for a cell-level anomaly (missing cell, no trade)
 * @param cells the crypto × fold cells of {@code variant} where it was seen
 * @param value for {@link Kind#CONSTANT}, the value every row reads
 */
public record Anomaly(Kind kind, String variant, Optional<Metric> metric, List<Cell> cells, double value) {
  public Anomaly {
    cells = List.copyOf(cells);
  }

  public enum Kind {
    /** Every row of a variant reads the same value, to the bit, while the baseline's rows vary. */
    CONSTANT,
    /** NaN or an infinity in a counted row. */
    NON_FINITE,
    /** A counted (completed) row with no trade. */
    ZERO_TRADES,
    /** A crypto × fold cell of the branch without a completed attempt. */
    MISSING_CELL
  }

  /** One line saying what is wrong and where, e.g. "ece reads exactly 0 on every row of mild". */
  public String summary() {
    String m = metric.map(Metric::column).orElse("");
    return switch (kind) {
      case CONSTANT -> String.format(java.util.Locale.ROOT, "%s reads exactly %s on every row of %s", m,
          dossier.format.Formats.plain(value), variant);
      case NON_FINITE -> String.format(java.util.Locale.ROOT, "%s is not a number on %d row(s) of %s (%s)", m,
          cells.size(), variant, Cell.describe(cells));
      case ZERO_TRADES -> String.format(java.util.Locale.ROOT, "%d row(s) of %s made no trade (%s)", cells.size(),
          variant, Cell.describe(cells));
      case MISSING_CELL -> String.format(java.util.Locale.ROOT, "%d cell(s) of %s have no completed attempt (%s)",
          cells.size(), variant, Cell.describe(cells));
    };
  }

  /** Whether this anomaly makes a figure computed from {@code m} untrustworthy. */
  public boolean spoils(Metric m) {
    return (kind == Kind.CONSTANT || kind == Kind.NON_FINITE) && metric.filter(m::equals).isPresent();
  }
}
