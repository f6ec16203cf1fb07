package dossier.gates;

import dossier.DossierException;
import dossier.spec.TrackSpec.CriterionSpec;
import dossier.spec.TrackSpec.GateOverride;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The gates a variant must clear, in order, with their thresholds: the plan file shipped in the
 * jar ({@code plans/f1_buy_boost_plan.yaml}) with a track's overrides applied.
 */
public record GatePlan(String plan, String section, List<Gate> gates, List<String> readinessSections) {
  public static final String DEFAULT_RESOURCE = "/plans/f1_buy_boost_plan.yaml";

  public GatePlan {
    gates = List.copyOf(gates);
    readinessSections = List.copyOf(readinessSections);
  }

  /**
   * A gate of the plan: its number (1-based order), kind and thresholds.
   *
   * @param secondary not worth analysing once the primary gate (f1_lift) failed: the dossier says
   *     it is moot instead of quoting evidence (it is still evaluated, and still blocks a lock)
   */
  public record Gate(int number, GateKind kind, Map<String, Double> thresholds, boolean secondary) {
    public Gate {
      thresholds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
    }

    public boolean has(String name) {
      return thresholds.containsKey(name);
    }

    public double threshold(String name) {
      Double v = thresholds.get(name);
      if (v == null) {
        throw new IllegalStateException("gate " + kind.id() + " has no threshold " + name);
      }
      return v;
    }
  }

  /** The shipped plan, read once: a record, so sharing it is safe. */
  public static GatePlan defaults() {
    return Shipped.PLAN;
  }

  private static final class Shipped {
    static final GatePlan PLAN = read();
  }

  private static GatePlan read() {
    try (InputStream in = GatePlan.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
      }
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      return fromMap(new Yaml(new SafeConstructor(options)).load(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static GatePlan fromMap(Map<String, Object> doc) {
    List<Gate> gates = new ArrayList<>();
    for (Object o : (List<Object>) doc.get("gates")) {
      Map<String, Object> g = (Map<String, Object>) o;
      GateKind kind = GateKind.byId((String) g.get("id")).orElseThrow();
      Map<String, Double> given = new LinkedHashMap<>();
      for (String p : kind.parameters()) {
        Object v = g.get(p);
        if (v != null) {
          given.put(p, v instanceof Number n ? n.doubleValue() : Boolean.TRUE.equals(v) ? 1.0 : 0.0);
        }
      }
      gates.add(new Gate(gates.size() + 1, kind, complete(kind, given, DEFAULT_RESOURCE, 0), false));
    }
    return new GatePlan((String) doc.get("plan"), (String) doc.get("section"), gates,
        (List<String>) doc.get("readiness_sections"));
  }

  /** This plan with a track's thresholds; an unknown gate or threshold names the spec line. */
  public GatePlan with(List<GateOverride> overrides, String specFile) {
    List<Gate> out = new ArrayList<>(gates);
    for (GateOverride o : overrides) {
      int i = indexOf(o.gate());
      if (i < 0) {
        throw DossierException.usage(String.format(Locale.ROOT, "%s:%d: unknown gate '%s' (known: %s)", specFile,
            o.line(), o.gate(), String.join(", ", gates.stream().map(g -> g.kind().id()).toList())));
      }
      Gate g = out.get(i);
      if (!g.kind().parameters().contains(o.parameter())) {
        throw DossierException.usage(String.format(Locale.ROOT, "%s:%d: gate '%s' has no threshold '%s' (known: %s)",
            specFile, o.line(), o.gate(), o.parameter(),
            g.kind().parameters().isEmpty() ? "none" : String.join(", ", g.kind().parameters())));
      }
      Map<String, Double> t = new LinkedHashMap<>(g.thresholds());
      // A share and a count of the same gate exclude each other: the track's one replaces the plan's.
      if (g.kind().alternatives().contains(o.parameter())) {
        g.kind().alternatives().forEach(t::remove);
      }
      t.put(o.parameter(), o.value());
      check(g.kind(), o.parameter(), o.value(), specFile, o.line());
      out.set(i, new Gate(g.number(), g.kind(), t, g.secondary()));
    }
    return new GatePlan(plan, section, out, readinessSections);
  }

  /**
   * This plan with a track's own criteria appended after its gates, numbered on. A criterion
   * must give every threshold of its kind.
   */
  public GatePlan withCriteria(List<CriterionSpec> criteria, String specFile) {
    List<Gate> out = new ArrayList<>(gates);
    for (CriterionSpec c : criteria) {
      GateKind kind = GateKind.byId(c.id()).orElseThrow(() -> DossierException.usage(String.format(Locale.ROOT,
          "%s:%d: unknown criterion '%s' (known: %s)", specFile, c.line(), c.id(), String.join(", ", GateKind.ids()))));
      for (String given : c.thresholds().keySet()) {
        if (!kind.parameters().contains(given)) {
          throw DossierException.usage(String.format(Locale.ROOT, "%s:%d: criterion '%s' has no threshold '%s' (known: %s)",
              specFile, c.line(), c.id(), given, kind.parameters().isEmpty() ? "none" : String.join(", ", kind.parameters())));
        }
      }
      Map<String, Double> ordered = new LinkedHashMap<>();
      kind.parameters().stream().filter(c.thresholds()::containsKey).forEach(p -> ordered.put(p, c.thresholds().get(p)));
      out.add(new Gate(out.size() + 1, kind, complete(kind, ordered, specFile, c.line()), c.secondary()));
    }
    return new GatePlan(plan, section, out, readinessSections);
  }

  /**
   * A gate's thresholds with the defaults of those left out, in the kind's order; a threshold
   * without a default, or neither or both of two alternatives, names the file and line.
   */
  private static Map<String, Double> complete(GateKind kind, Map<String, Double> given, String file, int line) {
    String where = line > 0 ? file + ":" + line : file;
    List<String> alternatives = kind.alternatives();
    long chosen = alternatives.stream().filter(given::containsKey).count();
    if (!alternatives.isEmpty() && chosen != 1) {
      throw DossierException.usage(String.format(Locale.ROOT, "%s: %s '%s' needs exactly one of %s", where,
          line > 0 ? "criterion" : "gate", kind.id(), String.join(", ", alternatives)));
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (String p : kind.parameters()) {
      if (given.containsKey(p)) {
        check(kind, p, given.get(p), file, line);
        out.put(p, given.get(p));
      } else if (kind.defaultOf(p).isPresent()) {
        out.put(p, kind.defaultOf(p).get());
      } else if (!alternatives.contains(p) && !kind.optional(p)) {
        throw DossierException.usage(String.format(Locale.ROOT, "%s: %s '%s' needs '%s'", where,
            line > 0 ? "criterion" : "gate", kind.id(), p));
      }
    }
    return out;
  }

  /** A share is in (0, 1]; a count of cryptos or pairs is a whole number ≥ 1. */
  private static void check(GateKind kind, String parameter, double value, String file, int line) {
    String where = line > 0 ? file + ":" + line : file;
    String bad = switch (parameter) {
      case "min_share" -> value > 0 && value <= 1 ? null : "a share of the cryptos in (0, 1] (e.g. 0.8)";
      case "min_improved", "min_pairs" -> value >= 1 && value == Math.rint(value) ? null : "a whole number ≥ 1";
      case "corrected" -> value == 0 || value == 1 ? null : "true or false";
      case "test_train_ratio" -> value > 0 && value <= 1 ? null : "n_test / n_train of the folds, in (0, 1] (e.g. 0.25 for 5 folds)";
      default -> null;
    };
    if (bad != null) {
      throw DossierException.usage(String.format(Locale.ROOT, "%s: %s %s must be %s, not %s", where, kind.id(), parameter,
          bad, dossier.format.Formats.plain(value)));
    }
  }

  /** The settings of the corrected figures that gate 1 reads: its r and its min_delta as g. */
  public dossier.stats.Robustness.Settings corrected() {
    return gates.stream().filter(g -> g.kind() == GateKind.F1_LIFT).findFirst()
        .map(g -> new dossier.stats.Robustness.Settings(
            g.has("test_train_ratio") ? g.threshold("test_train_ratio") : Double.NaN, g.threshold("min_delta")))
        .orElse(dossier.stats.Robustness.Settings.DEFAULT);
  }

  private int indexOf(String id) {
    for (int i = 0; i < gates.size(); i++) {
      if (gates.get(i).kind().id().equals(id)) {
        return i;
      }
    }
    return -1;
  }
}
