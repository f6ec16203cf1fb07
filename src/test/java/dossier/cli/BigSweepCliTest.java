package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import dossier.sample.BigSweep;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's synthetic sweeps ({@link BigSweep}): a project that {@code generate} and {@code check} accept. */
class BigSweepCliTest {
  @Test
  void writesABenchProjectThatGenerates(@TempDir Path project, @TempDir Path home) throws Exception {
    BigSweep.write(project, BigSweep.Size.parse("4x6x3"), BigSweep.DEFAULT_RETRIED, BigSweep.DEFAULT_SEED);
    BigSweep.write(project, BigSweep.Size.parse("3x5x2"), BigSweep.DEFAULT_RETRIED, BigSweep.DEFAULT_SEED);
    assertEquals("big-4x6x3: 72 cells, 18 retried, 90 rows",
        BigSweep.describe(BigSweep.Size.parse("4x6x3"), BigSweep.DEFAULT_RETRIED));
    assertTrue(Files.isRegularFile(project.resolve("dossiers/data/big-3x5x2.csv")));
    assertTrue(Files.isRegularFile(project.resolve("dossiers/big-3x5x2.yaml")));

    Run generated = Run.offline(home, "-C", project.toString(), "generate", "big-4x6x3");
    assertEquals(0, generated.exit(), generated.err());
    String dossier = Files.readString(project.resolve("dossiers/big-4x6x3-results.md"));
    assertTrue(dossier.contains("90 rows"), dossier);

    Run checked = Run.offline(home, "-C", project.toString(), "check");
    assertEquals(0, checked.exit(), checked.out() + checked.err());
  }

  @Test
  void refusesABadSize() {
    DossierException e = org.junit.jupiter.api.Assertions.assertThrows(DossierException.class,
        () -> BigSweep.Size.parse("20x200"));
    assertTrue(e.getMessage().contains("20x200"), e.getMessage());
  }
}
