package dossier.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dossier.DossierException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TableCheckTest {
  private static final String GOOD = """
      # Title

      | Crypto | none | focal |
      |---|---|---|
      | AAVEUSDC | 0.4560 | 0.3951 |
      | ARBUSDC | 0.4417 | 0.3911 |

      Text between.

      | # | Gate |
      |---|---|
      | 1 | F1\\|lift |
      """;

  @Test
  void goodTablesPassAndAreCounted() {
    assertEquals(2, TableCheck.check(GOOD, "good.md"));
  }

  @Test
  void noTableIsZero() {
    assertEquals(0, TableCheck.check("# Title\n\nText, a b | c in the middle.\n", "plain.md"));
    assertEquals(0, TableCheck.check("", "empty.md"));
  }

  @Test
  void aRowWithAnExtraCellIsRefused() {
    String md = GOOD.replace("| ARBUSDC | 0.4417 | 0.3911 |", "| ARBUSDC | 0.4417 | 0.39 | 11 |");
    DossierException e = assertThrows(DossierException.class, () -> TableCheck.check(md, "extra.md"));
    assertEquals("extra.md: rendered line 6 has 4 cells where its table header has 3", e.getMessage());
  }

  @Test
  void aRowWithAMissingCellIsRefused() {
    String md = GOOD.replace("| 1 | F1\\|lift |", "| 1 |");
    DossierException e = assertThrows(DossierException.class, () -> TableCheck.check(md, "missing.md"));
    assertEquals("missing.md: rendered line 12 has 1 cells where its table header has 2", e.getMessage());
  }

  @Test
  void aTableRowOutsideAnyTableIsRefused() {
    String md = "# Title\n\nSome text.\n\n| looks | like a row |\n\nMore text.\n";
    DossierException e = assertThrows(DossierException.class, () -> TableCheck.check(md, "stray.md"));
    assertEquals("stray.md: rendered line 5 looks like a table row but is outside any table: | looks | like a row |",
        e.getMessage());
  }

  @Test
  void aSeparatorThatDoesNotMatchTheHeaderIsRefused() {
    String md = "| a | b |\n|---|\n| 1 | 2 |\n";
    DossierException e = assertThrows(DossierException.class, () -> TableCheck.check(md, "sep.md"));
    assertEquals("sep.md: rendered line 2 has 1 cells where its table header has 2", e.getMessage());
  }

  @Test
  void aRowSplitByALineBreakIsRefused() {
    // What an unescaped newline in a name would do: the rest of the row becomes a line of its own.
    String md = "Intro.\n\n| Variant | n |\n|---|---|\n| mild\n| 25 |\n";
    DossierException e = assertThrows(DossierException.class, () -> TableCheck.check(md, "split.md"));
    assertEquals("split.md: rendered line 5 has 1 cells where its table header has 2", e.getMessage());
  }

  @Test
  void theCommittedDossierChecksClean() throws IOException {
    Path dossier = Path.of("dossiers/2026-04-29-track6-focal-loss-results.md");
    // §1 sweep configuration, §2 means, §3 paired deltas, §4 gates, §5 joint metrics.
    assertEquals(6, TableCheck.check(Files.readString(dossier), dossier.toString()));
  }
}
