package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dossier.TestDatabase;
import dossier.source.ResultRow;
import dossier.source.SnapshotReader;
import dossier.source.SnapshotWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, defect 9: the same attempt twice is refused by the same rule whether the rows come from
 * a snapshot or from PostgreSQL, with an error naming the attempt, and before anything is written:
 * {@code new --db} used to write a spec and a snapshot that the tool then refused to read.
 */
class DuplicateAttemptsTest {
  private static final String RUN = "ftf_20260429_121011_282ec7_ATR0.5_1.5_H4";
  private static final String FACTOR = "focal_loss";

  @TempDir Path tmp;
  @TempDir Path home;

  @Test
  void theSameRowTwice() {
    List<ResultRow> rows = sample();
    ResultRow twice = rows.get(7);
    rows.add(twice);
    String attempt = "(run_id=" + RUN + ", factor=focal_loss, variant=" + twice.variant() + ", crypto="
        + twice.crypto() + ", fold=" + twice.fold() + ", status=completed, created_at=" + twice.createdAt() + ")";
    refusedBothWays(rows,
        ": the same row twice " + attempt + "; the table holds each attempt once (an export that ran twice?):"
            + " delete one of them",
        ":10: the same row as line 9 " + attempt + "; a snapshot holds each attempt once (an export that ran twice?):"
            + " delete one of them");
  }

  @Test
  void theSameAttemptTwiceWithOtherValues() {
    List<ResultRow> rows = sample();
    ResultRow first = rows.get(30);
    rows.add(new ResultRow(first.runId(), first.factor(), first.variant(), first.crypto(), first.fold(), first.status(),
        first.f1Buy() + 0.125, first.sortino(), first.totalReturn(), first.nTrades(), first.ece(),
        first.expectancyNet(), first.maxDrawdown(), first.createdAt()));
    String attempt = "(run_id=" + RUN + ", factor=focal_loss, variant=" + first.variant() + ", crypto="
        + first.crypto() + ", fold=" + first.fold() + ", status=completed, created_at=" + first.createdAt() + ")";
    String otherValues = attempt + " with other values; which one counts would depend on the order of the rows:"
        + " delete the wrong one";
    refusedBothWays(rows, ": the same attempt twice " + otherValues, ":33: the same attempt as line 32 " + otherValues);
  }

  /**
   * {@code new} from {@code rows} in the database, and from them in a CSV (in canonical order, as
   * {@code dossier snapshot} writes them), fails with the same error but for where the copies are,
   * and writes nothing.
   */
  private void refusedBothWays(List<ResultRow> rows, String fromDatabase, String fromSnapshot) {
    Path project = Projects.copy(tmp.resolve("project"));
    Map<Path, String> before = files(project);
    try (TestDatabase db = TestDatabase.create()) {
      db.insert(rows);
      Run run = Run.of(Map.of(), home, "-C", project.toString(), "new", "track7", "--db", db.url(), "--factor", FACTOR,
          "--run", RUN, "--date", "2026-05-01");
      assertEquals(1, run.exit(), run.err());
      assertEquals("dossier: sql/select_rows.sql at " + db.settings().describe() + fromDatabase + "\n", run.err());
      assertEquals("", run.out());
      assertEquals(before, files(project), "no spec, no snapshot, no dossier");
    }
    Path csv = tmp.resolve("rows.csv");
    try {
      Files.writeString(csv, SnapshotWriter.write(rows));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Run run = Run.of(Map.of(), home, "-C", project.toString(), "new", "track7", "--data", csv.toString(), "--factor",
        FACTOR, "--run", RUN, "--date", "2026-05-01");
    assertEquals(1, run.exit(), run.err());
    assertEquals("dossier: " + csv + fromSnapshot + "\n", run.err());
    assertEquals(before, files(project));
  }

  /** The sample sweep, in canonical order: the order of a snapshot, and of the query's rows. */
  private static List<ResultRow> sample() {
    List<ResultRow> rows = new ArrayList<>(SnapshotReader.read(Projects.REPO.resolve("dossiers/data/track6-focal-loss.csv")));
    rows.sort(SnapshotWriter.CANONICAL);
    return rows;
  }

  private static Map<Path, String> files(Path project) {
    try (Stream<Path> paths = Files.walk(project)) {
      Map<Path, String> files = new TreeMap<>();
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.put(project.relativize(p), Files.readString(p));
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
