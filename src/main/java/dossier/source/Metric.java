package dossier.source;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The numeric columns of {@code finetune_results} that statistics are computed on. */
public enum Metric {
  F1_BUY("f1_buy"),
  SORTINO("sortino"),
  TOTAL_RETURN("total_return"),
  N_TRADES("n_trades"),
  ECE("ece"),
  EXPECTANCY_NET("expectancy_net"),
  MAX_DRAWDOWN("max_drawdown");

  private final String column;

  Metric(String column) {
    this.column = column;
  }

  public String column() {
    return column;
  }

  public static Optional<Metric> byColumn(String column) {
    return Arrays.stream(values()).filter(m -> m.column.equals(column)).findFirst();
  }

  public static String knownColumns() {
    return Arrays.stream(values()).map(Metric::column).collect(Collectors.joining(", "));
  }
}
