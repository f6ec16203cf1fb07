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

@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Whether every number of the dossiers is current, printing what would change (block, row and "
        + "column, old → new). Writes nothing.", "With no FILE, every dossier under dossiers/."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every dossier is current",
        "1:a dossier is stale: `dossier refresh` writes the fresh numbers",
        "2:usage (bad option)",
        "3:a dossier could not be checked (unreadable file, bad spec, database failure, an edit inside a block); "
            + "it wins over 1"})
final class CheckCommand implements Callable<Integer> {
  /** The exit code of a check that could not say whether a dossier is current. */
  static final int COULD_NOT_CHECK = 3;
  /** What a check or a commit tells a person who edited inside a block, to discard the edit. */
  static final String REFRESH_FORCE = "`dossier refresh --force {file}`";

  enum Format { text, json, markdown }

  @ParentCommand private Main main;
  @Spec private CommandSpec spec;
  @Mixin private SourceOptions source;

  @Parameters(paramLabel = "FILE", description = "Dossiers to check.")
  private List<Path> files = new ArrayList<>();

  @Option(names = "--format", paramLabel = "<format>", defaultValue = "text",
      description = "text, json (the changes as data) or markdown (a summary to post on a pull request); "
          + "default: ${DEFAULT-VALUE}. Errors also go to standard error.")
  private Format format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<CheckReport.Checked> checked = new ArrayList<>();
    List<Path> dossiers;
    try {
      dossiers = new Refresher(main, source, err).files(files);
    } catch (DossierException e) {
      err.println("dossier: " + e.getMessage());
      checked.add(CheckReport.Checked.failed(null, e.getMessage()));
      return report(checked, out, err);
    }
    // The dossiers are computed several at a time; their results are printed here, in file order.
    try (Concurrently<Refresher.Outcome> results = Concurrently.start(dossiers.size(),
        (i, taskErr) -> new Refresher(main, source, taskErr, REFRESH_FORCE).compute(dossiers.get(i)), err)) {
      for (int i = 0; i < dossiers.size(); i++) {
        try {
          Refresher.Outcome o = results.take(i).replay(err);
          checked.add(CheckReport.Checked.of(o));
          if (format == Format.text) {
            out.print(o.stale() ? StaleDiff.describe(o) : "current " + o.shown() + "\n");
          }
        } catch (DossierException e) {
          checked.add(CheckReport.Checked.failed(SourceOptions.shown(main, dossiers.get(i)), e.getMessage()));
          err.println("dossier: " + e.getMessage());
        }
      }
    }
    return report(checked, out, err);
  }

  private int report(List<CheckReport.Checked> checked, PrintWriter out, PrintWriter err) {
    int exit = CheckReport.exitCode(checked);
    if (format == Format.json) {
      out.print(CheckReport.json(checked, exit));
    } else if (format == Format.markdown) {
      out.print(CheckReport.markdown(checked));
    }
    out.flush();
    err.flush();
    return exit;
  }
}
