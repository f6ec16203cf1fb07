package dossier.spec;

import dossier.DossierException;
import dossier.ProjectPaths;
import dossier.Excerpt;
import dossier.stats.BootstrapSettings;
import dossier.spec.TrackSpec.BranchSpec;
import dossier.spec.TrackSpec.CriterionSpec;
import dossier.spec.TrackSpec.GateOverride;
import dossier.spec.TrackSpec.Layout;
import dossier.spec.TrackSpec.Narrative;
import dossier.spec.TrackSpec.VariantSpec;
import dossier.spec.YamlReader.Obj;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and reads track specs: {@code <project>/dossiers/<name>.yaml}. The project is the folder
 * that holds {@code dossiers/}; paths in a spec are relative to the spec's folder and may not
 * leave the project.
 */
public final class SpecLoader {
  public static final String DOSSIERS = "dossiers";

  private static final Set<String> TOP_KEYS = Set.of("track", "title", "date", "layout", "story", "plan",
      "plan_subject", "metadata", "snapshot", "readiness", "query", "output", "branches", "sweep", "bootstrap", "gates",
      "criteria", "narrative");
  private static final Set<String> BRANCH_KEYS = Set.of("factor", "label", "runs", "baseline", "variants",
      "cryptos", "crypto_set", "folds", "fold_note", "analyse", "title", "intro", "decision", "after");
  private static final Set<String> VARIANT_KEYS = Set.of("name", "params", "note", "coverage_note");
  private static final Set<String> BOOTSTRAP_KEYS = Set.of("resamples", "seed", "level");
  private static final Set<String> NARRATIVE_KEYS = Set.of("hypothesis", "tldr", "sweep_state", "means_note",
      "paired_note", "supporting", "sections", "lock_note", "decisions", "linked_context");

  private final Path project;
  private final ProjectPaths paths;

  public SpecLoader(Path project) {
    this.project = project.toAbsolutePath().normalize();
    this.paths = new ProjectPaths(this.project);
  }

  public Path project() {
    return project;
  }

  /** The names of the specs found, sorted ({@code track5}, {@code track6}, …). */
  public List<String> names() {
    Path dir = project.resolve(DOSSIERS);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) {
        String n = p.getFileName().toString();
        if (n.endsWith(".yaml")) {
          names.add(n.substring(0, n.length() - ".yaml".length()));
        }
      }
      Collections.sort(names);
      return names;
    } catch (IOException e) {
      throw new DossierException(dir + ": cannot list specs: " + e.getMessage(), e);
    } catch (DirectoryIteratorException e) {
      throw new DossierException(dir + ": cannot list specs: " + e.getCause().getMessage(), e);
    }
  }

  public TrackSpec load(String name) {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") || name.contains("..")) {
      throw DossierException.usage("'" + name + "' is not a track name such as track6");
    }
    List<String> known = names();
    if (!known.contains(name)) {
      throw DossierException.usage(String.format(Locale.ROOT, "unknown track '%s' (known: %s); specs live in %s/",
          name, known.isEmpty() ? "none" : String.join(", ", known), DOSSIERS));
    }
    Path file = project.resolve(DOSSIERS).resolve(name + ".yaml");
    String shown = DOSSIERS + "/" + name + ".yaml";
    paths.toRead(file, shown);
    return read(name, file, shown);
  }

  TrackSpec read(String name, Path file, String shown) {
    Obj root = YamlReader.load(file, shown).check(TOP_KEYS);
    Path specDir = file.toAbsolutePath().getParent();
    int track = (int) root.integer("track", 1, 9999);
    String title = root.string("title");
    String date = root.string("date");
    if (!isoDate(date)) {
      throw root.error("date", "'date' must be a date such as 2026-04-29, not '" + Excerpt.of(date) + "'");
    }
    Layout layout = layout(root);
    List<Obj> listed = root.objects("branches");
    List<BranchSpec> branches = new ArrayList<>();
    for (Obj b : listed) {
      branches.add(branch(b));
    }
    if (branches.isEmpty()) {
      throw root.error("branches", "'branches' lists no branch; name at least one factor");
    }
    // The results layout (templates/results.md.ftl) has the sections of one branch: a second would
    // be computed, count in the track's verdict, and appear nowhere in the dossier.
    if (layout == Layout.RESULTS && branches.size() > 1) {
      throw listed.get(1).error("factor", "the results layout shows one branch and 'branches' lists " + branches.size()
          + "; set 'layout: gate-decision', which gives each branch its section, or write a spec per branch");
    }
    String defaultOutput = defaultOutput(date, track, title);
    Path output = path(root, "output", specDir).orElseGet(() -> paths.inside(specDir.resolve(defaultOutput),
        shown + ": the default output " + DOSSIERS + "/" + defaultOutput));
    return new TrackSpec(
        name, shown, track, title, date, layout,
        root.string("story"),
        root.string("plan"),
        root.optionalString("plan_subject").orElse(title.toLowerCase(Locale.ROOT)),
        root.has("metadata") ? root.pairs("metadata") : List.of(),
        path(root, "snapshot", specDir),
        path(root, "readiness", specDir),
        output,
        branches,
        root.has("sweep") ? root.pairs("sweep") : List.of(),
        bootstrap(root),
        gateOverrides(root),
        criteria(root),
        narrative(root),
        query(root, specDir));
  }

  /**
   * The team's own query ({@code query:}): a file of the project, relative to the spec, that exists
   * now, so that a mistyped name is found by everyone, not only by those who reach the database.
   */
  private Optional<Path> query(Obj root, Path specDir) {
    Optional<Path> query = path(root, "query", specDir);
    if (query.isPresent() && !Files.isRegularFile(query.get())) {
      throw root.error("query", "'query' names " + Excerpt.of(root.string("query")) + ", which does not exist; "
          + "write the query there (a copy of sql/select_rows.sql adapted to your table), or remove 'query:'");
    }
    return query;
  }

  private static Layout layout(Obj root) {
    String value = root.optionalString("layout").orElse(Layout.RESULTS.key());
    List<String> known = new ArrayList<>();
    for (Layout l : Layout.values()) {
      if (l.key().equals(value)) {
        return l;
      }
      known.add(l.key());
    }
    throw root.error("layout", "unknown layout '" + Excerpt.of(value) + "' (known: " + String.join(", ", known) + ")");
  }

  /** What LocalDate.parse accepts: an ISO date such as 2026-04-29. */
  static boolean isoDate(String s) {
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private BranchSpec branch(Obj b) {
    b.check(BRANCH_KEYS);
    String factor = b.string("factor");
    List<Located> runs = nonEmpty(b, "runs", b.strings("runs"));
    Located baseline = new Located(b.string("baseline"), b.lineOf("baseline"));
    List<VariantSpec> variants = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Obj v : b.objects("variants")) {
      v.check(VARIANT_KEYS);
      Located variantName = new Located(v.string("name"), v.lineOf("name"));
      if (!seen.add(variantName.value())) {
        throw v.error("name", "duplicate variant '" + Excerpt.of(variantName.value()) + "'; list each variant once");
      }
      variants.add(new VariantSpec(variantName, v.optionalString("params"), v.optionalString("note"),
          v.optionalString("coverage_note")));
    }
    if (!seen.contains(baseline.value())) {
      throw b.error("baseline", "baseline '" + Excerpt.of(baseline.value()) + "' is not one of the variants ("
          + String.join(", ", variants.stream().map(v -> v.name().value()).toList()) + ")");
    }
    if (variants.size() < 2) {
      throw b.error("variants", "a branch needs its baseline and at least one variant to compare");
    }
    // Baseline first: every table of the house format puts it first.
    List<VariantSpec> ordered = new ArrayList<>();
    for (VariantSpec v : variants) {
      if (v.name().value().equals(baseline.value())) {
        ordered.add(0, v);
      } else {
        ordered.add(v);
      }
    }
    List<Located> cryptos = nonEmpty(b, "cryptos", b.strings("cryptos"));
    Set<String> uniqueCryptos = new HashSet<>();
    for (Located c : cryptos) {
      if (!uniqueCryptos.add(c.value())) {
        throw DossierException.usage(String.format(Locale.ROOT, "%s:%d: duplicate crypto '%s'; list each crypto once",
            b.file(), c.line(), Excerpt.of(c.value())));
      }
    }
    return new BranchSpec(factor, b.optionalString("label").orElse(factor), runs, baseline, ordered, cryptos,
        b.optionalString("crypto_set"), folds(b),
        b.optionalString("fold_note"),
        !b.has("analyse") || b.bool("analyse"), b.optionalString("title"), b.text("intro", ""), b.text("decision", ""),
        b.text("after", ""));
  }

  /** {@code folds: 5} (folds per crypto) or {@code folds: [0, 1, 2, 3, 4]} (the fold ids). */
  private static TrackSpec.Folds folds(Obj b) {
    if (!(b.node("folds") instanceof org.yaml.snakeyaml.nodes.SequenceNode)) {
      return TrackSpec.Folds.count((int) b.integer("folds", 1, 1000), b.lineOf("folds"));
    }
    java.util.SortedSet<Integer> ids = new java.util.TreeSet<>();
    for (Located id : nonEmpty(b, "folds", b.strings("folds"))) {
      if (!id.value().matches("[0-9]{1,9}")) {
        throw DossierException.usage(String.format(Locale.ROOT,
            "%s:%d: fold id '%s' is not a whole number ≥ 0; list the fold ids as the rows number them, e.g. [0, 1, 2]",
            b.file(), id.line(), id.value()));
      }
      if (!ids.add(Integer.parseInt(id.value()))) {
        throw DossierException.usage(String.format(Locale.ROOT, "%s:%d: fold id %s is listed twice; list each once",
            b.file(), id.line(), id.value()));
      }
    }
    return new TrackSpec.Folds(ids.size(), List.copyOf(ids), b.lineOf("folds"));
  }

  private static List<Located> nonEmpty(Obj b, String key, List<Located> values) {
    if (values.isEmpty()) {
      throw b.error(key, "'" + key + "' is empty");
    }
    return values;
  }

  private static BootstrapSettings bootstrap(Obj root) {
    if (!root.has("bootstrap")) {
      return BootstrapSettings.DEFAULT;
    }
    Obj b = root.obj("bootstrap").check(BOOTSTRAP_KEYS);
    BootstrapSettings d = BootstrapSettings.DEFAULT;
    return new BootstrapSettings(
        b.has("resamples") ? (int) b.integer("resamples", 100, 1_000_000) : d.resamples(),
        b.has("seed") ? b.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE) : d.seed(),
        b.has("level") ? b.decimal("level", 0.5, 0.999) : d.level());
  }

  private static List<GateOverride> gateOverrides(Obj root) {
    if (!root.has("gates")) {
      return List.of();
    }
    List<GateOverride> out = new ArrayList<>();
    Obj gates = root.obj("gates");
    for (String gate : gates.keys()) {
      Obj params = gates.obj(gate);
      for (String p : params.keys()) {
        // A switch (f1_lift's corrected) is true or false in YAML, 1 or 0 among the thresholds.
        double value = dossier.gates.GateKind.isSwitch(p) ? (params.bool(p) ? 1 : 0) : params.decimal(p, -1e9, 1e9);
        out.add(new GateOverride(gate, p, value, params.lineOf(p)));
      }
    }
    return out;
  }

  private static List<CriterionSpec> criteria(Obj root) {
    if (!root.has("criteria")) {
      return List.of();
    }
    List<CriterionSpec> out = new ArrayList<>();
    for (Obj c : root.objects("criteria")) {
      java.util.Map<String, Double> thresholds = new java.util.LinkedHashMap<>();
      for (String key : c.keys()) {
        if (!key.equals("id") && !key.equals("moot_if_primary_fails")) {
          thresholds.put(key, c.decimal(key, -1e9, 1e9));
        }
      }
      out.add(new CriterionSpec(c.string("id"), thresholds,
          c.has("moot_if_primary_fails") && c.bool("moot_if_primary_fails"), c.line()));
    }
    return out;
  }

  private static Narrative narrative(Obj root) {
    Obj n = root.has("narrative") ? root.obj("narrative").check(NARRATIVE_KEYS) : null;
    if (n == null) {
      return new Narrative("", "", "", "", "", "", List.of(), "", List.of(), "");
    }
    return new Narrative(
        n.text("hypothesis", ""),
        n.text("tldr", ""),
        n.text("sweep_state", ""),
        n.text("means_note", ""),
        n.text("paired_note", ""),
        n.text("supporting", ""),
        n.has("sections") ? n.pairs("sections") : List.of(),
        n.text("lock_note", ""),
        n.has("decisions") ? n.pairs("decisions") : List.of(),
        n.text("linked_context", ""));
  }

  /**
   * A path of the spec, resolved against its folder; it may not lead outside the project, on its
   * real path ({@link ProjectPaths}). The output is written; the snapshot and readiness files are
   * read (the snapshot is written too, by {@code snapshot}, which checks it as a file to write).
   */
  private Optional<Path> path(Obj root, String key, Path specDir) {
    if (!root.has(key)) {
      return Optional.empty();
    }
    String value = root.string(key);
    Path resolved;
    try {
      resolved = specDir.resolve(value).normalize();
    } catch (InvalidPathException e) { // a NUL or a lone surrogate, both escapes a quoted string may hold
      throw root.error(key, "'" + key + "' is not a path: " + e.getReason());
    }
    if (Path.of(value).isAbsolute() || !resolved.startsWith(project)) {
      throw root.error(key, "'" + key + "' must be a path inside the project, relative to the spec's folder, not '"
          + Excerpt.of(value) + "'");
    }
    String what = String.format(Locale.ROOT, "%s:%d: '%s' (%s)", root.file(), root.lineOf(key), key, value);
    return Optional.of(key.equals("output") ? paths.inside(resolved, what) : paths.toRead(resolved, what));
  }

  /** The dossier's file name when the spec names no output, in the spec's folder. */
  public static String defaultOutput(String date, int track, String title) {
    return String.format(Locale.ROOT, "%s-track%d-%s-results.md", date, track, slug(title));
  }

  static String slug(String title) {
    return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
