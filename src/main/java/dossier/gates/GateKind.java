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
  /**
   * {@code min_pairs}: below it the gate is ⚠ (a CI of 3 pairs is their min and max). {@code
   * corrected} (1, true in YAML, by default; 0 turns it off): the LOCK rule also asks the
   * fold-corrected family-level interval ({@link dossier.stats.Robustness}) to lie above 0. {@code
   * test_train_ratio}: r = n_test / n_train of the folds, which that correction uses; left out, it
   * is 1/(k − 1) for k folds.
   */
  F1_LIFT("f1_lift", List.of("min_delta", "min_pairs", "corrected", "test_train_ratio")),
  JOINT("joint", List.of("min_expectancy", "min_sortino", "max_drawdown")),
  STABILITY("stability", List.of("max_variance")),
  /**
   * Either {@code min_share} of the sweep's cryptos (the plan's form, which scales with the sweep)
   * or {@code min_improved} cryptos (a count, ⚠ when the sweep has fewer): exactly one of the two.
   */
  PER_ASSET("per_asset", List.of("min_share", "min_improved")),
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

  /** Every threshold the gate knows; see {@link #alternatives} and {@link #defaultOf}. */
  public List<String> parameters() {
    return parameters;
  }

  /** Thresholds of which a gate takes exactly one: giving one drops the other. */
  public List<String> alternatives() {
    return this == PER_ASSET ? parameters : List.of();
  }

  /** The value of a threshold that a plan or criterion may leave out, if it has one. */
  public Optional<Double> defaultOf(String parameter) {
    if (this != F1_LIFT) {
      return Optional.empty();
    }
    return switch (parameter) {
      case "min_pairs" -> Optional.of(10.0);
      case "corrected" -> Optional.of(1.0);
      default -> Optional.empty();
    };
  }

  /** Thresholds that may be left out without a default: the gate then works them out from the sweep. */
  public boolean optional(String parameter) {
    return this == F1_LIFT && parameter.equals("test_train_ratio");
  }

  /** Thresholds written true or false, held as 1 and 0. */
  public static boolean isSwitch(String parameter) {
    return parameter.equals("corrected");
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
