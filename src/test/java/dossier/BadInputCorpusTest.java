package dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dossier.cli.Projects;
import dossier.cli.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: {@code src/test/resources/bad/<kind>/<case>.<ext>} is a bad file and
 * {@code <case>.expected} what the tool must do with it. Each case is swapped into a temporary copy
 * of the repository's {@code dossiers/} (a snapshot replaces the Track 6 snapshot, a spec the Track
 * 6 spec, a dossier the Track 6 dossier) and the commands of its expectation are run in-process, as
 * a user would run them.
 *
 * <p>An expectation is one or more blocks separated by blank lines ({@code #} starts a comment):
 *
 * <pre>
 * run: generate track6            one or more commands, each on a fresh copy of the project
 * run: check ${dossier}
 * exit: 1                         the exit code every one of them must give (check's, when not 0, is 3:
 *                                  "could not check", as 1 means stale there)
 * stderr: dossier: ${file}:4: …   when the exit code is not 0: the one line of the error
 * stdout: wrote …                 when it is 0: standard output, line by line
 * files: unchanged                when it is 0: "unchanged", or "changed PATH…" (only those differ)
 * contains: ⚠ …                   when it is 0: a text the Track 6 dossier must contain afterwards
 * lacks: …                        when it is 0: a text it must not contain
 * </pre>
 *
 * {@code ${file}} is the project path of the swapped file; {@code ${dossier}}, {@code ${spec}} and
 * {@code ${snapshot}} those of Track 6's files. Whatever the expectation says, a run that fails must
 * print exactly its one error line on standard error (after, at most, the documented one-line note
 * that the snapshot is read), nothing on standard output, and leave every file of the project as it
 * was, byte for byte, with no file added or removed.
 */
class BadInputCorpusTest {
  private static final Path CORPUS = Projects.REPO.resolve("src/test/resources/bad");
  private static final String SNAPSHOT = "dossiers/data/track6-focal-loss.csv";
  private static final String SPEC = "dossiers/track6.yaml";
  private static final String DOSSIER = "dossiers/2026-04-29-track6-focal-loss-results.md";
  private static final String NOTE =
      "dossier: no database configured (--db, DOSSIER_DB_URL, PGHOST); reading the snapshot " + SNAPSHOT;
  private static final String EXPECTED = ".expected";
  private static final Set<String> KEYS = Set.of("run", "exit", "stderr", "stdout", "files", "contains", "lacks");

  /** A folder of the corpus: the extension of its cases and the project file a case replaces. */
  enum Kind {
    CSV("csv", ".csv", SNAPSHOT),
    SPEC("spec", ".yaml", BadInputCorpusTest.SPEC),
    MARKER("marker", ".md", DOSSIER);

    final String folder;
    final String extension;
    final String target;

    Kind(String folder, String extension, String target) {
      this.folder = folder;
      this.extension = extension;
      this.target = target;
    }
  }

  @TempDir Path tmp;
  @TempDir Path home;

  /**
   * Every base name found in the corpus, with the files that carry it. A case without its
   * expectation, an expectation without its case, a file of another kind or a folder the test does
   * not know is a case too, and fails.
   */
  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    Set<String> folders = Arrays.stream(Kind.values()).map(k -> k.folder).collect(Collectors.toSet());
    try (Stream<Path> top = Files.list(CORPUS)) {
      for (Path p : top.sorted().toList()) {
        String name = p.getFileName().toString();
        if (!Files.isDirectory(p) || !folders.contains(name)) {
          out.add(Arguments.of("unknown/" + name, null, List.of(name)));
        }
      }
    }
    for (Kind kind : Kind.values()) {
      SortedMap<String, List<String>> byCase = new TreeMap<>();
      try (Stream<Path> files = Files.list(CORPUS.resolve(kind.folder))) {
        for (Path p : files.sorted().toList()) {
          String name = p.getFileName().toString();
          int dot = name.indexOf('.');
          byCase.computeIfAbsent(dot < 0 ? name : name.substring(0, dot), k -> new ArrayList<>()).add(name);
        }
      }
      byCase.forEach((name, files) -> out.add(Arguments.of(kind.folder + "/" + name, kind, files)));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputIsRefusedInOneLineAndNothingIsWritten(String name, Kind kind, List<String> files) throws IOException {
    if (kind == null) {
      fail("bad/" + files.get(0) + ": not a folder of the corpus (" + Arrays.toString(Kind.values()) + ")");
    }
    String caseName = name.substring(name.indexOf('/') + 1);
    assertEquals(new TreeSet<>(List.of(caseName + kind.extension, caseName + EXPECTED)), new TreeSet<>(files),
        "bad/" + name + ": a case is one " + kind.extension + " file and its " + EXPECTED + " file, nothing else");
    Path input = CORPUS.resolve(kind.folder).resolve(caseName + kind.extension);
    List<Block> blocks = Block.parse(CORPUS.resolve(kind.folder).resolve(caseName + EXPECTED), kind);
    int n = 0;
    for (Block block : blocks) {
      for (String command : block.runs()) {
        Path project = tmp.resolve("run" + n++);
        Projects.copy(project);
        Files.copy(input, project.resolve(kind.target), StandardCopyOption.REPLACE_EXISTING);
        SortedMap<String, String> before = tree(project);
        List<String> args = new ArrayList<>(List.of("-C", project.toString()));
        args.addAll(Arrays.asList(command.split(" ")));
        Run r = Run.offline(home, args.toArray(String[]::new));
        String what = "bad/" + name + ": dossier " + command + "\nstdout: " + r.out() + "\nstderr: " + r.err();
        int exit = block.exit() != 0 && command.startsWith("check") ? 3 : block.exit(); // check: could not check
        assertEquals(exit, r.exit(), what);
        List<String> err = new ArrayList<>(r.err().lines().toList());
        if (!err.isEmpty() && err.get(0).equals(NOTE)) {
          err.remove(0); // the documented note that no database is configured
        }
        SortedMap<String, String> after = tree(project);
        if (block.exit() != 0) {
          assertEquals(List.of(block.stderr()), err, what);
          assertEquals("", r.out(), what + "\nnothing on standard output: no partial output claiming success");
          assertEquals(before, after, what + "\nevery file as it was, none added or removed");
        } else {
          assertEquals(List.of(), err, what);
          assertEquals(block.stdout(), r.out().lines().toList(), what);
          SortedMap<String, String> expected = new TreeMap<>(before);
          block.changed().forEach(changed -> {
            assertTrue(before.containsKey(changed), changed);
            expected.put(changed, after.get(changed));
            assertFalse(before.get(changed).equals(after.get(changed)), what + "\n" + changed + " must change");
          });
          assertEquals(expected, after, what + "\nno other file changed, none added or removed");
          String dossier = Files.readString(project.resolve(DOSSIER), StandardCharsets.UTF_8);
          block.contains().forEach(text -> assertTrue(dossier.contains(text), what + "\nthe dossier lacks: " + text));
          block.lacks().forEach(text -> assertFalse(dossier.contains(text), what + "\nthe dossier has: " + text));
        }
      }
    }
  }

  /** Every file and folder under {@code project}, with a SHA-256 of each file's bytes. */
  private static SortedMap<String, String> tree(Path project) {
    SortedMap<String, String> out = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(project)) {
      for (Path p : paths.toList()) {
        String rel = project.relativize(p).toString().replace('\\', '/');
        out.put(rel, Files.isDirectory(p) ? "folder" : sha256(Files.readAllBytes(p)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** One block of an expectation: commands, and what each of them must do. */
  record Block(List<String> runs, int exit, String stderr, List<String> stdout,
      List<String> changed, List<String> contains, List<String> lacks) {

    static List<Block> parse(Path file, Kind kind) throws IOException {
      Map<String, String> vars = Map.of("${file}", kind.target, "${dossier}", DOSSIER, "${spec}", SPEC,
          "${snapshot}", SNAPSHOT);
      List<Block> blocks = new ArrayList<>();
      List<List<String[]>> groups = new ArrayList<>();
      List<String[]> current = new ArrayList<>();
      int lineNo = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        lineNo++;
        if (line.startsWith("#")) {
          continue;
        }
        if (line.isBlank()) {
          if (!current.isEmpty()) {
            groups.add(current);
            current = new ArrayList<>();
          }
          continue;
        }
        int colon = line.indexOf(": ");
        String key = colon < 0 ? line : line.substring(0, colon);
        if (!KEYS.contains(key) || colon < 0) {
          fail(file + ":" + lineNo + ": expected 'KEY: value' with KEY one of " + KEYS + ", not: " + line);
        }
        String value = line.substring(colon + 2);
        for (Map.Entry<String, String> v : vars.entrySet()) {
          value = value.replace(v.getKey(), v.getValue());
        }
        current.add(new String[] {key, value});
      }
      if (!current.isEmpty()) {
        groups.add(current);
      }
      for (List<String[]> g : groups) {
        blocks.add(block(file, g));
      }
      assertFalse(blocks.isEmpty(), file + ": no block");
      return blocks;
    }

    private static Block block(Path file, List<String[]> entries) {
      Map<String, List<String>> values = new TreeMap<>();
      entries.forEach(e -> values.computeIfAbsent(e[0], k -> new ArrayList<>()).add(e[1]));
      List<String> runs = values.getOrDefault("run", List.of());
      List<String> exit = values.getOrDefault("exit", List.of());
      assertFalse(runs.isEmpty(), file + ": a block without 'run:'");
      assertEquals(1, exit.size(), file + ": a block needs one 'exit:'");
      int code = Integer.parseInt(exit.get(0));
      List<String> stderr = values.getOrDefault("stderr", List.of());
      List<String> files = values.getOrDefault("files", List.of());
      if (code != 0) {
        assertEquals(1, stderr.size(), file + ": a failing block needs exactly one 'stderr:' line");
        assertTrue(stderr.get(0).startsWith("dossier: "), file + ": an error starts with 'dossier: '");
        for (String key : List.of("stdout", "files", "contains", "lacks")) {
          assertFalse(values.containsKey(key), file + ": '" + key + ":' in a failing block (nothing is written)");
        }
        return new Block(runs, code, stderr.get(0), List.of(), List.of(), List.of(), List.of());
      }
      assertTrue(stderr.isEmpty(), file + ": 'stderr:' in a block that succeeds");
      assertEquals(1, files.size(), file + ": a block that succeeds needs one 'files:' line");
      List<String> changed;
      if (files.get(0).equals("unchanged")) {
        changed = List.of();
      } else if (files.get(0).startsWith("changed ")) {
        changed = List.of(files.get(0).substring("changed ".length()).split(" +"));
      } else {
        throw new AssertionError(file + ": 'files:' is 'unchanged' or 'changed PATH…', not " + files.get(0));
      }
      return new Block(runs, code, null, values.getOrDefault("stdout", List.of()), changed,
          values.getOrDefault("contains", List.of()), values.getOrDefault("lacks", List.of()));
    }
  }
}
