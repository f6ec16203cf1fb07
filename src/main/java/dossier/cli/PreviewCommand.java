package dossier.cli;

import dossier.render.AtomicFile;
import dossier.render.Preview;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "preview", mixinStandardHelpOptions = true,
    description = "Write a standalone HTML page of a dossier as the Markdown site shows it, figures inlined.")
final class PreviewCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The dossier (Markdown).")
  Path file;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE.html", description = "Where to write (default: FILE with .html).")
  Path out;

  @Override
  public Integer call() {
    Path dossier = file.isAbsolute() ? file : main.project.resolve(file);
    String shown = SourceOptions.shown(main, dossier);
    String html = Preview.html(dossier, Refresher.read(dossier, shown));
    Path target = out != null ? out : dossier.resolveSibling(dossier.getFileName().toString().replaceFirst("\\.md$", "")
        + ".html");
    AtomicFile.write(target, html);
    spec.commandLine().getOut().println("wrote " + SourceOptions.shown(main, target));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
