package dossier.cli;

import dossier.render.AtomicFile;
import dossier.render.Preview;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class PreviewCommand implements Callable<Integer> {
  private final Main main;
  final CommandSpec spec;

  PreviewCommand(Main main) {
    this.main = main;
    spec = Cli.command(this, "preview",
        "Write a standalone HTML page of a dossier as the Markdown site shows it, figures inlined.");
    spec.addPositional(Cli.positional(Path.class, "FILE", "1", "The dossier (Markdown)."));
    spec.addOption(Cli.option(Path.class, "FILE.html", "Where to write (default: FILE with .html).", "-o", "--out")
        .build());
  }

  @Override
  public Integer call() {
    Path file = Cli.positional(spec, 0);
    Path out = main.file(Cli.value(spec, "--out"));
    Path dossier = file.isAbsolute() ? file : main.project.resolve(file);
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
