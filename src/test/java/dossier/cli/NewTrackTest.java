package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code dossier new} starts a track with: a readiness file to fill in, variants shown cleanly. */
class NewTrackTest {
  private static final String RUN = "ftf_20260429_121011_282ec7_ATR0.5_1.5_H4";
  private static final String DOSSIER = "dossiers/2026-05-02-track7-focal-loss-results.md";
  private static final String READINESS = "dossiers/track7/mlops_readiness.md";

  @TempDir Path tmp;
  @TempDir Path home;
  Path project;

  @BeforeEach
  void project() {
    project = Projects.copy(tmp.resolve("project"));
  }

  private Run dossier(String... args) {
    return Run.in(project, home, args);
  }

  private Run newTrack7() {
    return dossier("new", "track7", "--factor", "focal_loss", "--run", RUN, "--data",
        project.resolve("dossiers/data/track6-focal-loss.csv").toString(), "--date", "2026-05-02");
  }

  private String read(String path) throws IOException {
    return Files.readString(project.resolve(path), StandardCharsets.UTF_8);
  }

  private static String gate6(String dossier) {
    return dossier.lines().filter(l -> l.startsWith("| 6 |")).findFirst().orElseThrow();
  }

  @Test
  void newScaffoldsTheReadinessFileAndGate6SaysWhatToWrite() throws IOException {
    Run r = newTrack7();

    assertEquals(0, r.exit(), r.err());
    assertEquals("""
        # Track 7 — Focal loss: MLOps readiness

        Gate 6 of the plan checks that each section below is filled in: replace each TODO with the
        track's own words.

        ## 1. Model card

        TODO

        ## 2. Data lineage

        TODO

        ## 3. Reproducibility

        TODO

        ## 4. Monitoring

        TODO

        ## 5. Rollback plan

        TODO

        ## 6. Sign-off

        TODO
        """, read(READINESS));
    assertTrue(read("dossiers/track7.yaml").contains("\nreadiness: track7/mlops_readiness.md\n"));
    assertEquals("| 6 | MLOps readiness | mlops_readiness.md incomplete: Model card (not filled in), Data lineage (not"
        + " filled in), Reproducibility (not filled in), Monitoring (not filled in), Rollback plan (not filled in),"
        + " Sign-off (not filled in) | FAIL × 4 |", gate6(read(DOSSIER)), "an empty scaffold never passes");
    assertTrue(r.out().contains("next: fill in dossiers/track7/mlops_readiness.md (gate 6)"), r.out());

    // Four sections written: gate 6 names the two still to fill in.
    String filled = read(READINESS);
    for (String section : new String[] {"Model card", "Data lineage", "Reproducibility", "Rollback plan"}) {
      filled = filled.replace(section + "\n\nTODO\n", section + "\n\nWritten by the team.\n");
    }
    Files.writeString(project.resolve(READINESS), filled, StandardCharsets.UTF_8);
    assertEquals(0, dossier("generate", "track7", "--force").exit());
    assertEquals("| 6 | MLOps readiness | mlops_readiness.md incomplete: Monitoring (not filled in), Sign-off (not"
        + " filled in) | FAIL × 4 |", gate6(read(DOSSIER)));
  }

  @Test
  void aReadinessFileAlreadyThereIsKept() throws IOException {
    Files.createDirectories(project.resolve("dossiers/track7"));
    String theirs = read("dossiers/track6/mlops_readiness.md");
    Files.writeString(project.resolve(READINESS), theirs, StandardCharsets.UTF_8);

    assertEquals(0, newTrack7().exit());

    assertEquals(theirs, read(READINESS));
    assertTrue(gate6(read(DOSSIER)).contains("mlops_readiness.md complete (6 of 6 sections)"), gate6(read(DOSSIER)));
  }

  @Test
  void variantsWithoutParametersArePrintedWithoutEmptyParentheses() throws IOException {
    assertEquals(0, newTrack7().exit());

    String row = read(DOSSIER).lines().filter(l -> l.startsWith("| Variants")).findFirst().orElseThrow();
    assertEquals("| Variants (5) | none (baseline) ; aggressive_focus ; class_balanced ; mild_focus ; standard |", row);
    assertFalse(row.contains("()"));
  }
}
