package dossier.cli;

import dossier.DossierException;
import dossier.Heap;
import dossier.ProjectPaths;
import dossier.spec.SpecLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code dossier}: results dossiers from ML sweep rows. Exit codes: 0 ok, 1 the work failed, 2 usage. */
@Command(name = "dossier", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Results dossiers for ML sweeps: every number from the data, every time.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:ok",
        "1:the work failed (bad data, unreachable database, unwritable file)",
        "2:usage (bad option, unknown track, invalid spec)",
        "3:`check` only: a dossier could not be checked (1 there means stale)"},
    subcommands = {GenerateCommand.class, RefreshCommand.class, CheckCommand.class, StatsCommand.class,
        ListCommand.class, SnapshotCommand.class, NewCommand.class, HookCommand.class, PreviewCommand.class,
        AutoComplete.GenerateCompletion.class})
public final class Main {
  /**
   * The folder the command was run from, absolute. Every path a user gives is relative to it; tests
   * run commands in-process from folders other than the JVM's own.
   */
  final Path cwd;

  /**
   * The project folder, absolute: {@code -C DIR}, set while the command line is parsed; else the
   * nearest folder holding {@code dossiers/} from the working folder up ({@link #findProject}).
   */
  Path project;

  /** Whether -C named the project: a dossier named on the command line is then relative to it, as with git -C. */
  private boolean projectGiven;

  final Map<String, String> env;
  final Path home;

  /** The command as this process was started: its environment, home and working folder. */
  public Main() {
    this(System.getenv(), Path.of(System.getProperty("user.home")), workingDir());
  }

  public Main(Map<String, String> env, Path home, Path cwd) {
    if (!cwd.isAbsolute()) {
      throw new IllegalArgumentException("not absolute: " + cwd);
    }
    this.cwd = cwd;
    this.project = findProject(cwd);
    this.env = filesFrom(cwd, env);
    this.home = home;
  }

  // Inherited: `dossier -C DIR check` and `dossier check -C DIR` both set this, on this object.
  @Option(names = {"-C", "--project"}, paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Project folder, the one holding dossiers/ (default: the nearest folder holding dossiers/, "
          + "from the current folder up, as git finds .git; else the current folder).")
  void project(Path dir) {
    project = cwd.resolve(dir).normalize();
    projectGiven = true;
  }

  /**
   * The project of a command run in {@code cwd}: the nearest folder, {@code cwd} or one above it,
   * that holds {@code dossiers/}, so that dossier runs from {@code dossiers/} or {@code src/} as git
   * runs from any folder of a repository; {@code cwd} itself when none does.
   */
  static Path findProject(Path cwd) {
    for (Path dir = cwd.normalize(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(SpecLoader.DOSSIERS))) {
        return dir;
      }
    }
    return cwd;
  }

  /**
   * A dossier named on the command line: relative to the project given with -C (as git -C), else
   * to the folder the command was run from.
   */
  Path dossierFile(Path path) {
    return path.isAbsolute() ? path : (projectGiven ? project : cwd).resolve(path);
  }

  /** The variables of libpq's that name a file or folder, which it reads relative to where it runs. */
  private static final List<String> PG_FILES = List.of("PGPASSFILE", "PGSERVICEFILE", "PGSYSCONFDIR");

  /** {@code env} with the relative paths of {@link #PG_FILES} resolved against {@code cwd}. */
  private static Map<String, String> filesFrom(Path cwd, Map<String, String> env) {
    Map<String, String> copy = new HashMap<>(env);
    for (String key : PG_FILES) {
      String value = copy.get(key);
      if (value != null && !value.isEmpty() && !Path.of(value).isAbsolute()) {
        copy.put(key, cwd.resolve(value).toString());
      }
    }
    return Map.copyOf(copy);
  }

  /** {@code path} as the user meant it: relative to the folder the command was run from. */
  Path file(Path path) {
    return path == null ? null : cwd.resolve(path);
  }

  /** The rule for the files a command reads or writes on a spec's or the command line's word (-C known by now). */
  ProjectPaths paths() {
    return new ProjectPaths(project);
  }

  /** This JVM's working folder: where a command run in this process was run from. */
  static Path workingDir() {
    return Path.of("").toAbsolutePath();
  }

  public static void main(String[] args) {
    System.exit(run(new Main(), null, null, null, args));
  }

  /**
   * A whole run as {@link #main} makes it, without exiting; {@code out} and {@code err} replace
   * the standard streams when not null. Tests, and the training run of the start-up cache
   * ({@link Training}), go through here, so that they run what a user runs.
   *
   * @param cwd the folder the command was run from (absolute)
   * @param ansi whether usage help is coloured; null: picocli decides, from this process's terminal
   * @return the exit code
   */
  static int run(Map<String, String> env, Path home, Path cwd, PrintWriter out, PrintWriter err,
      CommandLine.Help.Ansi ansi, String... args) {
    return run(new Main(env, home, cwd), out, err, ansi, args);
  }

  private static int run(Main main, PrintWriter out, PrintWriter err, CommandLine.Help.Ansi ansi, String... args) {
    // FreeMarker would set up java.util.logging, for messages that a command line never shows
    // (template errors reach the user as exceptions).
    if (System.getProperty("org.freemarker.loggerLibrary") == null) {
      System.setProperty("org.freemarker.loggerLibrary", "none");
    }
    CommandLine cl = commandLine(main);
    if (ansi != null) {
      cl.setColorScheme(CommandLine.Help.defaultColorScheme(ansi));
    }
    if (out != null) {
      cl.setOut(out);
    }
    if (err != null) {
      cl.setErr(err);
    }
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      // Picocli hands its handler exceptions, not errors. A reader that knows its file says so
      // itself (SnapshotReader); anything else, a spec or a dossier far larger than any real one,
      // ends here: one line, not a stack trace.
      PrintWriter w = cl.getErr();
      w.println("dossier: out of memory running `" + commandName(cl.getParseResult()) + "`; " + Heap.limit()
          + ": give Java more memory, e.g. " + Heap.more() + ", or check the size of its input files");
      w.flush();
      ParseResult parsed = cl.getParseResult();
      while (parsed != null && parsed.hasSubcommand()) {
        parsed = parsed.subcommand();
      }
      return parsed == null ? DossierException.WORK_FAILED
          : failed(parsed.commandSpec().commandLine(), DossierException.WORK_FAILED);
    }
  }

  /** The command line of {@code main}'s commands, with the tool's error handling. */
  static CommandLine commandLine(Main main) {
    CommandLine cl = new CommandLine(main)
        .setExecutionExceptionHandler(Main::workFailed)
        .setParameterExceptionHandler(Main::usageError);
    // Picocli's own command, which has no version of its own to print.
    cl.getSubcommands().get("generate-completion").getCommandSpec().versionProvider(new Version());
    return cl;
  }

  /** A command that failed: its one line (a stack trace only for a defect of the tool), and its exit code. */
  private static int workFailed(Exception e, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof DossierException d) {
      err.println("dossier: " + d.getMessage());
      err.flush();
      return failed(commandLine, d.exitCode());
    }
    err.println("dossier: internal error: " + e);
    e.printStackTrace(err);
    err.flush();
    return failed(commandLine, DossierException.WORK_FAILED);
  }

  /**
   * {@code exitCode}, or for {@code check} its own code for "could not check" (1 there means
   * stale); a command line that check cannot use (a bad --query) is a usage error there too, as
   * picocli's own usage errors are.
   */
  private static int failed(CommandLine command, int exitCode) {
    return command.getCommand() instanceof CheckCommand && exitCode != DossierException.USAGE
        ? CheckCommand.COULD_NOT_CHECK : exitCode;
  }

  /**
   * A command line that picocli could not read: one line that says what is wrong and where the
   * help is, rather than picocli's default of the whole usage message.
   */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    String what = lowerFirst(e.getMessage().strip().replaceAll("\\s*\\R\\s*", " "));
    if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      List<String> names = u.getSuggestions();
      String last = names.get(names.size() - 1);
      String choices = names.size() == 1 ? last
          : String.join("', '", names.subList(0, names.size() - 1)) + "' or '" + last;
      what += " (did you mean '" + choices + "'?)";
    }
    PrintWriter err = cl.getErr();
    err.println("dossier: " + what + "; see '" + cl.getCommandSpec().qualifiedName() + " --help'");
    err.flush();
    return DossierException.USAGE;
  }

  /** "Unknown option: …" as the tool's other messages read: "unknown option: …"; an all-caps word stays. */
  private static String lowerFirst(String s) {
    return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
        ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
  }

  /** "dossier preview": the command that was run, as far as picocli read it. */
  private static String commandName(ParseResult parsed) {
    if (parsed == null) {
      return "dossier";
    }
    while (parsed.hasSubcommand()) {
      parsed = parsed.subcommand();
    }
    return parsed.commandSpec().qualifiedName();
  }
}
