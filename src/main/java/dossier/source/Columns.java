package dossier.source;

import java.util.List;

/** The columns of {@code finetune_results} that the tool reads, in snapshot order. */
public final class Columns {
  public static final List<String> ALL =
      List.of(
          "run_id",
          "factor",
          "variant",
          "crypto",
          "fold",
          "status",
          "f1_buy",
          "sortino",
          "total_return",
          "n_trades",
          "ece",
          "expectancy_net",
          "max_drawdown",
          "created_at");

  private Columns() {}
}
