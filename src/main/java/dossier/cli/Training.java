package dossier.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the JDK's start-up cache: the class-data-sharing archive on JDK 17–24, the
 * AOT cache on JDK 25 and later (JEP 483, 514, 515). {@code src/bin/dossier} runs it once per jar
 * and JDK, under {@code -XX:DumpLoadedClassList} or {@code -XX:AOTCacheOutput}, so that the JDK
 * records what the everyday commands load, link and run.
 *
 * <p>It works on the two sample tracks bundled in the jar ({@code /training/}), copied to a
 * temporary folder that it deletes at the end: never on a user's {@code dossiers/}, whose data may
 * be anything. A command that fails here is reported on standard error and the run goes on; the
 * exit code is 0 whenever the training could run at all, since a cache that misses a class is
 * still a cache.
 */
public final class Training {
  private Training() {}

  /** The bundled project, relative to {@code /training/} in the jar. */
  static final List<String> FILES = List.of("dossiers/track5.yaml", "dossiers/track6.yaml",
      "dossiers/data/track5-label-smoothing.csv", "dossiers/data/track6-focal-loss.csv",
      "dossiers/track5/mlops_readiness.md", "dossiers/track6/mlops_readiness.md");

  public static void main(String[] args) throws IOException {
    Path project = Files.createTempDirectory("dossier-training");
    try {
      copyBundledProject(project);
      int failed = train(project);
      if (failed > 0) {
        System.err.println("dossier training: " + failed + " command(s) failed; the cache holds what the others loaded");
      }
    } finally {
      deleteTree(project);
    }
  }

  /**
   * Runs the everyday commands on the project at {@code project}, their output discarded.
   *
   * @return how many of them exited otherwise than expected
   */
  static int train(Path project) {
    String dossiers = project.resolve("dossiers").toString();
    // A generate over a dossier that exists, a refresh of both, a check that finds them current,
    // the JSON of stats, and a database run that fails at once (a closed port): it loads what
    // settings, URLs, ~/.pgpass and the driver's connection need.
    List<List<String>> runs = List.of(
        List.of("--version"),
        List.of("--help"),
        List.of("generate", "track6"),
        List.of("generate", "track5"),
        List.of("generate", "track6"),
        List.of("refresh"),
        List.of("check"),
        List.of("list"),
        List.of("stats", "track6", "--format", "json"),
        List.of("stats", "track6", "--db", "postgresql://dossier@127.0.0.1:9/none"));
    PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream());
    int failed = 0;
    for (List<String> run : runs) {
      String[] argv = Stream.concat(Stream.of("-C", project.toString()), run.stream()).toArray(String[]::new);
      int exit = Main.run(Map.of(), project, project, quiet, quiet, null, argv);
      int expected = run.contains("--db") ? 1 : 0;
      if (exit != expected) {
        System.err.println("dossier training: dossier " + String.join(" ", run) + " in " + dossiers + " exited " + exit);
        failed++;
      }
    }
    return failed;
  }

  static void copyBundledProject(Path project) throws IOException {
    for (String file : FILES) {
      Path target = project.resolve(file);
      Files.createDirectories(target.getParent());
      try (InputStream in = Training.class.getResourceAsStream("/training/" + file)) {
        if (in == null) {
          throw new IOException("/training/" + file + " is not in the jar");
        }
        Files.copy(in, target);
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
