package dossier.cli;

import dossier.DossierException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class RefreshCommand implements Callable<Integer> {
  private final Main main;
  final CommandSpec spec;

  RefreshCommand(Main main) {
    this.main = main;
    spec = Cli.command(this, "refresh", "Recompute the numbers of dossiers in place: only the text between "
        + "dossier:begin and dossier:end markers changes; every other byte stays as people wrote it.",
        "With no FILE, every dossier under dossiers/.");
    SourceOptions.addTo(spec);
    spec.addPositional(Cli.positionals(Path.class, "FILE", "Dossiers to refresh."));
    spec.addOption(Cli.flag("Exit 1 when a file was changed (for the pre-commit framework: re-stage and commit "
        + "again).", "--fail-on-change"));
    spec.addOption(Cli.flag("Discard what people wrote inside generated blocks (refused otherwise).", "--force"));
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SourceOptions source = SourceOptions.of(spec);
    List<Path> files = Cli.positionals(spec, 0);
    String discard = Cli.given(spec, "--force") ? null : "`--force`";
    Refresher refresher = new Refresher(main, source, err, discard);
    List<Path> dossiers = refresher.files(files);
    List<String> changed = new ArrayList<>();
    int failed = 0; // the highest exit code of the files that failed: 2 for an invalid spec
    // The dossiers are computed several at a time; they are written, and reported, here in file order.
    try (Concurrently<Refresher.Outcome> results = Concurrently.start(dossiers.size(),
        (i, taskErr) -> new Refresher(main, source, taskErr, discard).compute(dossiers.get(i)), err)) {
      for (int i = 0; i < dossiers.size(); i++) {
        Path file = dossiers.get(i);
        try {
          Refresher.Outcome o = refresher.write(refresher.inTurn(results.take(i), file, () -> refresher.compute(file)));
          if (o.stale()) {
            changed.add(o.shown());
            List<String> what = new ArrayList<>(o.changed());
            o.staleFigures().forEach(f -> what.add(f));
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
    }
    out.flush();
    err.flush();
    if (failed != 0) {
      return failed;
    }
    return Cli.given(spec, "--fail-on-change") && !changed.isEmpty() ? DossierException.WORK_FAILED : 0;
  }
}
