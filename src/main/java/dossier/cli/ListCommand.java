package dossier.cli;

import dossier.DossierException;
import dossier.gates.TrackAnalysis;
import dossier.spec.SpecLoader;
import dossier.spec.TrackSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "List the tracks under dossiers/ with their verdicts, computed from their rows.")
final class ListCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Spec private CommandSpec spec;
  @Mixin private SourceOptions source;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SpecLoader loader = new SpecLoader(main.project);
    int failures = 0;
    for (String name : loader.names()) {
      try {
        TrackSpec s = loader.load(name);
        // The per-track "reading the snapshot" notes would drown the list; say it once below.
        SourceOptions.Loaded loaded = source.load(s, main, new PrintWriter(new StringWriter()));
        TrackAnalysis a = TrackAnalysis.of(s, loaded.rows(), loaded.source());
        out.println(String.format(Locale.ROOT, "%-10s %-8s Track %d — %s (%s)", name, a.overall(), s.track(),
            s.title(), loaded.source()));
      } catch (DossierException e) {
        failures++;
        out.println(String.format(Locale.ROOT, "%-10s %-8s %s", name, "ERROR", e.getMessage()));
      }
    }
    out.flush();
    if (loader.names().isEmpty()) {
      err.println("dossier: no track specs under " + SpecLoader.DOSSIERS + "/");
    }
    err.flush();
    return failures == 0 ? 0 : DossierException.WORK_FAILED;
  }
}
