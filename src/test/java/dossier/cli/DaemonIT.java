package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as the launcher and the hook use it, from the shipped jar: the first run works in its
 * own JVM and starts the daemon, the next is served by it with the same output and the same file,
 * and {@code daemon stop} ends it. (DaemonTest compares served runs with runs of their own in detail.)
 */
class DaemonIT {
  static final Path JAR = Projects.REPO.resolve("target/dossier.jar");

  @TempDir Path tmp;
  private Map<String, String> env;

  private JavaProcess.Exit dossier(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 3];
    command[0] = "-Ddossier.daemon=on";
    command[1] = "-jar";
    command[2] = JAR.toString();
    System.arraycopy(args, 0, command, 3, args.length);
    return JavaProcess.run(env, command);
  }

  @AfterEach
  void stop() throws IOException, InterruptedException {
    if (env != null) {
      dossier("daemon", "stop");
    }
  }

  @Test
  void theFirstRunStartsTheDaemonAndTheNextIsServedAlike() throws Exception {
    Path run = tmp.resolve("run");
    env = Map.of("XDG_RUNTIME_DIR", run.toString());
    Path project = Projects.copy(tmp.resolve("project"));
    Path dossier = new dossier.spec.SpecLoader(project).load("track6").output();
    Files.delete(dossier);

    JavaProcess.Exit first = dossier("-C", project.toString(), "generate", "track6");
    assertEquals(0, first.code(), first.out());
    String written = Files.readString(dossier);
    JavaProcess.Exit status = null;
    for (int i = 0; i < 600 && (status == null || status.code() != 0); i++) {
      Thread.sleep(100); // the daemon warms up before it listens
      status = dossier("daemon", "status");
    }
    assertEquals(0, status.code(), status.out());
    assertTrue(status.out().startsWith("dossier daemon: pid "), status.out());
    Files.delete(dossier);

    JavaProcess.Exit second = dossier("-C", project.toString(), "generate", "track6");
    assertEquals(first, second);
    assertEquals(written, Files.readString(dossier));
    Path log;
    try (var files = Files.list(run.resolve("dossier"))) {
      log = files.filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow();
    }
    assertTrue(Files.readString(log).contains("run 1: exit 0 in "), "served by the daemon: " + Files.readString(log));

    JavaProcess.Exit stop = dossier("daemon", "stop");
    assertEquals(0, stop.code(), stop.out());
    assertTrue(stop.out().startsWith("stopped the daemon (pid "), stop.out());
    JavaProcess.Exit none = dossier("daemon", "status");
    assertEquals(new JavaProcess.Exit(1, "no daemon is running for " + JAR + "\n"), none);
  }
}
