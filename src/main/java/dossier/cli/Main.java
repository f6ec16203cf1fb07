package dossier.cli;

import dossier.DossierException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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

  /** The subcommands in the order of the usage message. */
  static final List<String> COMMANDS = List.of("generate", "refresh", "check", "stats", "list", "snapshot", "new",
      "hook", "preview", "sample-data");

  // A switch rather than a map of constructor references: each reference would spin a class at start-up.
  private static Object command(String name) {
    return switch (name) {
      case "generate" -> new GenerateCommand();
      case "refresh" -> new RefreshCommand();
      case "check" -> new CheckCommand();
      case "stats" -> new StatsCommand();
      case "list" -> new ListCommand();
      case "snapshot" -> new SnapshotCommand();
      case "new" -> new NewCommand();
      case "hook" -> new HookCommand();
      case "preview" -> new PreviewCommand();
      case "sample-data" -> new SampleDataCommand();
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** The commands that render dossiers. */
  private static final List<String> RENDERING = List.of("generate", "refresh", "check", "hook", "new", "preview");

  public static void main(String[] args) {
    String named = commandNamed(args);
    if (named != null && RENDERING.contains(named)) {
      Pipeline.prepare();
    }
    System.exit(commandLine(System.getenv(), Path.of(System.getProperty("user.home")), args).execute(args));
  }

  /**
   * The command line for {@code args}, with the tool's error handling; tests set their own out and
   * err writers.
   *
   * <p>Picocli builds its model of a command by reflection, which took most of the start-up of a
   * run (about 0.15 s of a 0.25 s {@code --version}), so only the command that {@code args} names
   * is registered. Without a command name (usage, a mistyped command) every command is, so that the
   * usage lists them all and a typo gets suggestions; {@code --version} alone needs none.
   */
  public static CommandLine commandLine(Map<String, String> env, Path home, String... args) {
    CommandLine cl = new CommandLine(new Main(env, home));
    String named = commandNamed(args);
    boolean versionOnly = args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"));
    for (String name : COMMANDS) {
      if (named == null ? !versionOnly : named.equals(name)) {
        cl.addSubcommand(name, command(name));
      }
    }
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

  /**
   * The command that {@code args} names: their first positional argument, when it is one and only
   * {@code -C DIR} comes before it. After any other option ({@code --help check}, a mistyped
   * option) picocli answers at the top level, and its usage then lists every command.
   */
  static String commandNamed(String... args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-C") || a.equals("--project")) {
        i++; // its value
      } else if (a.startsWith("--project=") || (a.startsWith("-C") && a.length() > 2)) {
        continue; // -CDIR, -C=DIR, --project=DIR
      } else if (a.startsWith("-")) {
        return null;
      } else {
        return COMMANDS.contains(a) ? a : null;
      }
    }
    return null;
  }
}
