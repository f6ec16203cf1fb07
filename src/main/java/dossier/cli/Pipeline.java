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

/** Spec → rows → analysis → model → Markdown: what generate, refresh and check share. */
final class Pipeline {
  private Pipeline() {}

  // One FreeMarker configuration per process: its template cache then serves every dossier of a
  // `check` or `refresh` run instead of parsing the templates again for each.
  private static final class Shipped {
    static final Renderer RENDERER = new Renderer(Optional.empty());
  }

  /** @param figures SVG files by their path relative to the dossier's folder */
  record Rendered(TrackSpec spec, TrackAnalysis analysis, String markdown, Map<String, String> figures) {
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

  /** The dossier of {@code spec}, its tables not checked yet ({@link Rendered#checkTables}). */
  static Rendered render(TrackSpec spec, SourceOptions source, Main main, PrintWriter err) {
    SourceOptions.Loaded loaded = source.load(spec, main, err);
    TrackAnalysis analysis = TrackAnalysis.of(spec, loaded.rows(), loaded.source());
    // A tie of completed attempts is decided by a rule, not by the data: say so, one line each.
    for (var branch : analysis.branches()) {
      for (String tie : branch.stats().sweep().ties()) {
        err.println("dossier: warning: " + loaded.source() + ": " + tie);
      }
    }
    Provenance provenance = DossierBuilder.provenance(spec, loaded.rows(), loaded.source(), loaded.database());
    Dossier model = DossierBuilder.build(spec, analysis, loaded.rows(), provenance);
    Renderer renderer = Shipped.RENDERER;
    String markdown = dossier.render.Blocks.sign(renderer.draft(spec.layout().key(), model));
    return new Rendered(spec, analysis, markdown, renderer.figures(model));
  }
}
