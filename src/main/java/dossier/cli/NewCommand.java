package dossier.cli;

import dossier.DossierException;
import dossier.gates.GatePlan;
import dossier.render.AtomicFile;
import dossier.source.FoldIds;
import dossier.source.ResultRow;
import dossier.source.SnapshotWriter;
import dossier.spec.SpecLoader;
import dossier.spec.TrackSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "new", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Start a track: from a factor and a run found in the data, write its spec (with the variants, "
        + "cryptos and folds found), its snapshot, and a first dossier to write prose into.")
final class NewCommand implements Callable<Integer> {
  /** Variant names that are a baseline when the data hold exactly one of them. */
  private static final List<String> BASELINES = List.of("none", "off", "baseline", "control");

  @ParentCommand private Main main;
  @Spec private CommandSpec spec;
  @Mixin private SourceOptions source;

  @Parameters(paramLabel = "TRACK", description = "The new track's name, e.g. track7.")
  private String track;

  @Option(names = "--factor", paramLabel = "F", required = true, description = "The factor of the sweep.")
  private String factor;

  @Option(names = "--run", paramLabel = "ID", required = true, description = "The run id of the sweep.")
  private String run;

  @Option(names = "--data", paramLabel = "FILE", description = "Read the rows from this CSV instead of the database.")
  private Path data;

  @Option(names = "--baseline", paramLabel = "NAME",
      description = "The baseline variant (default: none/off when found).")
  private String baseline;

  @Option(names = "--title", paramLabel = "TEXT", description = "The track's title (default: from the factor).")
  private String title;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The dossier's date (default: today, UTC).")
  private LocalDate date;

  @Override
  public Integer call() {
    Matcher.checkName(track);
    int number = Matcher.number(track);
    Path dossiers = main.project.resolve(SpecLoader.DOSSIERS);
    Path specFile = dossiers.resolve(track + ".yaml");
    if (Files.exists(specFile, LinkOption.NOFOLLOW_LINKS)) {
      throw DossierException.usage(SourceOptions.shown(main, specFile) + " already exists; choose another name");
    }
    String name = title != null ? title : humanise(factor);
    String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    String snapshot = "data/" + track + "-" + slug + ".csv";
    String day = (date != null ? date : LocalDate.now(ZoneOffset.UTC)).toString();
    // The three files it writes, checked before the rows are read and before the first is written.
    for (Path file : List.of(specFile, dossiers.resolve(snapshot),
        dossiers.resolve(SpecLoader.defaultOutput(day, number, name)))) {
      main.paths().toWrite(file, SourceOptions.shown(main, file));
    }
    List<ResultRow> rows = rows().stream()
        .filter(r -> r.factor().equals(factor) && r.runId().equals(run))
        .toList();
    if (rows.isEmpty()) {
      throw new DossierException("no rows for factor '" + factor + "' in run '" + run + "'; check both names");
    }
    List<String> variants = rows.stream().map(ResultRow::variant).distinct().sorted().toList();
    List<String> cryptos = rows.stream().map(ResultRow::crypto).distinct().sorted().toList();
    // Fold ids are labels, taken per crypto from the rows: 'folds:' is their number per crypto.
    Map<String, SortedSet<Integer>> foldIds = FoldIds.seen(rows, factor, List.of(run), cryptos);
    int folds = foldIds.values().stream().mapToInt(SortedSet::size).max().orElseThrow();
    String base = baseline(variants);
    String readiness = track + "/mlops_readiness.md";
    Path snapshotFile = dossiers.resolve(snapshot);
    Path readinessFile = dossiers.resolve(readiness);
    main.paths().toWrite(readinessFile, SourceOptions.shown(main, readinessFile));
    String snapshotText = SnapshotWriter.write(rows);
    if (Files.exists(snapshotFile) && !snapshotText.equals(read(snapshotFile))) {
      throw DossierException.usage(SourceOptions.shown(main, snapshotFile) + " already exists with other rows; move it"
          + " away, or choose another name or --title");
    }

    // The spec, snapshot and readiness file are computed above. The dossier is rendered from the
    // spec and snapshot as `generate` reads them, so after they are written; when any step fails,
    // every file this run created is removed: nothing is left half-started, and the same command
    // can run again. A readiness file already there holds people's words: it is named and kept.
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Created created = new Created();
    String dossier;
    Pipeline.Rendered rendered;
    try {
      created.write(snapshotFile, snapshotText);
      if (!Files.exists(readinessFile)) {
        created.write(readinessFile, readinessScaffold(number, name));
      }
      created.write(specFile, spec(number, name, day, base, variants, cryptos, folds, snapshot, readiness));
      // The first dossier, from the snapshot just written: prose goes around its generated blocks.
      TrackSpec trackSpec = new SpecLoader(main.project).load(track);
      Path target = trackSpec.output();
      dossier = SourceOptions.shown(main, target);
      if (Files.exists(target)) {
        throw DossierException.usage(dossier + " already exists; move it away, or give another --date or --title");
      }
      rendered = Pipeline.render(trackSpec, source.withSnapshot(true), main, err);
      rendered.checkTables();
      Path dir = target.toAbsolutePath().getParent();
      for (Map.Entry<String, String> figure : rendered.figures().entrySet()) {
        created.write(dir.resolve(figure.getKey()), figure.getValue());
      }
      created.write(target, rendered.markdown());
    } catch (RuntimeException e) {
      created.removeAll();
      throw e;
    }

    out.println("wrote " + SourceOptions.shown(main, specFile) + ", " + SpecLoader.DOSSIERS + "/" + snapshot + ", "
        + SpecLoader.DOSSIERS + "/" + readiness + " and " + dossier + " (" + rendered.analysis().overall() + ")");
    out.println("  variants (" + variants.size() + "): " + String.join(", ", variants) + " — baseline " + base);
    String ids = FoldIds.describe(foldIds);
    out.println("  cryptos (" + cryptos.size() + "): " + String.join(", ", cryptos) + " ; folds: " + folds
        + " per crypto" + (ids.isEmpty() ? "" : " (" + ids + ")"));
    out.println("  next: fill in " + SpecLoader.DOSSIERS + "/" + readiness + " (gate 6) and the spec's narrative");
    out.flush();
    return 0;
  }

  /** The files and folders a run of {@code new} created, to remove again when a later step fails. */
  private static final class Created {
    private final List<Path> paths = new ArrayList<>();

    void write(Path file, String content) {
      // The folders the write will create (a new track's own folder), outermost first; recorded
      // before it, since a write that fails may have created them already.
      List<Path> folders = new ArrayList<>();
      for (Path d = file.toAbsolutePath().getParent(); d != null && !Files.exists(d, LinkOption.NOFOLLOW_LINKS);
          d = d.getParent()) {
        folders.add(0, d);
      }
      paths.addAll(folders);
      boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
      AtomicFile.write(file, content);
      if (!existed) {
        paths.add(file);
      }
    }

    void removeAll() {
      for (int i = paths.size() - 1; i >= 0; i--) {
        try {
          Files.deleteIfExists(paths.get(i));
        } catch (IOException e) {
          // A folder that is not empty is someone else's too; any other failure to remove leaves a
          // file that the next run's "already exists" check names. The failure that got us here is
          // what the user must read.
        }
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  /** The readiness file of gate 6 with the plan's sections to fill in; TODO keeps the gate from passing. */
  static String readinessScaffold(int number, String name) {
    StringBuilder md = new StringBuilder();
    md.append("# Track ").append(number).append(" — ").append(name).append(": MLOps readiness\n\n")
        .append("Gate 6 of the plan checks that each section below is filled in: replace each TODO with the\n")
        .append("track's own words.\n");
    List<String> sections = GatePlan.defaults().readinessSections();
    for (int i = 0; i < sections.size(); i++) {
      md.append("\n## ").append(i + 1).append(". ").append(sections.get(i)).append("\n\nTODO\n");
    }
    return md.toString();
  }

  private List<ResultRow> rows() {
    return source.sweep(main.file(data), run, factor, main, spec.commandLine().getErr(),
        "no rows to start from: give --data FILE, or --db URL").rows();
  }

  private String baseline(List<String> variants) {
    if (baseline != null) {
      if (!variants.contains(baseline)) {
        throw DossierException.usage("baseline '" + baseline + "' is not among the variants (" + String.join(", ", variants) + ")");
      }
      return baseline;
    }
    List<String> found = variants.stream().filter(BASELINES::contains).toList();
    if (found.size() != 1) {
      throw DossierException.usage("name the baseline with --baseline (variants: " + String.join(", ", variants) + ")");
    }
    return found.get(0);
  }

  private String spec(int number, String name, String day, String base, List<String> variants, List<String> cryptos,
      int folds, String snapshot, String readiness) {
    StringBuilder y = new StringBuilder();
    y.append("# Track ").append(number).append(" — written by `dossier new`; fill in the story, the plan and the\n")
        .append("# narrative, then `dossier generate ").append(track).append(" --force` (or edit the dossier's prose).\n")
        .append("track: ").append(number).append('\n')
        .append("title: ").append(quote(name)).append('\n')
        .append("date: ").append(day).append('\n')
        .append("layout: results\n")
        .append("story: ").append(quote("(story id)")).append('\n')
        .append("plan: F1_BUY_BOOST_PLAN.md\n")
        .append("snapshot: ").append(snapshot).append('\n')
        .append("readiness: ").append(readiness).append('\n')
        .append("branches:\n")
        .append("  - factor: ").append(quote(factor)).append('\n')
        .append("    runs: [").append(quote(run)).append("]\n")
        .append("    baseline: ").append(quote(base)).append('\n')
        .append("    variants:\n");
    y.append("      - name: ").append(quote(base)).append('\n');
    variants.stream().filter(v -> !v.equals(base)).forEach(v -> y.append("      - name: ").append(quote(v)).append('\n'));
    y.append("    cryptos: [").append(cryptos.stream().map(NewCommand::quote).collect(Collectors.joining(", "))).append("]\n")
        .append("    folds: ").append(folds).append('\n')
        .append("# narrative: hypothesis, tldr, paired_note, supporting, lock_note, decisions, linked_context\n");
    return y.toString();
  }

  /** A YAML double-quoted scalar: safe for any name the data may hold. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  static String humanise(String factor) {
    String words = factor.replace('_', ' ').replace('-', ' ').strip();
    return words.isEmpty() ? factor : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** The track name: letters, digits, '-', '_'; its number is the trailing digits. */
  private static final class Matcher {
    static void checkName(String track) {
      if (!track.matches("[A-Za-z][A-Za-z0-9_-]*[0-9]")) {
        throw DossierException.usage("'" + track + "' is not a track name such as track7");
      }
    }

    static int number(String track) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+)$").matcher(track);
      m.find();
      return Integer.parseInt(m.group(1));
    }
  }
}
