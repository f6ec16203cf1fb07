package dossier.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI in-process, as a user would, and keeps the exit code and both outputs. */
public record Run(int exit, String out, String err) {
  public static Run of(Map<String, String> env, Path home, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine(env, home, Main.workingDir(), args);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** No database in the environment: the embedded default (the snapshot). */
  public static Run offline(Path home, String... args) {
    return of(Map.of(), home, args);
  }
}
