package dossier.cli;

import dossier.DossierException;
import dossier.render.AtomicFile;
import dossier.render.Blocks;
import dossier.spec.SpecLoader;
import dossier.spec.TrackSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Write a track's dossier from its spec and its rows.",
        "An existing dossier whose text was edited by hand outside its generated blocks is not "
            + "overwritten: `dossier refresh` updates its numbers and keeps the text."})
final class GenerateCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Spec private CommandSpec spec;
  @Mixin private SourceOptions source;

  @Parameters(paramLabel = "TRACK", description = "The track, e.g. track6 (its spec is dossiers/TRACK.yaml).")
  private String track;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write (default: the spec's output).")
  private Path out;

  @Option(names = "--force", description = "Overwrite the dossier even if people edited its text.")
  private boolean force;

  @Override
  public Integer call() {
    return generate(track, main.file(out), force, source, spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  /** Writes {@code track}'s dossier to {@code out}, or to its spec's output when {@code out} is null. */
  int generate(String track, Path out, boolean force, SourceOptions source, PrintWriter stdout, PrintWriter err) {
    // A target that cannot be written (a link, a FIFO, a folder, outside the project) is refused
    // before anything is read: reading the old text of a FIFO would block.
    if (out != null) {
      main.paths().toWrite(out, "--out " + SourceOptions.shown(main, out));
    }
    TrackSpec trackSpec = new SpecLoader(main.project).load(track);
    Path target = out != null ? out : trackSpec.output();
    String shown = SourceOptions.shown(main, target);
    if (out == null) {
      main.paths().toWrite(target, shown);
    }
    String existing = existing(target, shown, force);
    Pipeline.Rendered rendered = Pipeline.render(trackSpec, source, main, err);
    if (!rendered.markdown().equals(existing)) {
      // A render equal to the file writes the bytes that are there already; any other is checked:
      // its tables, and its markers, which every later refresh and check must find.
      rendered.checkTables();
      Blocks.parseRendered(rendered.markdown());
    }
    if (!force && existing != null) {
      keepsPeoplesText(shown, existing, rendered.markdown());
    }
    rendered.writeFigures(target, main);
    AtomicFile.write(target, rendered.markdown());
    stdout.println("wrote " + shown + " (" + rendered.analysis().overall() + ")");
    stdout.flush();
    return 0;
  }

  /**
   * The dossier's text now, or null when there is none; with --force, also when it cannot be read
   * (it is overwritten whatever it holds).
   */
  private static String existing(Path target, String shown, boolean force) {
    if (!Files.exists(target)) {
      return null;
    }
    try {
      return Refresher.read(target, shown);
    } catch (DossierException e) {
      if (force) {
        return null;
      }
      throw e;
    }
  }

  /** Refuses to replace a file whose text outside the generated blocks is not what we would write. */
  private static void keepsPeoplesText(String shown, String existing, String fresh) {
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
    Blocks.Parsed rendered = Blocks.parse(fresh, "the rendered dossier");
    if (!old.outside().equals(rendered.outside())) {
      throw new DossierException(shown + " has text written by people outside its generated blocks; "
          + "`dossier refresh " + shown + "` updates its numbers and keeps that text (--force overwrites it)");
    }
    List<Blocks.Block> edited = old.editedAgainst(rendered);
    if (!edited.isEmpty()) {
      throw Blocks.edited(shown, edited, "`--force`");
    }
  }
}
