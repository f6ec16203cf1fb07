package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.TestDatabase;
import dossier.source.SnapshotReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dossier is stale when a number changes, not when the same rows (the same SHA-256) come from
 * PostgreSQL instead of the snapshot. Before, check exited 1 on the footer alone and the hook
 * rejected the commit, with the database up; and down, it read the snapshot and blocked because
 * the footer changed back. Real PostgreSQL (embedded, or DOSSIER_TEST_DB_URL), real git commit.
 */
class HookSourceTest {
  private static final String DOSSIER = "dossiers/2026-04-29-track6-focal-loss-results.md";
  private static final String SNAPSHOT = "dossiers/data/track6-focal-loss.csv";
  private static final String FROM_SNAPSHOT = "rows from the snapshot `" + SNAPSHOT + "` (125 rows;";
  private static final String NOTE = "\nA reviewer's note.\n";

  @TempDir Path repo;
  @TempDir Path home;

  @Test
  void theSameRowsFromTheDatabaseOrTheSnapshotGiveACurrentDossier() throws IOException {
    Projects.copy(repo);
    GitRepo.init(repo, home);
    assertEquals(0, Run.offline(home, "-C", repo.toString(), "hook", "install").exit());
    String snapshotMade = read(DOSSIER);
    assertTrue(snapshotMade.contains(FROM_SNAPSHOT), "made from the snapshot");

    try (TestDatabase database = TestDatabase.create()) {
      database.insert(SnapshotReader.read(repo.resolve(SNAPSHOT)));
      Map<String, String> up = Map.of("DOSSIER_DB_URL", database.url());

      Run check = Run.of(up, home, "-C", repo.toString(), "check", DOSSIER);
      assertEquals(0, check.exit(), check.out() + check.err());
      assertEquals("current " + DOSSIER + "\n", check.out());
      Run refresh = Run.of(up, home, "-C", repo.toString(), "refresh", DOSSIER);
      assertEquals(0, refresh.exit(), refresh.err());
      assertEquals("up to date " + DOSSIER + "\n", refresh.out());
      assertEquals(snapshotMade, read(DOSSIER), "the footer keeps naming the snapshot");

      // Database up: the commit of a staged dossier goes through, footer untouched.
      write(DOSSIER, snapshotMade + NOTE);
      git(Map.of(), "add", DOSSIER);
      GitRepo.Result withDatabase = commit(up, "a note, database up");
      assertEquals(0, withDatabase.exit(), withDatabase.output());
      assertTrue(read(DOSSIER).contains(FROM_SNAPSHOT));

      // Database down: the hook reads the snapshot, and the same rows again let the commit through.
      write(DOSSIER, read(DOSSIER) + NOTE);
      git(Map.of(), "add", DOSSIER);
      GitRepo.Result down = commit(Map.of("DOSSIER_DB_URL", "postgresql://127.0.0.1:1/sweeps"), "a note, database down");
      assertEquals(0, down.exit(), down.output());
      assertTrue(down.output().contains("the hook uses the committed snapshots instead"), down.output());
      assertTrue(read(DOSSIER).contains(FROM_SNAPSHOT));

      // A number changes in the database: stale, and the footer now names the database.
      database.execute("UPDATE finetune_results SET f1_buy = 0.5 WHERE id = (SELECT min(id) FROM finetune_results"
          + " WHERE status = 'completed' AND variant = 'mild_focus')");
      Run stale = Run.of(up, home, "-C", repo.toString(), "check", DOSSIER);
      assertEquals(1, stale.exit(), stale.out() + stale.err());
      assertEquals(0, Run.of(up, home, "-C", repo.toString(), "refresh", DOSSIER).exit());
      String fromDatabase = read(DOSSIER);
      assertTrue(fromDatabase.contains("rows from PostgreSQL at postgresql://"), fromDatabase);
      assertFalse(fromDatabase.contains(FROM_SNAPSHOT));
    }
  }

  private String read(String path) throws IOException {
    return Files.readString(repo.resolve(path), StandardCharsets.UTF_8);
  }

  private void write(String path, String text) throws IOException {
    Files.writeString(repo.resolve(path), text, StandardCharsets.UTF_8);
  }


  private GitRepo.Result commit(Map<String, String> env, String message) {
    return gitResult(env, "commit", "-q", "-m", message);
  }

  private void git(Map<String, String> env, String... args) {
    GitRepo.Result r = gitResult(env, args);
    assertEquals(0, r.exit(), "git " + String.join(" ", args) + ": " + r.output());
  }

  private GitRepo.Result gitResult(Map<String, String> env, String... args) {
    return GitRepo.run(repo, home, env, args);
  }
}
