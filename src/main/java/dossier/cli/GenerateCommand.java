package dossier.cli;

import dossier.gates.TrackAnalysis;
import dossier.model.DossierBuilder;
import dossier.model.Dossier;
import dossier.render.AtomicFile;
import dossier.render.Renderer;
import dossier.spec.SpecLoader;
import dossier.spec.TrackSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write a track's dossier from its spec and its rows.")
final class GenerateCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin SourceOptions source;

  @Parameters(paramLabel = "TRACK", description = "The track, e.g. track6 (its spec is dossiers/TRACK.yaml).")
  String track;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write (default: the spec's output).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    SpecLoader loader = new SpecLoader(main.project);
    TrackSpec trackSpec = loader.load(track);
    SourceOptions.Loaded loaded = source.load(trackSpec, main, err);
    TrackAnalysis analysis = TrackAnalysis.of(trackSpec, loaded.rows(), loaded.source());
    Dossier model = DossierBuilder.build(trackSpec, analysis, loaded.rows());
    String markdown = new Renderer(Optional.empty()).render(trackSpec.layout().key(), model);
    Path target = out != null ? out : trackSpec.output();
    AtomicFile.write(target, markdown);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("wrote " + SourceOptions.shown(main, target) + " (" + analysis.overall() + ")");
    stdout.flush();
    return 0;
  }
}
