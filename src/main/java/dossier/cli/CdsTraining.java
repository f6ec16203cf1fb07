package dossier.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The build's training run for the class-data-sharing archive (see pom.xml): the everyday commands
 * over the committed sample dossiers, in one JVM, so that the JDK records every class they load.
 * {@code src/bin/dossier} and the pre-commit hook then map those classes from the archive instead
 * of reading and verifying them from the jar on every run.
 *
 * <p>Usage: {@code java -XX:DumpLoadedClassList=LIST -cp dossier.jar dossier.cli.CdsTraining
 * PROJECT SCRATCH}. Nothing under PROJECT is written: dossiers are generated into SCRATCH.
 */
public final class CdsTraining {
  private CdsTraining() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: CdsTraining PROJECT SCRATCH");
      System.exit(2);
    }
    String project = args[0];
    Path scratch = Files.createDirectories(Path.of(args[1]));
    String t6 = scratch.resolve("track6.md").toString();
    String t5 = scratch.resolve("track5.md").toString();
    List<List<String>> runs = List.of(
        List.of("--version"),
        List.of("--help"),
        List.of("check", "--snapshot"),
        List.of("generate", "track6", "--snapshot", "--force", "--out", t6),
        List.of("generate", "track5", "--snapshot", "--force", "--out", t5),
        List.of("generate", "track6", "--snapshot", "--out", t6), // over an existing dossier
        List.of("refresh", "--snapshot", t6, t5),
        List.of("list", "--snapshot"),
        List.of("stats", "track6", "--snapshot", "--format", "json"));
    PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream());
    int failed = 0;
    for (List<String> run : runs) {
      String[] argv = java.util.stream.Stream.concat(java.util.stream.Stream.of("-C", project), run.stream())
          .toArray(String[]::new);
      CommandLine cl = Main.commandLine(Map.of(), Path.of(System.getProperty("user.home")), argv);
      cl.setOut(quiet);
      cl.setErr(quiet);
      int exit = cl.execute(argv);
      // check exits 1 when a sample dossier is stale: the tests' business, not the archive's.
      if (exit != 0 && !run.get(0).equals("check")) {
        System.err.println("CdsTraining: dossier " + String.join(" ", argv) + " exited " + exit);
        failed++;
      }
    }
    System.exit(failed == 0 ? 0 : 1);
  }
}
