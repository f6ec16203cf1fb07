package dossier.cli;

import dossier.DossierException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "refresh", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Recompute the numbers of dossiers in place: only the text between dossier:begin and dossier:end "
        + "markers changes; every other byte stays as people wrote it.",
        "With no FILE, every dossier under dossiers/."})
final class RefreshCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Spec private CommandSpec spec;
  @Mixin private SourceOptions source;

  @Parameters(paramLabel = "FILE", description = "Dossiers to refresh.")
  private List<Path> files = new ArrayList<>();

  @Option(names = "--fail-on-change",
      description = "Exit 1 when a file was changed (for the pre-commit framework: re-stage and commit again).")
  private boolean failOnChange;

  @Option(names = "--force", description = "Discard what people wrote inside generated blocks (refused otherwise).")
  private boolean force;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String discard = force ? null : "`--force`";
    Refresher refresher = new Refresher(main, source, err, discard);
    List<Path> dossiers = refresher.files(files);
    List<String> changed = new ArrayList<>();
    int failed = 0; // the highest exit code of the files that failed: 2 for an invalid spec
    // One after another: a dossier is computed after the one before it was written (two dossiers may
    // share figures, or one may be named twice).
    for (Path file : dossiers) {
      try {
        Refresher.Outcome o = refresher.refresh(file);
        if (o.stale()) {
          changed.add(o.shown());
          List<String> what = new ArrayList<>(o.changed());
          what.addAll(o.staleFigures());
          out.println("refreshed " + o.shown() + " (" + String.join(", ", what) + ")");
        } else if (!o.old().equals(o.fresh())) {
          out.println("checksummed " + o.shown() + " (numbers current; its blocks now carry checksums)");
        } else {
          out.println("up to date " + o.shown());
        }
      } catch (DossierException e) {
        failed = Math.max(failed, e.exitCode());
        err.println("dossier: " + e.getMessage());
      }
    }
    out.flush();
    err.flush();
    if (failed != 0) {
      return failed;
    }
    return failOnChange && !changed.isEmpty() ? DossierException.WORK_FAILED : 0;
  }
}
