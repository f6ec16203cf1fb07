package dossier.cli;

import dossier.DossierException;
import dossier.ProjectPaths;
import dossier.Heap;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dossier}: results dossiers from ML sweep rows. Exit codes: 0 ok, 1 the work failed, 2 usage. */
public final class Main {
  /**
   * The folder the command was run from, absolute. Every path a user gives is relative to it; tests
   * run commands in-process from folders other than the JVM's own.
   */
  final Path cwd;

  /** {@code -C DIR}: the project folder, absolute, set while the command line is parsed. */
  Path project;

  final Map<String, String> env;
  final Path home;

  public Main(Map<String, String> env, Path home, Path cwd) {
    if (!cwd.isAbsolute()) {
      throw new IllegalArgumentException("not absolute: " + cwd);
    }
    this.cwd = cwd;
    this.project = cwd;
    this.env = filesFrom(cwd, env);
    this.home = home;
  }

  /** The variables of libpq's that name a file or folder, which it reads relative to where it runs. */
  private static final List<String> PG_FILES = List.of("PGPASSFILE", "PGSERVICEFILE", "PGSYSCONFDIR");

  /** {@code env} with the relative paths of {@link #PG_FILES} resolved against {@code cwd}. */
  private static Map<String, String> filesFrom(Path cwd, Map<String, String> env) {
    Map<String, String> copy = new java.util.HashMap<>(env);
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

  /** The subcommands in the order of the usage message. */
  static final List<String> COMMANDS = List.of("generate", "refresh", "check", "stats", "list", "snapshot", "new",
      "hook", "preview");

  // A switch rather than a map of constructor references: each reference would spin a class at start-up.
  private static CommandSpec command(String name, Main main) {
    return switch (name) {
      case "generate" -> new GenerateCommand(main).spec;
      case "refresh" -> new RefreshCommand(main).spec;
      case "check" -> new CheckCommand(main).spec;
      case "stats" -> new StatsCommand(main).spec;
      case "list" -> new ListCommand(main).spec;
      case "snapshot" -> new SnapshotCommand(main).spec;
      case "new" -> new NewCommand(main).spec;
      case "hook" -> HookCommand.spec(main);
      case "preview" -> new PreviewCommand(main).spec;
      default -> throw new IllegalArgumentException(name);
    };
  }

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    Path home = Path.of(System.getProperty("user.home"));
    System.exit(run(env, home, workingDir(), null, null, null, args));
  }

  private static void defaultProperty(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /**
   * A whole run as {@link #main} makes it, without exiting; {@code out} and {@code err} replace
   * the standard streams when not null. The training run of the start-up cache ({@link Training})
   * goes through here, so that it loads what a real run loads.
   *
   * @param cwd the folder the command was run from (absolute)
   * @param ansi whether usage help is coloured; null: picocli decides, from this process's terminal
   * @return the exit code
   */
  static int run(Map<String, String> env, Path home, Path cwd, PrintWriter out, PrintWriter err,
      CommandLine.Help.Ansi ansi, String... args) {
    // FreeMarker would set up java.util.logging, for messages that a command line never shows
    // (template errors reach the user as exceptions).
    defaultProperty("org.freemarker.loggerLibrary", "none");
    CommandLine cl = commandLine(env, home, cwd, args);
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
      String named = commandNamed(args);
      PrintWriter w = cl.getErr();
      w.println("dossier: out of memory running `dossier" + (named == null ? "" : " " + named) + "`; " + Heap.limit()
          + ": give Java more memory, e.g. " + Heap.more() + ", or check the size of its input files");
      w.flush();
      return DossierException.WORK_FAILED;
    }
  }

  /**
   * The command line for {@code args}, with the tool's error handling; tests set their own out and
   * err writers.
   *
   * <p>Only the command that {@code args} names is set up: picocli's model of all ten, read from
   * annotations, took about 0.15 s of a 0.25 s {@code --version}; built in code ({@link Cli}), each
   * command still costs a few milliseconds. Without a command name (usage, a mistyped command) every command
   * is, so that the usage lists them all and a typo gets suggestions; {@code --version} alone needs
   * none.
   */
  public static CommandLine commandLine(Map<String, String> env, Path home, Path cwd, String... args) {
    Main main = new Main(env, home, cwd);
    CommandSpec root = Cli.command(main, "dossier",
        "Results dossiers for ML sweeps: every number from the data, every time.");
    Map<String, String> exitCodes = new java.util.LinkedHashMap<>();
    exitCodes.put("0", "ok");
    exitCodes.put("1", "the work failed (bad data, unreachable database, unwritable file)");
    exitCodes.put("2", "usage (bad option, unknown track, invalid spec)");
    root.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
    ProjectOption project = new ProjectOption(main);
    root.addOption(Cli.option(Path.class, "DIR",
            "Project folder, the one holding dossiers/ (default: the current folder).", "-C", "--project")
        .defaultValue(".").scopeType(CommandLine.ScopeType.INHERIT).getter(project).setter(project).build());
    CommandLine cl = new CommandLine(root);
    String named = commandNamed(args);
    boolean versionOnly = args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"));
    for (String name : COMMANDS) {
      if (named == null ? !versionOnly : named.equals(name)) {
        cl.addSubcommand(name, command(name, main));
      }
    }
    cl.setExecutionExceptionHandler(new ErrorHandler());
    return cl;
  }

  /** -C's value is {@link #project}; subcommands share the option (it is inherited), so it is set wherever it is given. */
  private static final class ProjectOption implements CommandLine.Model.IGetter, CommandLine.Model.ISetter {
    private final Main main;

    ProjectOption(Main main) {
      this.main = main;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      return (T) main.project;
    }

    @Override
    public <T> T set(T value) {
      T old = get();
      // picocli resets an option to its initial value (null here) before it parses: the default, the working folder.
      main.project = value == null ? main.cwd : main.cwd.resolve((Path) value).normalize();
      return old;
    }
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
