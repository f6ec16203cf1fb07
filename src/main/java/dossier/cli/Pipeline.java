package dossier.cli;

import dossier.gates.TrackAnalysis;
import dossier.model.Dossier;
import dossier.model.Dossier.Provenance;
import dossier.model.DossierBuilder;
import dossier.render.Renderer;
import dossier.spec.TrackSpec;
import dossier.render.AtomicFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Spec → rows → analysis → model → Markdown: what generate, refresh and check share. */
final class Pipeline {
  private Pipeline() {}

  // One FreeMarker configuration per process: its template cache then serves every dossier of a
  // `check` or `refresh` run instead of parsing the templates again for each.
  private static final class Shipped {
    static final Renderer RENDERER = new Renderer(Optional.empty());
  }

  /**
   * @param figures SVG files by their path relative to the dossier's folder
   * @param draftWith the same dossier's Markdown with another provenance (not signed); null when unknown
   */
  record Rendered(TrackSpec spec, TrackAnalysis analysis, String markdown, Map<String, String> figures,
      Provenance provenance, Function<Provenance, String> draftWith) {
    Rendered(TrackSpec spec, TrackAnalysis analysis, String markdown, Map<String, String> figures) {
      this(spec, analysis, markdown, figures, null, null);
    }

    /** The generated block that names where the rows came from. */
    static final String PROVENANCE = "provenance";

    /**
     * Whether {@code old}, a provenance block's content, is this rendering's but for where the rows
     * came from: the same rows (count and SHA-256), spec, settings and tool, read from the snapshot
     * instead of the database or the reverse, or from another server. Such a footer is kept: a
     * dossier is stale when a number changes, and teammates with and without the database would
     * otherwise rewrite it in turn.
     */
    boolean sameButSource(String old) {
      if (draftWith == null) {
        return false;
      }
      String was = old.replace("\r\n", "\n").strip();
      for (boolean database : new boolean[] {false, true}) {
        String sentinel = "dossierSourceSentinel";
        String draft = draftWith.apply(new Provenance(provenance.spec(), provenance.specFile(), database, sentinel,
            provenance.rows(), provenance.sha256(), provenance.version()));
        String begin = dossier.render.Blocks.beginMarker(PROVENANCE);
        int from = draft.indexOf(begin);
        int to = draft.indexOf(dossier.render.Blocks.endMarker(PROVENANCE), from);
        String[] around = draft.substring(from + begin.length(), to).strip().split(sentinel, -1);
        // The source is one line of text between what the layout writes around it.
        if (around.length == 2 && was.length() > around[0].length() + around[1].length()
            && was.startsWith(around[0]) && was.endsWith(around[1])
            && !was.substring(around[0].length(), was.length() - around[1].length()).contains("\n")) {
          return true;
        }
      }
      return false;
    }
    /**
     * Refuses the Markdown when a table of it is broken: called before it, or a block of it, goes
     * into a file ({@link Renderer#draft}).
     */
    void checkTables() {
      Renderer.checkTables(spec.layout().key(), markdown);
    }

    /**
     * Writes the figures next to the dossier at {@code target}, each atomically, once every one of
     * them is found to be a file the project may write ({@link dossier.ProjectPaths}).
     */
    void writeFigures(Path target, Main main) {
      Path dir = target.toAbsolutePath().getParent();
      figures.keySet().forEach(path -> main.paths().toWrite(dir.resolve(path),
          SourceOptions.shown(main, dir.resolve(path))));
      figures.forEach((path, svg) -> AtomicFile.write(dir.resolve(path), svg));
    }

    /** The figures whose file next to {@code target} is missing or differs. */
    List<String> staleFigures(Path target) {
      Path dir = target.toAbsolutePath().getParent();
      return figures.entrySet().stream().filter(e -> !sameContent(dir.resolve(e.getKey()), e.getValue()))
          .map(Map.Entry::getKey).toList();
    }

    private static boolean sameContent(Path file, String content) {
      try {
        return Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content);
      } catch (IOException | java.io.UncheckedIOException e) {
        return false;
      }
    }
  }

  /**
   * A tie of completed attempts is decided by a rule, not by the data: says so, one line each, for
   * the commands that compute a dossier or print an analysis ({@code list} only counts rows).
   */
  static void warnTies(TrackAnalysis analysis, String source, PrintWriter err) {
    for (var branch : analysis.branches()) {
      for (dossier.source.Tie tie : branch.stats().sweep().ties()) {
        err.println("dossier: warning: " + source + ": " + tie.warning());
      }
    }
  }

  /** The dossier of {@code spec}, its tables not checked yet ({@link Rendered#checkTables}). */
  static Rendered render(TrackSpec spec, SourceOptions source, Main main, PrintWriter err) {
    SourceOptions.Loaded loaded = source.load(spec, main, err);
    TrackAnalysis analysis = TrackAnalysis.of(spec, loaded.rows(), loaded.source());
    warnTies(analysis, loaded.source(), err);
    Provenance provenance = DossierBuilder.provenance(spec, loaded.rows(), loaded.source(), loaded.database());
    Dossier model = DossierBuilder.build(spec, analysis, loaded.rows(), provenance);
    Renderer renderer = Shipped.RENDERER;
    String markdown = dossier.render.Blocks.sign(renderer.draft(spec.layout().key(), model));
    return new Rendered(spec, analysis, markdown, renderer.figures(model), provenance,
        p -> renderer.draft(spec.layout().key(), DossierBuilder.build(spec, analysis, loaded.rows(), p)));
  }
}
