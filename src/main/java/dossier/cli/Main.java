package dossier.cli;

import dossier.DossierException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dossier}: results dossiers from ML sweep rows. Exit codes: 0 ok, 1 the work failed, 2 usage. */
@Command(
    name = "dossier",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Results dossiers for ML sweeps: every number from the data, every time.",
    subcommands = {GenerateCommand.class, RefreshCommand.class, CheckCommand.class, StatsCommand.class,
        ListCommand.class, SnapshotCommand.class, NewCommand.class, HookCommand.class, PreviewCommand.class,
        SampleDataCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:the work failed (bad data, unreachable database, unwritable file)",
        "2:usage (bad option, unknown track, invalid spec)"})
public final class Main {
  @Option(names = {"-C", "--project"}, paramLabel = "DIR", defaultValue = ".",
      description = "Project folder, the one holding dossiers/ (default: the current folder).",
      scope = CommandLine.ScopeType.INHERIT)
  Path project;

  final Map<String, String> env;
  final Path home;

  public Main(Map<String, String> env, Path home) {
    this.env = Map.copyOf(env);
    this.home = home;
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv(), Path.of(System.getProperty("user.home"))).execute(args));
  }

  /** The command line with the tool's error handling; tests set their own out and err writers. */
  public static CommandLine commandLine(Map<String, String> env, Path home) {
    CommandLine cl = new CommandLine(new Main(env, home));
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (e instanceof DossierException d) {
        err.println("dossier: " + d.getMessage());
        err.flush();
        return d.exitCode();
      }
      err.println("dossier: internal error: " + e);
      e.printStackTrace(err);
      err.flush();
      return DossierException.WORK_FAILED;
    });
    return cl;
  }
}
