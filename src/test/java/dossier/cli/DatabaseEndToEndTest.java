package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.TestDatabase;
import dossier.source.SnapshotReader;
import dossier.spec.SpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample rows loaded into a real PostgreSQL (embedded, or DOSSIER_TEST_DB_URL) give the same
 * dossier, byte for byte, as the committed snapshot.
 */
class DatabaseEndToEndTest {
  @TempDir Path tmp;
  @TempDir Path home;

  @Test
  void dossierFromDatabaseEqualsDossierFromSnapshot() throws IOException {
    Path project = Projects.copy(tmp);
    Path snapshot = project.resolve("dossiers/data/track6-focal-loss.csv");
    Path committed = new SpecLoader(Projects.REPO).load("track6").output();
    Path fromDb = tmp.resolve("from-db.md");
    try (TestDatabase database = TestDatabase.create()) {
      database.insert(SnapshotReader.read(snapshot));
      Run run = Run.of(Map.of(), home, "-C", project.toString(), "generate", "track6", "--db", database.url(), "--out",
          fromDb.toString());
      assertEquals(0, run.exit(), run.err());
      assertFalse(run.err().contains("snapshot"), "read the database, not the snapshot: " + run.err());
      // Byte for byte, but for the footer's name of the source; the rows' SHA-256 is the same.
      String db = Files.readString(fromDb);
      assertTrue(db.contains("rows from PostgreSQL at postgresql://"), db);
      // (The footer's checksum is of its own text, so it is left out of the comparison.)
      String checksum = "(<!-- dossier:end provenance) sha1:[0-9a-f]+";
      assertEquals(Files.readString(committed).replaceFirst(checksum, "$1"), db.replaceFirst(
          "rows from PostgreSQL at postgresql://[^ ]+, table finetune_results",
          "rows from the snapshot `dossiers/data/track6-focal-loss.csv`").replaceFirst(checksum, "$1"));

      // The same through the environment, as a user with libpq habits would set it.
      Run viaEnv = Run.of(Map.of("DOSSIER_DB_URL", database.url()), home, "-C", project.toString(), "stats", "track6",
          "--format", "json");
      assertEquals(0, viaEnv.exit(), viaEnv.err());
      assertTrue(viaEnv.out().contains("\"source\": \"postgresql://"), viaEnv.out());

      // Any sweep, without a spec: the database needs the run and factor to query.
      Run adhoc = Run.of(Map.of(), home, "-C", project.toString(), "stats", "--db", database.url(), "--factor",
          "focal_loss", "--run", "ftf_20260429_121011_282ec7_ATR0.5_1.5_H4", "--baseline", "none", "--format", "json");
      assertEquals(0, adhoc.exit(), adhoc.err());
      assertTrue(adhoc.out().contains("\"n_pairs\": 25") && adhoc.out().contains("\"mean_delta\": -0.0697"),
          adhoc.out());
      // `dossier snapshot` writes the database rows back in canonical order: the committed file.
      Files.writeString(snapshot, "stale");
      Run snap = Run.of(Map.of(), home, "-C", project.toString(), "snapshot", "track6", "--db", database.url());
      assertEquals(0, snap.exit(), snap.err());
      assertTrue(snap.out().startsWith("wrote dossiers/data/track6-focal-loss.csv: 125 rows from postgresql://"),
          snap.out());
      assertEquals(Files.readString(Projects.REPO.resolve("dossiers/data/track6-focal-loss.csv")),
          Files.readString(snapshot));
      assertFalse(snap.out().contains(":postgres@") || snap.err().contains("password"), snap.out() + snap.err());

      Run unnamed = Run.of(Map.of(), home, "-C", project.toString(), "stats", "--db", database.url(), "--baseline", "none");
      assertEquals(2, unnamed.exit());
      assertEquals("dossier: with a database and no spec, name the sweep: --factor F --run ID\n", unnamed.err());
    }
  }
}
