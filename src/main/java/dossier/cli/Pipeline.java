package dossier.cli;

import dossier.gates.TrackAnalysis;
import dossier.model.Dossier;
import dossier.model.DossierBuilder;
import dossier.render.Renderer;
import dossier.spec.TrackSpec;
import java.io.PrintWriter;
import java.util.Optional;

/** Spec → rows → analysis → model → Markdown: what generate, refresh and check share. */
final class Pipeline {
  private Pipeline() {}

  record Rendered(TrackSpec spec, TrackAnalysis analysis, String markdown) {}

  static Rendered render(TrackSpec spec, SourceOptions source, Main main, PrintWriter err) {
    SourceOptions.Loaded loaded = source.load(spec, main, err);
    TrackAnalysis analysis = TrackAnalysis.of(spec, loaded.rows(), loaded.source());
    Dossier model = DossierBuilder.build(spec, analysis, loaded.rows(), loaded.source(), loaded.database());
    return new Rendered(spec, analysis, new Renderer(Optional.empty()).render(spec.layout().key(), model));
  }
}
