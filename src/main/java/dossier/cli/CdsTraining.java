package dossier.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
    // No database is configured (the environment is empty), so the commands read the snapshots,
    // as they do by default. The last run asks a closed port for a database: it fails at once, and
    // loads what settings, URLs, ~/.pgpass and the driver's connection need.
    List<List<String>> runs = List.of(
        List.of("--version"),
        List.of("--help"),
        List.of("check"),
        List.of("generate", "track6", "--force", "--out", t6),
        List.of("generate", "track5", "--force", "--out", t5),
        List.of("generate", "track6", "--out", t6), // over an existing dossier
        List.of("refresh", t6, t5),
        List.of("list"),
        List.of("stats", "track6", "--format", "json"),
        List.of("stats", "track6", "--db", "postgresql://dossier@127.0.0.1:9/none"));
    PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream());
    int failed = 0;
    for (List<String> run : runs) {
      String[] argv = argvOf(project, run.toArray(String[]::new));
      int exit = Main.run(Map.of(), Path.of(System.getProperty("user.home")), Main.workingDir(), quiet, quiet, null, argv);
      // check exits 1 when a sample dossier is stale (the tests' business, not the archive's), and
      // the database run is meant to fail.
      if (exit != 0 && !run.get(0).equals("check") && !run.contains("--db")) {
        System.err.println("CdsTraining: dossier " + String.join(" ", argv) + " exited " + exit);
        failed++;
      }
    }
    loadDriver();
    System.exit(failed == 0 ? 0 : 1);
  }

  private static String[] argvOf(String project, String... run) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of("-C", project), java.util.stream.Stream.of(run))
        .toArray(String[]::new);
  }

  /**
   * Loads (without initialising) every class of the PostgreSQL driver: no database is at hand
   * here to run a query, and a run that reads one loaded about 200 of them from the jar, for a
   * quarter of a second. Classes that need what the jar does not ship (OSGi, JNA …) are skipped.
   */
  private static void loadDriver() throws IOException {
    Path jar;
    try {
      jar = Path.of(CdsTraining.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
    if (!Files.isRegularFile(jar)) {
      return; // run from classes/, as in tests: nothing to archive
    }
    ClassLoader loader = CdsTraining.class.getClassLoader();
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
      for (String entry : file.stream().map(java.util.jar.JarEntry::getName).toList()) {
        if (entry.startsWith("org/postgresql/") && entry.endsWith(".class") && !entry.contains("-")) {
          try {
            Class.forName(entry.substring(0, entry.length() - 6).replace('/', '.'), false, loader);
          } catch (ClassNotFoundException | LinkageError e) {
            // depends on an optional library: never loaded by dossier either
          }
        }
      }
    }
  }
}
