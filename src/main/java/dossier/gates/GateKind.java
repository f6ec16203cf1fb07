package dossier.gates;

import dossier.source.Metric;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of gate: the six of the plan, and the criteria a track may add. Each knows the
 * thresholds it takes and the metrics it reads, so that an anomaly in one of them makes the gate
 * unevaluable instead of wrong.
 */
public enum GateKind {
  F1_LIFT("f1_lift", List.of("min_delta")),
  JOINT("joint", List.of("min_expectancy", "min_sortino", "max_drawdown")),
  STABILITY("stability", List.of("max_variance")),
  PER_ASSET("per_asset", List.of("min_improved")),
  SAMPLE_SIZE("sample_size", List.of("min_trades")),
  READINESS("readiness", List.of()),
  /** Track criterion: Cohen's d of the primary metric at least {@code min_d}. */
  COHENS_D("cohens_d", List.of("min_d")),
  /** Track criterion: mean Δ of the primary metric at least {@code min_delta}, CI not required. */
  MIN_DELTA("min_delta", List.of("min_delta")),
  /** Track criterion: mean ECE at most the baseline's + {@code max_increase}. */
  ECE("ece", List.of("max_increase")),
  /** Track criterion: mean max_drawdown at most the baseline's + {@code max_increase} percent points. */
  MAX_DRAWDOWN("max_drawdown", List.of("max_increase"));

  private final String id;
  private final List<String> parameters;

  GateKind(String id, List<String> parameters) {
    this.id = id;
    this.parameters = parameters;
  }

  public String id() {
    return id;
  }

  public List<String> parameters() {
    return parameters;
  }

  /** The metrics this gate reads, given the branch's primary metric. */
  public List<Metric> uses(Metric primary) {
    return switch (this) {
      case F1_LIFT, STABILITY, PER_ASSET, COHENS_D, MIN_DELTA -> List.of(primary);
      case JOINT -> List.of(Metric.EXPECTANCY_NET, Metric.SORTINO, Metric.MAX_DRAWDOWN);
      case ECE -> List.of(Metric.ECE);
      case MAX_DRAWDOWN -> List.of(Metric.MAX_DRAWDOWN);
      case SAMPLE_SIZE, READINESS -> List.of();
    };
  }

  public static Optional<GateKind> byId(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(GateKind::id).toList();
  }
}
