package dossier.cli;

import dossier.DossierException;
import dossier.render.AtomicFile;
import dossier.render.Blocks;
import dossier.spec.SpecLoader;
import dossier.spec.TrackSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Write a track's dossier from its spec and its rows.",
        "An existing dossier whose text was edited by hand outside its generated blocks is not "
            + "overwritten: `dossier refresh` updates its numbers and keeps the text."})
final class GenerateCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin SourceOptions source;

  @Parameters(paramLabel = "TRACK", description = "The track, e.g. track6 (its spec is dossiers/TRACK.yaml).")
  String track;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write (default: the spec's output).")
  Path out;

  @Option(names = "--force", description = "Overwrite the dossier even if people edited its text.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    TrackSpec trackSpec = new SpecLoader(main.project).load(track);
    Pipeline.Rendered rendered = Pipeline.render(trackSpec, source, main, err);
    Path target = out != null ? out : trackSpec.output();
    if (!force && Files.exists(target)) {
      keepsPeoplesText(target, rendered.markdown());
    }
    rendered.writeFigures(target);
    AtomicFile.write(target, rendered.markdown());
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("wrote " + SourceOptions.shown(main, target) + " (" + rendered.analysis().overall() + ")");
    stdout.flush();
    return 0;
  }

  /** Refuses to replace a file whose text outside the generated blocks is not what we would write. */
  private void keepsPeoplesText(Path target, String fresh) {
    String shown = SourceOptions.shown(main, target);
    String existing = Refresher.read(target, shown);
    // Generate run again on the same rows: the file is what would be written, so nothing of
    // people's is in it (and it parses, as every dossier rendered does, with its spec line).
    if (existing.equals(fresh)) {
      return;
    }
    Blocks.Parsed old = Blocks.parse(existing, shown);
    if (old.spec().isEmpty()) {
      throw new DossierException(shown + ":1: no <!-- dossier:spec … --> first line: dossier did not write this file,"
          + " or its first line was deleted; put the line back, move the file away, or pass --force to overwrite it");
    }
    if (!old.outside().equals(Blocks.parse(fresh, "the rendered dossier").outside())) {
      throw new DossierException(shown + " has text written by people outside its generated blocks; "
          + "`dossier refresh " + shown + "` updates its numbers and keeps that text (--force overwrites it)");
    }
  }
}
