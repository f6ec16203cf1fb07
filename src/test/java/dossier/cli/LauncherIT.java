package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * src/bin/dossier as a user runs it, after `mvn package`: reached through a symbolic link, it finds
 * its jar, trains the JDK's start-up cache once beside the jar (a CDS archive on JDK 17, the AOT
 * cache on JDK 25), and then runs with it, its output the same as plain {@code java -jar}.
 */
class LauncherIT {
  static final Path LAUNCHER = Projects.REPO.resolve("src/bin/dossier");
  static final Path JAR = Projects.REPO.resolve("target/dossier.jar");

  @TempDir Path tmp;

  record Exit(int code, String out) {}

  private Exit launch(Path launcher, Path javaHome, Path cwd, String... args) throws IOException, InterruptedException {
    List<String> command = Stream.concat(Stream.of("sh", launcher.toString()), Stream.of(args)).toList();
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("DOSSIER_") || k.equals("JAVA_OPTS"));
    pb.environment().put("JAVA_HOME", javaHome.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Exit(p.waitFor(), out);
  }

  /** A distribution of the launcher and a copy of the jar, as bin/ and lib/, with a link on a "PATH" folder. */
  private Path install() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("dist/bin"));
    Path lib = Files.createDirectories(tmp.resolve("dist/lib"));
    Files.copy(LAUNCHER, bin.resolve("dossier"));
    Files.copy(JAR, lib.resolve("dossier.jar"));
    Path onPath = Files.createDirectories(tmp.resolve("path"));
    return Files.createSymbolicLink(onPath.resolve("dossier"), bin.resolve("dossier"));
  }

  private static List<String> caches(Path lib, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(lib)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).toList();
    }
  }

  private void trainsOnceAndRuns(Path javaHome, String suffix) throws Exception {
    Path link = install();
    Path lib = tmp.resolve("dist/lib");
    Path project = Projects.copy(tmp.resolve("project"));
    Exit first = launch(link, javaHome, project, "stats", "track6", "--format", "json");
    assertEquals(0, first.code(), first.out());
    List<String> made = caches(lib, suffix);
    assertEquals(1, made.size(), "one cache for this jar and JDK: " + made);
    assertEquals(List.of(), caches(lib, ".tmp"), "no temporary file left");
    Exit second = launch(link, javaHome, project, "stats", "track6", "--format", "json");
    assertEquals(first, second);
    assertEquals(made, caches(lib, suffix), "the cache is reused, not made again");
    assertTrue(second.out().contains("\"verdict\""), second.out());
  }

  @Test
  void onJdk17ItTrainsAClassDataSharingArchiveOnceAndUsesIt() throws Exception {
    Path home = Path.of(System.getProperty("java.home"));
    assumeTrue(Runtime.version().feature() < 25, "this JVM is " + Runtime.version());
    trainsOnceAndRuns(home, ".jsa");
  }

  @Test
  void onJdk25ItTrainsAnAotCacheOnceAndUsesIt() throws Exception {
    Path jdk25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    assumeTrue(Files.isExecutable(jdk25.resolve("bin/java")), "no JDK 25 at " + jdk25);
    trainsOnceAndRuns(jdk25, ".aot");
  }

  @Test
  void aMissingJarIsOneLineThatSaysHowToBuildIt() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("lonely/bin"));
    Files.copy(LAUNCHER, bin.resolve("dossier"));
    Exit exit = launch(bin.resolve("dossier"), Path.of(System.getProperty("java.home")), tmp, "--version");
    assertEquals(2, exit.code());
    Path here = bin.toRealPath();
    assertEquals("dossier: cannot find dossier.jar (looked in " + here + "/../../target and " + here
        + "/../lib); build it with: mvn -q -B package -DskipTests\n", exit.out());
  }
}
