package dossier.spec;

import dossier.stats.BootstrapSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A track's spec: what sweep to read, how to analyse it, and the words people wrote around the
 * numbers. Paths are already resolved against the spec's folder and checked to stay inside the
 * project.
 *
 * @param name the spec's name on the command line, e.g. {@code track6}
 * @param file the spec file as shown in messages, e.g. {@code dossiers/track6.yaml}
 * @param query the team's own SQL file for PostgreSQL ({@code query:}), in place of the shipped one
 */
public record TrackSpec(
    String name,
    String file,
    int track,
    String title,
    String date,
    Layout layout,
    String story,
    String plan,
    String planSubject,
    List<KeyValue> metadata,
    Optional<Path> snapshot,
    Optional<Path> readiness,
    Path output,
    List<BranchSpec> branches,
    List<KeyValue> sweepRows,
    BootstrapSettings bootstrap,
    List<GateOverride> gateOverrides,
    List<CriterionSpec> criteria,
    Narrative narrative,
    Optional<Path> query) {

  /** A spec that reads PostgreSQL with the shipped query. */
  public TrackSpec(String name, String file, int track, String title, String date, Layout layout, String story,
      String plan, String planSubject, List<KeyValue> metadata, Optional<Path> snapshot, Optional<Path> readiness,
      Path output, List<BranchSpec> branches, List<KeyValue> sweepRows, BootstrapSettings bootstrap,
      List<GateOverride> gateOverrides, List<CriterionSpec> criteria, Narrative narrative) {
    this(name, file, track, title, date, layout, story, plan, planSubject, metadata, snapshot, readiness, output,
        branches, sweepRows, bootstrap, gateOverrides, criteria, narrative, Optional.empty());
  }

  public TrackSpec {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(query, "query == null");
    metadata = List.copyOf(metadata);
    branches = List.copyOf(branches);
    sweepRows = List.copyOf(sweepRows);
    gateOverrides = List.copyOf(gateOverrides);
    criteria = List.copyOf(criteria);
    if (branches.isEmpty()) {
      throw new IllegalArgumentException("branches is empty");
    }
  }

  public enum Layout {
    RESULTS("results"),
    GATE_DECISION("gate-decision");

    private final String key;

    Layout(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /**
   * One factor of the sweep, analysed on its own against its own baseline.
   *
   * @param folds what {@code folds:} says: a count per crypto, or the fold ids themselves
   * @param analysed false for a branch shown only in the sweep state (an aborted first attempt)
   * @param title the heading of a further branch's subsection under Decisions
   * @param intro Markdown before a further branch's figures; {@code decision} after its gates;
   *     {@code after} after its per-crypto table
   */
  public record BranchSpec(
      String factor,
      String label,
      List<Located> runs,
      Located baseline,
      List<VariantSpec> variants,
      List<Located> cryptos,
      Optional<String> cryptoSet,
      Folds folds,
      Optional<String> foldNote,
      boolean analysed,
      Optional<String> title,
      String intro,
      String decision,
      String after) {
    public BranchSpec {
      runs = List.copyOf(runs);
      variants = List.copyOf(variants);
      cryptos = List.copyOf(cryptos);
    }

    public List<String> runIds() {
      return runs.stream().map(Located::value).toList();
    }

    public List<String> cryptoNames() {
      return cryptos.stream().map(Located::value).toList();
    }

    /** The variant names, baseline first, in the order the spec lists the others. */
    public List<String> variantNames() {
      return variants.stream().map(v -> v.name().value()).toList();
    }
  }

  /**
   * {@code folds:} of a branch. Fold ids are labels (the team's Python code numbers them from 0).
   * A count N means N folds per crypto, their ids taken from the data of each crypto; a list means
   * exactly those ids on every crypto.
   *
   * @param ids the listed ids, sorted; empty for a count
   * @param line the spec's line of {@code folds:}, for errors found against the data
   */
  public record Folds(int count, List<Integer> ids, int line) {
    public Folds {
      ids = List.copyOf(ids);
      if (!ids.isEmpty() && ids.size() != count) {
        throw new IllegalArgumentException(count + " folds, " + ids.size() + " ids");
      }
    }

    public static Folds count(int count, int line) {
      return new Folds(count, List.of(), line);
    }

    public boolean listed() {
      return !ids.isEmpty();
    }
  }

  /** @param coverageNote words added to the variant's coverage cell in the sweep state */
  public record VariantSpec(Located name, Optional<String> params, Optional<String> note,
      Optional<String> coverageNote) {}

  /**
   * A criterion the track adds to the plan's gates ({@code criteria:} in the spec).
   *
   * @param secondary moot once the primary gate failed ({@code moot_if_primary_fails: true})
   */
  public record CriterionSpec(String id, java.util.Map<String, Double> thresholds, boolean secondary, int line) {
    public CriterionSpec {
      thresholds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(thresholds));
    }
  }

  /** {@code gates: {f1_lift: {min_delta: 0.02}}} in a spec: one threshold of the plan changed. */
  public record GateOverride(String gate, String parameter, double value, int line) {}

  /** Markdown written by people, placed by the template around the generated parts. */
  public record Narrative(
      String hypothesis,
      String tldr,
      String sweepState,
      String meansNote,
      String pairedNote,
      String supporting,
      List<KeyValue> sections,
      String lockNote,
      List<KeyValue> decisions,
      String linkedContext) {
    public Narrative {
      sections = List.copyOf(sections);
      decisions = List.copyOf(decisions);
    }
  }
}
