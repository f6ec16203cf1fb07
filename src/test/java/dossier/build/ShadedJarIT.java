package dossier.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.cli.JavaProcess;
import dossier.cli.Projects;
import dossier.render.Preview;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar that `mvn package` leaves, as users run it: the unit tests run dossier's classes with the
 * libraries' own jars, so here the shaded jar (every library merged into one file, its service
 * files and manifest rewritten) does the same work and is compared with the code.
 */
class ShadedJarIT {
  static final Path JAR = Projects.REPO.resolve("target/dossier.jar");
  static final List<String> DOSSIERS = List.of("2026-04-29-track6-focal-loss-results.md",
      "2026-04-29-track5-label-smoothing-results.md");

  @TempDir Path tmp;

  private static JavaProcess.Exit jar(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    return JavaProcess.run(command.toArray(String[]::new));
  }

  @Test
  void theJarChecksPreviewsAndRefreshesTheSampleDossiersAsTheCodeDoes() throws Exception {
    Path project = Projects.copy(tmp.resolve("p"));
    JavaProcess.Exit check = jar("-C", project.toString(), "check");
    assertEquals(0, check.code(), check.out());

    // flexmark's parser and HTML renderer.
    for (String name : DOSSIERS) {
      Path dossier = project.resolve("dossiers").resolve(name);
      Path html = project.resolve(name + ".html"); // inside the project: --out may not leave it
      JavaProcess.Exit preview = jar("-C", project.toString(), "preview", dossier.toString(), "--out", html.toString());
      assertEquals(0, preview.code(), preview.out());
      assertEquals(Preview.html(dossier, Files.readString(dossier, StandardCharsets.UTF_8)),
          Files.readString(html, StandardCharsets.UTF_8), name);
    }

    // A dossier with prose added and a table cell changed in a block, written before blocks had
    // checksums (so the change reads as stale numbers, not as a person's edit): the blocks are
    // found (flexmark), the numbers put back, the prose kept, and the tables checked before the
    // file is written.
    Path track6 = project.resolve("dossiers").resolve(DOSSIERS.get(0));
    String committed = Files.readString(track6, StandardCharsets.UTF_8);
    int row = committed.indexOf("\n| ", committed.indexOf("<!-- dossier:begin"));
    assertTrue(row > 0, "a table row inside a block");
    String edited = (committed.substring(0, row + 3) + "X" + committed.substring(row + 3))
        .replaceAll(" sha1:[0-9a-f]+ -->", " -->") + "\nProse added by hand.\n";
    Files.writeString(track6, edited, StandardCharsets.UTF_8);
    JavaProcess.Exit refresh = jar("-C", project.toString(), "refresh", track6.toString());
    assertEquals(0, refresh.code(), refresh.out());
    assertTrue(refresh.out().contains("refreshed"), refresh.out());
    assertEquals(committed + "\nProse added by hand.\n", Files.readString(track6, StandardCharsets.UTF_8));
  }
}
