package dossier.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI in-process, as a user would, and keeps the exit code and both outputs. */
public record Run(int exit, String out, String err) {
  public static Run of(Map<String, String> env, Path home, String... args) {
    return in(Main.workingDir(), env, home, args);
  }

  /** The command run from the folder {@code cwd}, as a user in that folder runs it. */
  public static Run in(Path cwd, Map<String, String> env, Path home, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(env, home, cwd, new PrintWriter(out, true), new PrintWriter(err, true),
        CommandLine.Help.Ansi.OFF, args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** {@code dossier -C PROJECT ARGS}, offline. */
  public static Run in(Path project, Path home, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "-C";
    all[1] = project.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return offline(home, all);
  }

  /** No database in the environment: the embedded default (the snapshot). */
  public static Run offline(Path home, String... args) {
    return of(Map.of(), home, args);
  }
}
