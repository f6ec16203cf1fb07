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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Exit 0 when every number of the dossiers is current, 1 when one is stale, printing what would "
        + "change (old → new). Writes nothing.", "With no FILE, every dossier under dossiers/."})
final class CheckCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Spec private CommandSpec spec;
  @Mixin private SourceOptions source;
  /** What a check or a commit tells a person who edited inside a block, to discard the edit. */
  static final String REFRESH_FORCE = "`dossier refresh --force {file}`";

  @Parameters(paramLabel = "FILE", description = "Dossiers to check.")
  private List<Path> files = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> dossiers = new Refresher(main, source, err).files(files);
    int stale = 0;
    int failed = 0; // the highest exit code of the files that failed: 2 for an invalid spec
    // The dossiers are computed several at a time; their results are printed here, in file order.
    try (Concurrently<Refresher.Outcome> results = Concurrently.start(dossiers.size(),
        (i, taskErr) -> new Refresher(main, source, taskErr, REFRESH_FORCE).compute(dossiers.get(i)), err)) {
      for (int i = 0; i < dossiers.size(); i++) {
        try {
          Refresher.Outcome o = results.take(i).replay(err);
          if (o.stale()) {
            stale++;
            out.print(StaleDiff.describe(o));
          } else {
            out.println("current " + o.shown());
          }
        } catch (DossierException e) {
          failed = Math.max(failed, e.exitCode());
          err.println("dossier: " + e.getMessage());
        }
      }
    }
    out.flush();
    err.flush();
    return failed != 0 ? failed : stale == 0 ? 0 : DossierException.WORK_FAILED;
  }
}
