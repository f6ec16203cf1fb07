package dossier.source;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt of one cell of a sweep: a row of {@code finetune_results}.
 *
 * <p>Metrics of an attempt that did not complete may be missing; they are then {@code NaN} and
 * never enter a statistic (only completed attempts are counted). {@code createdAt} orders the
 * attempts of a cell: the latest completed one counts.
 */
public record ResultRow(
    String runId,
    String factor,
    String variant,
    String crypto,
    int fold,
    String status,
    double f1Buy,
    double sortino,
    double totalReturn,
    int nTrades,
    double ece,
    double expectancyNet,
    double maxDrawdown,
    Instant createdAt) {

  public static final String COMPLETED = "completed";

  public ResultRow {
    Objects.requireNonNull(runId, "runId == null");
    Objects.requireNonNull(factor, "factor == null");
    Objects.requireNonNull(variant, "variant == null");
    Objects.requireNonNull(crypto, "crypto == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
  }

  public boolean completed() {
    return COMPLETED.equals(status);
  }

  /** Completed with at least one trade: the rows the house format calls useful. */
  public boolean useful() {
    return completed() && nTrades > 0;
  }

  public double metric(Metric metric) {
    return switch (metric) {
      case F1_BUY -> f1Buy;
      case SORTINO -> sortino;
      case TOTAL_RETURN -> totalReturn;
      case N_TRADES -> nTrades;
      case ECE -> ece;
      case EXPECTANCY_NET -> expectancyNet;
      case MAX_DRAWDOWN -> maxDrawdown;
    };
  }
}
