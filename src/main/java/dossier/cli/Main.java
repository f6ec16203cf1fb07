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
    System.exit(run(System.getenv(), Path.of(System.getProperty("user.home")), null, null, args));
  }

  private static void defaultProperty(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /**
   * A whole run as {@link #main} makes it, without exiting; {@code out} and {@code err} replace
   * the standard streams when not null. The build's training run for the class-data archive
   * ({@link CdsTraining}) goes through here, so that it loads what a real run loads.
   *
   * @return the exit code
   */
  static int run(Map<String, String> env, Path home, PrintWriter out, PrintWriter err, String... args) {
    // FreeMarker would set up java.util.logging, for messages that a command line never shows
    // (template errors reach the user as exceptions).
    defaultProperty("org.freemarker.loggerLibrary", "none");
    // Reflection writes a class for every method it calls more than 15 times; a run calls a few
    // dozen record accessors (TemplateTree) a few hundred times each, where the JDK's native
    // accessor costs less than writing, loading and compiling those classes. (Read once, at the
    // first reflective call, which comes later than this.)
    defaultProperty("sun.reflect.inflationThreshold", String.valueOf(Integer.MAX_VALUE));
    String named = commandNamed(args);
    if (named != null && RENDERING.contains(named)) {
      Pipeline.prepare();
    }
    CommandLine cl = commandLine(env, home, args);
    if (out != null) {
      cl.setOut(out);
    }
    if (err != null) {
      cl.setErr(err);
    }
    return cl.execute(args);
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
    cl.setExecutionExceptionHandler(new ErrorHandler());
    return cl;
  }

  // A class, not a lambda: picocli's interfaces are Java 5 class files, and the class-data archive
  // cannot hold a lambda that implements one, so a lambda would be spun on every run.
  private static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
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
    }
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
