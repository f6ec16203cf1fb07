package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-commit hook, run by a real {@code git commit}, checks every dossier whose inputs are
 * staged (its spec, snapshot, readiness file), not only the staged dossiers. Before, a commit that
 * staged only a changed snapshot or spec passed and left the committed dossiers stale.
 */
class HookInputsTest {
  private static final String DOSSIER = "dossiers/2026-04-29-track6-focal-loss-results.md";
  private static final String TRACK5 = "dossiers/2026-04-29-track5-label-smoothing-results.md";
  private static final String SNAPSHOT = "dossiers/data/track6-focal-loss.csv";
  private static final String SPEC = "dossiers/track6.yaml";
  private static final String BLOCKED = "dossier: the numbers of dossiers were stale for what is staged and have been"
      + " refreshed in the working tree; review these files, stage them (git add), and commit again:\n";

  @TempDir Path repo;
  @TempDir Path home;

  @BeforeEach
  void repository() {
    Projects.copy(repo);
    GitRepo.init(repo, home);
    Run install = Run.offline(home, "-C", repo.toString(), "hook", "install");
    assertEquals(0, install.exit(), install.err());
  }

  @Test
  void aCommitOfTheSnapshotAloneIsCaught() throws IOException {
    List<String> lines = Files.readAllLines(repo.resolve(SNAPSHOT));
    lines.set(4, lines.get(4).replaceFirst(",completed,0\\.[0-9]+,", ",completed,0.5,"));
    Files.write(repo.resolve(SNAPSHOT), lines);
    String track5 = read(TRACK5);
    git("add", SNAPSHOT);

    GitRepo.Result blocked = commit("a retry landed");
    assertEquals(1, blocked.exit(), blocked.output());
    assertTrue(blocked.output().endsWith(BLOCKED + "  " + DOSSIER + "\n  dossiers/img/track6-forest.svg\n"
        + "  dossiers/img/track6-crypto.svg\n"), blocked.output());
    assertTrue(read(DOSSIER).contains("| `aggressive_focus` | -0.0721 |"), "the fresh numbers in the working file");
    assertEquals(track5, read(TRACK5), "a dossier whose inputs were not staged is not touched");

    git("add", DOSSIER, "dossiers/img");
    GitRepo.Result passed = commit("a retry landed, numbers refreshed");
    assertEquals(0, passed.exit(), passed.output());
  }

  @Test
  void aCommitOfTheSpecAloneThatChangesAFigureIsCaught() throws IOException {
    Files.writeString(repo.resolve(SPEC), read(SPEC).replace("  seed: 42\n", "  seed: 7\n"));
    git("add", SPEC);

    GitRepo.Result blocked = commit("another seed");
    assertEquals(1, blocked.exit(), blocked.output());
    assertTrue(blocked.output().contains(BLOCKED + "  " + DOSSIER + "\n"), blocked.output());
    assertTrue(read(DOSSIER).contains("seed 7"), "the fresh provenance in the working file");

    git("add", DOSSIER, "dossiers/img");
    GitRepo.Result passed = commit("another seed, numbers refreshed");
    assertEquals(0, passed.exit(), passed.output());
  }

  @Test
  void anInputWithChangesThatAreNotStagedStopsTheCommitAndWritesNothing() throws IOException {
    // The snapshot staged with one retry, and changed again in the working tree: the numbers would
    // come from rows that are not committed.
    List<String> lines = Files.readAllLines(repo.resolve(SNAPSHOT));
    lines.set(4, lines.get(4).replaceFirst(",completed,0\\.[0-9]+,", ",completed,0.5,"));
    Files.write(repo.resolve(SNAPSHOT), lines);
    git("add", SNAPSHOT);
    lines.set(5, lines.get(5).replaceFirst(",completed,0\\.[0-9]+,", ",completed,0.6,"));
    Files.write(repo.resolve(SNAPSHOT), lines);
    String dossier = read(DOSSIER);

    GitRepo.Result blocked = commit("a retry landed");
    assertEquals(1, blocked.exit(), blocked.output());
    assertEquals("dossier: " + SNAPSHOT + " has changes that are not staged, and " + DOSSIER + " is checked against"
        + " what is staged: stage them (git add, or name the file in git commit) or set them aside"
        + " (git stash --keep-index), then commit again\n", blocked.output());
    assertEquals(dossier, read(DOSSIER), "nothing refreshed from rows that are not staged");
    assertEquals("", gitResult("status", "--porcelain", "--", "dossiers/img").output(), "nor a figure");

    git("add", SNAPSHOT);
    GitRepo.Result stale = commit("both retries landed");
    assertEquals(1, stale.exit(), stale.output());
    assertTrue(stale.output().contains(BLOCKED + "  " + DOSSIER + "\n"), stale.output());
  }

  @Test
  void commitAllStagesTheInputItselfSoTheDossierIsChecked() throws IOException {
    retry(4, "0.5");
    Files.writeString(repo.resolve(TRACK5), read(TRACK5) + "\nA note.\n");

    GitRepo.Result blocked = gitResult("commit", "-q", "-a", "-m", "a retry landed");
    assertEquals(1, blocked.exit(), blocked.output());
    assertTrue(blocked.output().contains(BLOCKED + "  " + DOSSIER + "\n"), blocked.output());
  }

  @Test
  void anInputThatIsNotInGitStopsTheCommit() throws IOException {
    // The spec now names a snapshot that was never added: the commit would not hold the rows.
    Files.copy(repo.resolve(SNAPSHOT), repo.resolve("dossiers/data/track6-v2.csv"));
    Files.writeString(repo.resolve(SPEC), read(SPEC).replace("snapshot: data/track6-focal-loss.csv",
        "snapshot: data/track6-v2.csv"));
    git("add", SPEC);

    GitRepo.Result blocked = commit("the new snapshot");
    assertEquals(1, blocked.exit(), blocked.output());
    assertEquals("dossier: dossiers/data/track6-v2.csv is not in git, and " + DOSSIER + " is computed from it: add it"
        + " (git add), then commit again\n", blocked.output());

    git("add", "dossiers/data/track6-v2.csv");
    GitRepo.Result passed = commit("the new snapshot, added");
    assertEquals(0, passed.exit(), passed.output());
  }

  @Test
  void anInputThatIsIgnoredOnPurposeIsReadAsItIs() throws IOException {
    // A team that keeps its snapshots out of git: the hook computes from the file, as before.
    Files.copy(repo.resolve(SNAPSHOT), repo.resolve("dossiers/data/track6-local.csv"));
    Files.writeString(repo.resolve(".gitignore"), "dossiers/data/*-local.csv\n");
    Files.writeString(repo.resolve(SPEC), read(SPEC).replace("snapshot: data/track6-focal-loss.csv",
        "snapshot: data/track6-local.csv"));
    git("add", SPEC, ".gitignore");

    GitRepo.Result passed = commit("snapshots kept out of git");
    assertEquals(0, passed.exit(), passed.output());
  }

  @Test
  void unstagedChangesToAnotherDossiersInputsDoNotMatter() throws IOException {
    // Track 5's snapshot is being edited; the commit is about Track 6 only.
    Files.writeString(repo.resolve("dossiers/data/track5-label-smoothing.csv"),
        read("dossiers/data/track5-label-smoothing.csv") + "\n");
    Files.writeString(repo.resolve(DOSSIER), read(DOSSIER) + "\nA note.\n");
    git("add", DOSSIER);

    GitRepo.Result passed = commit("a note");
    assertEquals(0, passed.exit(), passed.output());
  }

  /** Changes the f1_buy of the snapshot's line {@code line} (0-based) in the working tree. */
  private void retry(int line, String f1) throws IOException {
    List<String> lines = Files.readAllLines(repo.resolve(SNAPSHOT));
    lines.set(line, lines.get(line).replaceFirst(",completed,0\\.[0-9]+,", ",completed," + f1 + ","));
    Files.write(repo.resolve(SNAPSHOT), lines);
  }

  @Test
  void aCommitOfAnotherFileIsNotChecked() throws IOException {
    // Stale, but nothing it depends on is staged: not this commit's business (check finds it).
    Files.writeString(repo.resolve(DOSSIER), read(DOSSIER).replace("(125 rows;", "(124 rows;"));
    Files.writeString(repo.resolve("notes.md"), "# Notes\n");
    git("add", "notes.md");
    GitRepo.Result passed = commit("notes");
    assertEquals(0, passed.exit(), passed.output());
    assertFalse(passed.output().contains("stale"), passed.output());
  }

  private String read(String path) throws IOException {
    return Files.readString(repo.resolve(path), StandardCharsets.UTF_8);
  }


  private GitRepo.Result commit(String message) {
    return gitResult("commit", "-q", "-m", message);
  }

  private void git(String... args) {
    GitRepo.Result r = gitResult(args);
    assertEquals(0, r.exit(), "git " + String.join(" ", args) + ": " + r.output());
  }

  private GitRepo.Result gitResult(String... args) {
    return GitRepo.run(repo, home, Map.of(), args);
  }
}
