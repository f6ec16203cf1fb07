package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed pre-commit hook script, run by a real {@code git commit}: paths git would quote,
 * and a tool installed under a folder whose name has a space.
 */
class HookScriptTest {
  private static final String DOSSIER = "dossiers/2026-04-29-track6-focal-loss-results.md";
  private static final String SNAPSHOT = "dossiers/data/track6-focal-loss.csv";

  @TempDir Path repo;
  @TempDir Path home;
  @TempDir Path tools;

  @BeforeEach
  void repository() {
    Projects.copy(repo);
    GitRepo.init(repo, home);
  }

  @Test
  void aDossierWhosePathGitQuotesIsRefreshedAsAnyOther() throws IOException {
    // git quotes such a path ("dossiers/r\303\251sum\303\251-track6.md") unless asked for -z: the
    // script's quick look for a staged .md must not miss it.
    String copy = "dossiers/résumé-track6.md";
    Files.writeString(repo.resolve(copy), Files.readString(repo.resolve(DOSSIER)));
    git("add", copy);
    git("commit", "-q", "-m", "a copy");
    Run install = Run.offline(home, "-C", repo.toString(), "hook", "install");
    assertEquals(0, install.exit(), install.err());

    changeARow();
    Files.writeString(repo.resolve(copy), Files.readString(repo.resolve(copy)) + "\nA reviewer's note.\n");
    git("add", SNAPSHOT, copy);
    GitRepo.Result blocked = commit("new rows");
    assertEquals(1, blocked.exit(), blocked.output());
    assertTrue(blocked.output().contains("  " + copy + "\n"), blocked.output());
  }

  @Test
  void aToolInstalledUnderAFolderWithASpaceRunsTheHook() throws IOException, InterruptedException {
    // The tool as a jar in a folder whose name has a space: the script passes its path as one argument.
    Path jar = Files.createDirectories(tools.resolve("my tools")).resolve("dossier.jar");
    manifestOnlyJar(jar);
    JavaProcess.Exit install = JavaProcess.run("-cp", jar.toString(), Main.class.getName(), "-C", repo.toString(),
        "hook", "install");
    assertEquals(0, install.code(), install.out());
    String script = Files.readString(repo.resolve(".git/hooks/pre-commit"));
    assertTrue(script.contains("cp='" + jar + "'\n"), script);

    Files.writeString(repo.resolve(DOSSIER), Files.readString(repo.resolve(DOSSIER)) + "\nA reviewer's note.\n");
    git("add", DOSSIER);
    GitRepo.Result passed = commit("a note");
    assertEquals(0, passed.exit(), passed.output());
  }

  @Test
  void aHookInstalledThroughTheLauncherRunsTheLauncherAgain() throws IOException, InterruptedException {
    // A stand-in launcher under a path with a space, that records its arguments and runs the tool.
    Path jar = Files.createDirectories(tools.resolve("my tools")).resolve("dossier.jar");
    manifestOnlyJar(jar);
    Path launcher = tools.resolve("my tools/dossier");
    Path calls = tools.resolve("calls.txt");
    Files.writeString(launcher, "#!/bin/sh\necho \"$@\" >> '" + calls + "'\nexec '"
        + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '" + jar + "' " + Main.class.getName()
        + " \"$@\"\n");
    launcher.toFile().setExecutable(true);
    JavaProcess.Exit install = JavaProcess.run("-Ddossier.launcher=" + launcher, "-cp", jar.toString(),
        Main.class.getName(), "-C", repo.toString(), "hook", "install");
    assertEquals(0, install.code(), install.out());

    Files.writeString(repo.resolve(DOSSIER), Files.readString(repo.resolve(DOSSIER)) + "\nA reviewer's note.\n");
    git("add", DOSSIER);
    GitRepo.Result passed = commit("a note");
    assertEquals(0, passed.exit(), passed.output());
    assertEquals("-C " + repo.toRealPath() + " hook run\n", Files.readString(calls));

    // The launcher is gone (a clone moved, a tool uninstalled): one line that says what to do, and
    // the commit does not go through with numbers nobody checked.
    Files.delete(launcher);
    Files.writeString(repo.resolve(DOSSIER), Files.readString(repo.resolve(DOSSIER)) + "\nAnother note.\n");
    git("add", DOSSIER);
    GitRepo.Result blocked = commit("another note");
    assertEquals(1, blocked.exit(), blocked.output());
    assertEquals("dossier: the pre-commit hook cannot run " + launcher + " (moved or removed?); install dossier"
        + " again and run 'dossier hook install'\n", blocked.output());
  }

  @Test
  void aMissingJarStopsTheCommitWithOneLine() throws IOException, InterruptedException {
    Path jar = Files.createDirectories(tools.resolve("my tools")).resolve("dossier.jar");
    manifestOnlyJar(jar);
    JavaProcess.Exit install = JavaProcess.run("-cp", jar.toString(), Main.class.getName(), "-C", repo.toString(),
        "hook", "install");
    assertEquals(0, install.code(), install.out());
    Files.delete(jar); // mvn clean
    Files.writeString(repo.resolve(DOSSIER), Files.readString(repo.resolve(DOSSIER)) + "\nA reviewer's note.\n");
    git("add", DOSSIER);
    GitRepo.Result blocked = commit("a note");
    assertEquals(1, blocked.exit(), blocked.output());
    assertEquals("dossier: the pre-commit hook cannot run dossier from " + jar + " with "
        + Path.of(System.getProperty("java.home"), "bin", "java") + " (moved or removed?); build or install dossier"
        + " again and run 'dossier hook install'\n", blocked.output());
  }

  @Test
  void aProjectInASubfolderOfTheRepositoryIsTheOneTheHookRefreshes() throws IOException {
    // The repository holds the project in `analysis/`: install with -C, commit a stale dossier.
    Path sub = projectInSubfolder();
    assertTrue(Files.readString(repo.resolve(".git/hooks/pre-commit"))
        .contains("project=\"$(git rev-parse --show-toplevel)\"/'analysis'\n"));

    Path snapshot = sub.resolve(SNAPSHOT);
    List<String> lines = Files.readAllLines(snapshot);
    lines.set(4, lines.get(4).replaceFirst(",completed,0\\.[0-9]+,", ",completed,0.5,"));
    Files.write(snapshot, lines);
    Path dossier = sub.resolve(DOSSIER);
    Files.writeString(dossier, Files.readString(dossier) + "\nA reviewer's note.\n");
    git("add", "analysis/" + SNAPSHOT, "analysis/" + DOSSIER);
    GitRepo.Result blocked = commit("new rows");
    assertEquals(1, blocked.exit(), blocked.output());
    assertTrue(blocked.output().contains(DOSSIER), blocked.output());
  }

  @Test
  void aProjectInASubfolderCommitsAProseEditAndStopsOnAnInputNotInGit() throws IOException {
    // Paths are the repository's, not the subfolder's: a tracked spec is found tracked.
    Path sub = projectInSubfolder();
    Path dossier = sub.resolve(DOSSIER);
    Files.writeString(dossier, Files.readString(dossier) + "\nA reviewer's note.\n");
    git("add", "analysis/" + DOSSIER);
    GitRepo.Result passed = commit("a note");
    assertEquals(0, passed.exit(), passed.output());

    Path spec = sub.resolve("dossiers/track6.yaml");
    Files.copy(sub.resolve(SNAPSHOT), sub.resolve("dossiers/data/track6-v2.csv"));
    Files.writeString(spec, Files.readString(spec).replace("snapshot: data/track6-focal-loss.csv",
        "snapshot: data/track6-v2.csv"));
    git("add", "analysis/dossiers/track6.yaml");
    GitRepo.Result blocked = commit("the new snapshot");
    assertEquals(1, blocked.exit(), blocked.output());
    assertEquals("dossier: analysis/dossiers/data/track6-v2.csv is not in git, and analysis/" + DOSSIER
        + " is computed from it: add it (git add), then commit again\n", blocked.output());
  }

  @Test
  void aProjectInASubfolderHasItsDossierCheckedWhenOnlyItsSnapshotIsStaged() throws IOException {
    Path sub = projectInSubfolder();
    Path snapshot = sub.resolve(SNAPSHOT);
    List<String> lines = Files.readAllLines(snapshot);
    lines.set(4, lines.get(4).replaceFirst(",completed,0\\.[0-9]+,", ",completed,0.5,"));
    Files.write(snapshot, lines);
    git("add", "analysis/" + SNAPSHOT);

    GitRepo.Result blocked = commit("new rows");
    assertEquals(1, blocked.exit(), blocked.output());
    assertTrue(blocked.output().contains("have been refreshed in the working tree; review these files, stage them"
        + " (git add), and commit again:\n  analysis/" + DOSSIER + "\n"), blocked.output());
  }

  /** Moves the project to {@code analysis/} of the repository, commits, and installs the hook with -C. */
  private Path projectInSubfolder() throws IOException {
    Path sub = Files.createDirectories(repo.resolve("analysis"));
    Files.move(repo.resolve("dossiers"), sub.resolve("dossiers"));
    git("add", "-A");
    git("commit", "-q", "-m", "moved");
    Run install = Run.offline(home, "-C", sub.toString(), "hook", "install");
    assertEquals(0, install.exit(), install.err());
    return sub;
  }

  /** A jar of nothing but a manifest whose Class-Path is this test's class path: the tool, its libraries. */
  private static void manifestOnlyJar(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH,
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(p -> Path.of(p).toUri().toString()).collect(Collectors.joining(" ")));
    try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.flush();
    }
  }

  /** Changes the f1_buy of one row (line 5) of the snapshot: a retry landed. */
  private void changeARow() throws IOException {
    List<String> lines = Files.readAllLines(repo.resolve(SNAPSHOT));
    lines.set(4, lines.get(4).replaceFirst(",completed,0\\.[0-9]+,", ",completed,0.5,"));
    Files.write(repo.resolve(SNAPSHOT), lines);
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
