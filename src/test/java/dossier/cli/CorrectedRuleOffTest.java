package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan that turns gate 1's corrected rule off: the dossier says so (issue 21). */
class CorrectedRuleOffTest {
  private static final Path REPO = Path.of("").toAbsolutePath();

  @TempDir Path project;
  @TempDir Path home;

  private String generate(String extra) throws IOException {
    Path dossiers = Files.createDirectories(project.resolve("dossiers"));
    String spec = Files.readString(REPO.resolve("dossiers/track6.yaml"), StandardCharsets.UTF_8);
    Files.writeString(dossiers.resolve("track6.yaml"), spec + extra, StandardCharsets.UTF_8);
    Files.createDirectories(dossiers.resolve("data"));
    Files.createDirectories(dossiers.resolve("track6"));
    Files.copy(REPO.resolve("dossiers/data/track6-focal-loss.csv"), dossiers.resolve("data/track6-focal-loss.csv"));
    Files.copy(REPO.resolve("dossiers/track6/mlops_readiness.md"), dossiers.resolve("track6/mlops_readiness.md"));
    Run run = Run.offline(home, "-C", project.toString(), "generate", "track6");
    assertEquals(0, run.exit(), run.err());
    try (var files = Files.list(dossiers)) {
      Path md = files.filter(f -> f.toString().endsWith("-results.md")).findFirst().orElseThrow();
      return Files.readString(md, StandardCharsets.UTF_8);
    }
  }

  @Test
  void theDossierSaysWhenThePlanTurnsTheCorrectedRuleOff() throws IOException {
    String off = generate("\ngates:\n  f1_lift:\n    corrected: false\n");
    assertTrue(off.contains(" The plan turns the corrected rule off: gate 1 is the house rule alone.\n"), off);
    assertFalse(off.contains("Gate 1 also asks the corrected interval"), off);
  }

  @Test
  void byDefaultGateOneAsksForTheCorrectedInterval() throws IOException {
    String on = generate("");
    assertTrue(on.contains(" Gate 1 also asks the corrected interval at 98.75 % (Bonferroni over m=4) to lie above 0.\n"),
        on);
  }
}
