package dossier.gates;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The six gates of the plan; each knows the thresholds it takes. */
public enum GateKind {
  F1_LIFT("f1_lift", List.of("min_delta")),
  JOINT("joint", List.of("min_expectancy", "min_sortino", "max_drawdown")),
  STABILITY("stability", List.of("max_variance")),
  PER_ASSET("per_asset", List.of("min_improved")),
  SAMPLE_SIZE("sample_size", List.of("min_trades")),
  READINESS("readiness", List.of());

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

  public static Optional<GateKind> byId(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(GateKind::id).toList();
  }
}
