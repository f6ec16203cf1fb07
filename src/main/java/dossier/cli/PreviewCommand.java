package dossier.cli;

import dossier.render.AtomicFile;
import dossier.render.Preview;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "preview", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Write a standalone HTML page of a dossier as the Markdown site shows it, figures inlined.")
final class PreviewCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The dossier (Markdown).")
  private Path file;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE.html", description = "Where to write (default: FILE with .html).")
  private Path out;

  @Override
  public Integer call() {
    Path out = main.file(this.out);
    Path dossier = main.dossierFile(file);
    String shown = SourceOptions.shown(main, dossier);
    Path target = out != null ? out : dossier.resolveSibling(dossier.getFileName().toString().replaceFirst("\\.md$", "")
        + ".html");
    // Both checked before either is read: a FIFO would block the read, and a target that is the
    // dossier's own link would be replaced.
    main.paths().toRead(dossier, shown);
    main.paths().toWrite(target, (out != null ? "--out " : "") + SourceOptions.shown(main, target));
    String html = Preview.html(dossier, Refresher.read(dossier, shown),
        figure -> main.paths().toRead(figure, SourceOptions.shown(main, figure)));
    AtomicFile.write(target, html);
    spec.commandLine().getOut().println("wrote " + SourceOptions.shown(main, target));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
