package dossier.cli;

import dossier.DossierException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        "2:usage (a bad option, or a --query that names no file of the project)",
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
    try {
      source.checkQuery(main);
    } catch (DossierException e) {
      if (e.exitCode() == DossierException.USAGE) {
        throw e; // no such file, a folder, outside the project: the command line's fault, exit 2
      }
      // A file that is there but cannot be read fails the check, not the command line: one line,
      // and the report still printed, so that CI's JSON or comment says why.
      err.println("dossier: " + e.getMessage());
      checked.add(CheckReport.Checked.failed(null, e.getMessage()));
      return report(checked, out, err);
    }
    List<Path> dossiers;
    try {
      dossiers = new Refresher(main, source, err).files(files);
    } catch (DossierException e) {
      err.println("dossier: " + e.getMessage());
      checked.add(CheckReport.Checked.failed(null, e.getMessage()));
      return report(checked, out, err);
    }
    // Computed several at a time, each into a value (its report, what it prints, what it wrote to
    // standard error), and printed here in file order: the output is that of a loop over the files.
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(dossiers.size(),
        Runtime.getRuntime().availableProcessors())));
    try {
      List<Future<Done>> futures = dossiers.stream().map(file -> pool.submit(() -> check(file))).toList();
      for (Future<Done> future : futures) {
        Done done = result(future);
        done.err().writeTo(err);
        if (done.defect() != null) {
          throw done.defect(); // after what the dossier printed, as in a loop
        }
        checked.add(done.checked());
        if (done.checked().status() == CheckReport.Status.error) {
          err.println("dossier: " + done.checked().error());
        } else if (format == Format.text) {
          out.print(done.text());
        }
      }
    } finally {
      pool.shutdownNow(); // after a failure, the dossiers not yet checked are not needed
    }
    return report(checked, out, err);
  }

  /**
   * One dossier checked: its report, the text {@code --format text} prints, its standard error, and
   * a defect of the tool's it threw (null when none), thrown once its standard error is printed.
   */
  private record Done(CheckReport.Checked checked, String text, TaskErr err, RuntimeException defect) {}

  private Done check(Path file) {
    TaskErr taskErr = new TaskErr();
    try {
      Refresher.Outcome o = new Refresher(main, source, taskErr, REFRESH_FORCE).compute(file);
      String text = format != Format.text ? "" : o.stale() ? StaleDiff.describe(o) : "current " + o.shown() + "\n";
      return new Done(CheckReport.Checked.of(o), text, taskErr, null);
    } catch (DossierException e) {
      return new Done(CheckReport.Checked.failed(SourceOptions.shown(main, file), e.getMessage()), "", taskErr, null);
    } catch (RuntimeException e) {
      return new Done(null, "", taskErr, e);
    }
  }

  /** What a task returned (it catches what it throws but an Error, thrown here). */
  private static Done result(Future<Done> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking dossiers", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
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
