package dossier.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import dossier.spec.TrackSpec.BranchSpec;
import dossier.spec.TrackSpec.GateOverride;
import dossier.spec.TrackSpec.Layout;
import dossier.stats.BootstrapSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SpecLoader on the repository's track6 spec and on small specs written into a temporary project
 * ({@code <tmp>/dossiers/x.yaml}): every error names {@code dossiers/x.yaml:<line>:}.
 */
class SpecLoaderTest {
  private static final Path REPO = Path.of("").toAbsolutePath();
  private static final String TOP_KEYS = "bootstrap, branches, criteria, date, gates, layout, metadata, narrative, output, plan,"
      + " plan_subject, query, readiness, snapshot, story, sweep, title, track";

  /** Line numbers are those of the file; the tests below refer to them. */
  private static final String BASE = """
      track: 7
      title: Test track
      date: 2026-05-01
      story: S-1
      plan: PLAN.md
      branches:
        - factor: f
          runs: [r1]
          baseline: none
          variants:
            - name: none
            - name: v1
          cryptos: [AAA, BBB]
          folds: 3
      """;

  @TempDir Path project;

  // ---- helpers ------------------------------------------------------------------------------

  private SpecLoader loader() {
    return new SpecLoader(project);
  }

  private void write(String name, String text) throws IOException {
    Files.createDirectories(project.resolve("dossiers"));
    Files.writeString(project.resolve("dossiers").resolve(name + ".yaml"), text, StandardCharsets.UTF_8);
  }

  private TrackSpec load(String text) throws IOException {
    write("x", text);
    return loader().load("x");
  }

  /** The base spec with one text replaced; the replaced text must be there. */
  private static String base(String from, String to) {
    assertTrue(BASE.contains(from), from);
    return BASE.replace(from, to);
  }

  private DossierException fails(String text, int exitCode) throws IOException {
    write("x", text);
    DossierException e = assertThrows(DossierException.class, () -> loader().load("x"));
    assertEquals(exitCode, e.exitCode(), e.getMessage());
    return e;
  }

  /** A spec error: exit code 2 and the message, exactly. */
  private void usage(String text, String message) throws IOException {
    assertEquals(message, fails(text, DossierException.USAGE).getMessage());
  }

  // ---- the repository's spec ----------------------------------------------------------------

  @Test
  void track6OfTheRepositoryLoads() {
    TrackSpec s = new SpecLoader(REPO).load("track6");
    Path dossiers = REPO.resolve("dossiers");
    assertEquals("track6", s.name());
    assertEquals("dossiers/track6.yaml", s.file());
    assertEquals(6, s.track());
    assertEquals("Focal loss", s.title());
    assertEquals("2026-04-29", s.date());
    assertEquals(Layout.RESULTS, s.layout());
    assertEquals("CVN-N001-EE-S02 (OP wp#41)", s.story());
    assertEquals("F1_BUY_BOOST_PLAN.md", s.plan());
    assertEquals("focal loss for XGBoost binary classification", s.planSubject());
    assertEquals(List.of("Plan dossier", "PR review dossier", "MLOps readiness", "Implementation PR",
        "Sister hotfix PR", "FTF run"), s.metadata().stream().map(KeyValue::key).toList());
    assertEquals(new KeyValue("Implementation PR", "#767"), s.metadata().get(3));
    assertEquals("", s.metadata().get(2).value(), "an empty value is left for the tool to fill in");
    assertEquals(Optional.of(dossiers.resolve("data/track6-focal-loss.csv")), s.snapshot());
    assertEquals(Optional.of(dossiers.resolve("track6/mlops_readiness.md")), s.readiness());
    assertEquals(dossiers.resolve("2026-04-29-track6-focal-loss-results.md"), s.output());
    assertTrue(Files.isRegularFile(s.snapshot().get()));

    assertEquals(1, s.branches().size());
    BranchSpec b = s.branches().get(0);
    assertEquals("focal_loss", b.factor());
    assertEquals("focal", b.label());
    assertEquals(List.of(new Located("ftf_20260429_121011_282ec7_ATR0.5_1.5_H4", 26)), b.runs());
    assertEquals(new Located("none", 27), b.baseline());
    assertEquals(List.of("none", "mild_focus", "standard", "aggressive_focus", "class_balanced"), b.variantNames());
    assertEquals(List.of(29, 32, 34, 36, 38), b.variants().stream().map(v -> v.name().line()).toList());
    assertEquals(Optional.of("γ=0, α=0.5"), b.variants().get(0).params());
    assertEquals(Optional.of("γ=0, plain binary cross-entropy"), b.variants().get(0).note());
    assertEquals(Optional.empty(), b.variants().get(1).note());
    assertEquals(List.of("AAVEUSDC", "ARBUSDC", "LDOUSDC", "OPUSDC", "UNIUSDC"), b.cryptoNames());
    assertTrue(b.cryptos().stream().allMatch(c -> c.line() == 40));
    assertEquals(Optional.of("defi_top5"), b.cryptoSet());
    assertEquals(5, b.folds().count());
    assertEquals(Optional.of("purged k-fold per ADR-14"), b.foldNote());

    assertEquals(List.of(new KeyValue("Power mode", "standard (50 HPO trials per fold)"),
        new KeyValue("Strategy", "ATR0.5_1.5_H4")), s.sweepRows());
    assertEquals(new BootstrapSettings(10_000, 42, 0.95), s.bootstrap());
    assertEquals(List.of(), s.gateOverrides());
    assertTrue(s.narrative().hypothesis().startsWith("down-weighting easy examples"));
    assertTrue(s.narrative().pairedNote().startsWith("BH p is the standard Benjamini–Hochberg step-up adjustment over"
        + " the m variants of the branch (monotone"), "a folded scalar is one paragraph");
    assertTrue(s.narrative().supporting().contains("\n\n### Why focal loss does not help here\n\n"));
    assertEquals(List.of("OP Story closure", "Joint variant (Track 5 × Track 6)", "Track 6 Story phase",
        "Follow-ups"), s.narrative().decisions().stream().map(KeyValue::key).toList());
  }

  @Test
  void namesOfTheRepository() {
    assertTrue(new SpecLoader(REPO).names().contains("track6"));
  }

  // ---- finding specs ------------------------------------------------------------------------

  @Test
  void namesAreSorted() throws IOException {
    write("track6", BASE);
    write("track10", BASE);
    write("alpha", BASE);
    write("track5", BASE);
    Files.writeString(project.resolve("dossiers/notes.md"), "not a spec");
    Files.createDirectories(project.resolve("dossiers/track6"));
    assertEquals(List.of("alpha", "track10", "track5", "track6"), loader().names());
  }

  @Test
  void noDossiersFolderHasNoNames() {
    assertEquals(List.of(), loader().names());
  }

  @Test
  void unknownTrackListsTheKnownOnes() throws IOException {
    write("track6", BASE);
    write("track5", BASE);
    DossierException e = assertThrows(DossierException.class, () -> loader().load("track9"));
    assertEquals("unknown track 'track9' (known: track5, track6); specs live in dossiers/", e.getMessage());
    assertEquals(DossierException.USAGE, e.exitCode());
  }

  @Test
  void unknownTrackWithoutAnySpec() {
    DossierException e = assertThrows(DossierException.class, () -> loader().load("track6"));
    assertEquals("unknown track 'track6' (known: none); specs live in dossiers/", e.getMessage());
    assertEquals(DossierException.USAGE, e.exitCode());
  }

  @Test
  void namesThatAreNotTrackNamesAreRefused() throws IOException {
    write("x", BASE);
    Files.writeString(project.resolve("secret.yaml"), BASE);
    for (String name : List.of("../etc", "../secret", "..", "x/../x", "/etc/passwd", ".hidden", "", "x.yaml/..",
        "a..b")) {
      DossierException e = assertThrows(DossierException.class, () -> loader().load(name), name);
      assertEquals("'" + name + "' is not a track name such as track6", e.getMessage());
      assertEquals(DossierException.USAGE, e.exitCode());
    }
  }

  // ---- a small valid spec -------------------------------------------------------------------

  @Test
  void smallSpecWithDefaults() throws IOException {
    TrackSpec s = load(BASE);
    assertEquals("x", s.name());
    assertEquals("dossiers/x.yaml", s.file());
    assertEquals(7, s.track());
    assertEquals(Layout.RESULTS, s.layout());
    assertEquals("test track", s.planSubject(), "the title in lower case");
    assertEquals(List.of(), s.metadata());
    assertEquals(Optional.empty(), s.snapshot());
    assertEquals(Optional.empty(), s.readiness());
    assertEquals(project.toAbsolutePath().normalize().resolve("dossiers/2026-05-01-track7-test-track-results.md"),
        s.output());
    assertEquals(BootstrapSettings.DEFAULT, s.bootstrap());
    assertEquals("", s.narrative().tldr());
    BranchSpec b = s.branches().get(0);
    assertEquals("f", b.label(), "the label defaults to the factor");
    assertEquals(List.of(new Located("r1", 8)), b.runs());
    assertEquals(List.of(new Located("AAA", 13), new Located("BBB", 13)), b.cryptos());
    assertEquals(TrackSpec.Folds.count(3, 14), b.folds());
  }

  @Test
  void baselineComesFirstWhereverItIsListed() throws IOException {
    TrackSpec s = load(base("baseline: none", "baseline: v1"));
    assertEquals(List.of("v1", "none"), s.branches().get(0).variantNames());
    assertEquals(new Located("v1", 9), s.branches().get(0).baseline());
  }

  @Test
  void gateLayoutAndOverrides() throws IOException {
    TrackSpec s = load(BASE + """
        layout: gate-decision
        gates:
          f1_lift: {min_delta: 0.02}
          sample_size:
            min_trades: 30
        """);
    assertEquals(Layout.GATE_DECISION, s.layout());
    assertEquals(List.of(new GateOverride("f1_lift", "min_delta", 0.02, 17),
        new GateOverride("sample_size", "min_trades", 30, 19)), s.gateOverrides());
  }

  @Test
  void pathsInsideTheProjectAreResolvedAgainstTheSpecFolder() throws IOException {
    TrackSpec s = load(BASE + """
        snapshot: ../data/rows.csv
        readiness: x/./ready.md
        output: out/x.md
        """);
    Path root = project.toAbsolutePath().normalize();
    assertEquals(Optional.of(root.resolve("data/rows.csv")), s.snapshot());
    assertEquals(Optional.of(root.resolve("dossiers/x/ready.md")), s.readiness());
    assertEquals(root.resolve("dossiers/out/x.md"), s.output());
  }

  // ---- schema errors ------------------------------------------------------------------------

  @Test
  void unknownTopKeyListsTheKnownKeys() throws IOException {
    usage(BASE + "colour: red\n", "dossiers/x.yaml:15: unknown key 'colour' (known: " + TOP_KEYS + ")");
  }

  @Test
  void unknownBranchKeyListsTheKnownKeys() throws IOException {
    usage(base("    folds: 3\n", "    folds: 3\n    fold: 3\n"), "dossiers/x.yaml:15: unknown key 'fold' (known:"
        + " after, analyse, baseline, crypto_set, cryptos, decision, factor, fold_note, folds, intro, label, runs,"
        + " title, variants)");
  }

  @Test
  void unknownVariantKeyListsTheKnownKeys() throws IOException {
    usage(base("      - name: v1\n", "      - name: v1\n        param: γ=1\n"),
        "dossiers/x.yaml:13: unknown key 'param' (known: coverage_note, name, note, params)");
  }

  @Test
  void unknownBootstrapKey() throws IOException {
    usage(BASE + "bootstrap:\n  samples: 100\n", "dossiers/x.yaml:16: unknown key 'samples' (known: level,"
        + " resamples, seed)");
  }

  @Test
  void missingTopKeyNamesTheMapping() throws IOException {
    usage(base("title: Test track\n", ""), "dossiers/x.yaml:1: missing key 'title'");
  }

  @Test
  void missingBranchKeyNamesTheBranch() throws IOException {
    usage(base("    folds: 3\n", ""), "dossiers/x.yaml:7: missing key 'folds'");
  }

  @Test
  void listWhereAValueIsExpected() throws IOException {
    usage(base("title: Test track", "title: [Test, track]"),
        "dossiers/x.yaml:2: 'title' must be a single value, not a list or mapping");
  }

  @Test
  void mappingWhereAValueIsExpected() throws IOException {
    usage(base("baseline: none", "baseline: {name: none}"),
        "dossiers/x.yaml:9: 'baseline' must be a single value, not a list or mapping");
  }

  @Test
  void valueWhereAListIsExpected() throws IOException {
    usage(base("runs: [r1]", "runs: r1"), "dossiers/x.yaml:8: 'runs' must be a list: [a, b], or one '- item' per line");
  }

  @Test
  void listItemThatIsNotAValue() throws IOException {
    usage(base("cryptos: [AAA, BBB]", "cryptos: [AAA, [BBB]]"),
        "dossiers/x.yaml:13: an item of 'cryptos' must be a single value, not a list or mapping");
  }

  @Test
  void emptyValue() throws IOException {
    usage(base("story: S-1", "story:"), "dossiers/x.yaml:4: 'story' is empty");
  }

  @Test
  void rootThatIsNotAMapping() throws IOException {
    usage("- track: 7\n", "dossiers/x.yaml:1: the spec must be a mapping of keys to values");
  }

  @Test
  void badDate() throws IOException {
    usage(base("date: 2026-05-01", "date: 2026-13-01"),
        "dossiers/x.yaml:3: 'date' must be a date such as 2026-04-29, not '2026-13-01'");
    usage(base("date: 2026-05-01", "date: 1 May 2026"),
        "dossiers/x.yaml:3: 'date' must be a date such as 2026-04-29, not '1 May 2026'");
  }

  @Test
  void datesAreWhatLocalDateParseTakes() {
    // What `dossier new --date` writes (LocalDate.toString) must read back: signed and long years too.
    for (String ok : new String[] {"2026-04-29", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "0000-01-01",
        "+10000-01-01", "-0001-01-01", "-2026-04-29"}) {
      assertTrue(SpecLoader.isoDate(ok), ok);
      assertEquals(ok, java.time.LocalDate.parse(ok).toString());
    }
    for (String bad : new String[] {"2026-02-29", "1900-02-29", "2026-04-31", "2026-00-10", "2026-13-01", "2026-4-29",
        "2026-04-9", "26-04-29", "2026/04/29", "2026-04-29 ", " 2026-04-29", "2026-04-29T00:00", "２０２６-04-29",
        "+2026-04-29", "-026-04-29", "10000-01-01", ""}) {
      assertFalse(SpecLoader.isoDate(bad), bad);
      assertThrows(java.time.format.DateTimeParseException.class, () -> java.time.LocalDate.parse(bad), bad);
    }
  }

  @Test
  void trackOutOfRange() throws IOException {
    usage(base("track: 7", "track: 0"), "dossiers/x.yaml:1: 'track' must be between 1 and 9999, not 0");
  }

  @Test
  void trackNotAnInteger() throws IOException {
    usage(base("track: 7", "track: 7.5"), "dossiers/x.yaml:1: 'track' must be a whole number, not '7.5'");
  }

  @Test
  void unknownLayoutListsTheKnownOnes() throws IOException {
    usage(BASE + "layout: slides\n",
        "dossiers/x.yaml:15: unknown layout 'slides' (known: results, gate-decision)");
  }

  @Test
  void noBranch() throws IOException {
    usage(BASE.substring(0, BASE.indexOf("branches:")) + "branches: []\n",
        "dossiers/x.yaml:6: 'branches' lists no branch; name at least one factor");
  }

  /**
   * The results layout shows one branch: a second was silently left out of the dossier, whose title
   * still took the whole track's verdict (LOCK, from the branch it did not show, over a TL;DR that
   * said ABANDON). Refused at the second branch, with the layout that shows every branch.
   */
  @Test
  void theResultsLayoutHasOneBranch() throws IOException {
    String second = """
          - factor: g
            runs: [r1]
            baseline: none
            variants:
              - name: none
              - name: v2
            cryptos: [AAA, BBB]
            folds: 3
        """;
    usage(BASE + second, "dossiers/x.yaml:15: the results layout shows one branch and 'branches' lists 2; set"
        + " 'layout: gate-decision', which gives each branch its section, or write a spec per branch");
    assertEquals(2, load(BASE.replace("plan: PLAN.md\n", "plan: PLAN.md\nlayout: gate-decision\n") + second)
        .branches().size());
  }

  @Test
  void duplicateVariant() throws IOException {
    usage(base("      - name: v1\n", "      - name: v1\n      - name: none\n"),
        "dossiers/x.yaml:13: duplicate variant 'none'; list each variant once");
  }

  @Test
  void baselineNotAmongTheVariants() throws IOException {
    usage(base("baseline: none", "baseline: base"),
        "dossiers/x.yaml:9: baseline 'base' is not one of the variants (none, v1)");
  }

  @Test
  void baselineAlone() throws IOException {
    usage(base("      - name: v1\n", ""),
        "dossiers/x.yaml:11: a branch needs its baseline and at least one variant to compare");
  }

  @Test
  void emptyRuns() throws IOException {
    usage(base("runs: [r1]", "runs: []"), "dossiers/x.yaml:8: 'runs' is empty");
  }

  @Test
  void emptyCryptos() throws IOException {
    usage(base("cryptos: [AAA, BBB]", "cryptos: []"), "dossiers/x.yaml:13: 'cryptos' is empty");
  }

  @Test
  void emptyRunId() throws IOException {
    usage(base("runs: [r1]", "runs: [r1, '']"), "dossiers/x.yaml:8: an item of 'runs' is empty");
  }

  @Test
  void duplicateCrypto() throws IOException {
    usage(base("    cryptos: [AAA, BBB]\n", "    cryptos:\n      - AAA\n      - BBB\n      - AAA\n"),
        "dossiers/x.yaml:16: duplicate crypto 'AAA'; list each crypto once");
  }

  @Test
  void foldsOutOfRange() throws IOException {
    usage(base("folds: 3", "folds: 0"), "dossiers/x.yaml:14: 'folds' must be between 1 and 1000, not 0");
  }

  @Test
  void foldsMayListTheFoldIds() throws IOException {
    TrackSpec s = load(base("folds: 3", "folds: [2, 0, 1]"));
    assertEquals(new TrackSpec.Folds(3, List.of(0, 1, 2), 14), s.branches().get(0).folds());
    assertTrue(s.branches().get(0).folds().listed());
  }

  @Test
  void aListedFoldIdIsAWholeNumberFromZero() throws IOException {
    usage(base("folds: 3", "folds: [0, 1, -2]"), "dossiers/x.yaml:14: fold id '-2' is not a whole number ≥ 0;"
        + " list the fold ids as the rows number them, e.g. [0, 1, 2]");
    usage(base("folds: 3", "folds: [0, 1, 1]"), "dossiers/x.yaml:14: fold id 1 is listed twice; list each once");
    usage(base("folds: 3", "folds: []"), "dossiers/x.yaml:14: 'folds' is empty");
  }

  // ---- bootstrap ----------------------------------------------------------------------------

  @Test
  void bootstrapSettings() throws IOException {
    TrackSpec s = load(BASE + "bootstrap:\n  resamples: 2_000\n  seed: -7\n  level: 0.9\n");
    assertEquals(new BootstrapSettings(2000, -7, 0.9), s.bootstrap());
    assertEquals(new BootstrapSettings(10_000, 42, 0.99), load(BASE + "bootstrap:\n  level: 0.99\n").bootstrap());
  }

  @Test
  void resamplesZeroIsOutOfRange() throws IOException {
    usage(BASE + "bootstrap:\n  resamples: 0\n",
        "dossiers/x.yaml:16: 'resamples' must be between 100 and 1000000, not 0");
  }

  @Test
  void resamplesBillionIsOutOfRange() throws IOException {
    usage(BASE + "bootstrap:\n  resamples: 1000000000\n",
        "dossiers/x.yaml:16: 'resamples' must be between 100 and 1000000, not 1000000000");
  }

  @Test
  void seedNotAnInteger() throws IOException {
    usage(BASE + "bootstrap:\n  seed: 4.2\n", "dossiers/x.yaml:16: 'seed' must be a whole number, not '4.2'");
    usage(BASE + "bootstrap:\n  seed: forty-two\n",
        "dossiers/x.yaml:16: 'seed' must be a whole number, not 'forty-two'");
  }

  @Test
  void levelOutOfRange() throws IOException {
    usage(BASE + "bootstrap:\n  level: 95\n", "dossiers/x.yaml:16: 'level' must be between 0.5 and 0.999, not 95");
    usage(BASE + "bootstrap:\n  level: 1\n", "dossiers/x.yaml:16: 'level' must be between 0.5 and 0.999, not 1");
    usage(BASE + "bootstrap:\n  level: .nan\n",
        "dossiers/x.yaml:16: 'level' must be a number, not '.nan'");
    usage(BASE + "bootstrap:\n  level: NaN\n",
        "dossiers/x.yaml:16: 'level' must be between 0.5 and 0.999, not NaN");
  }

  @Test
  void gateThresholdNotANumber() throws IOException {
    usage(BASE + "gates:\n  f1_lift:\n    min_delta: lots\n",
        "dossiers/x.yaml:17: 'min_delta' must be a number, not 'lots'");
  }

  @Test
  void theCorrectedRuleIsSwitchedOffWithFalse() throws IOException {
    TrackSpec s = load(BASE + "gates:\n  f1_lift:\n    corrected: false\n    test_train_ratio: 0.2\n");
    assertEquals(List.of(new GateOverride("f1_lift", "corrected", 0, 17),
        new GateOverride("f1_lift", "test_train_ratio", 0.2, 18)), s.gateOverrides());
    usage(BASE + "gates:\n  f1_lift:\n    corrected: 1\n",
        "dossiers/x.yaml:17: 'corrected' must be true or false, not '1'");
  }

  @Test
  void gateWithoutThresholds() throws IOException {
    usage(BASE + "gates:\n  f1_lift: 0.02\n", "dossiers/x.yaml:16: 'f1_lift' must be a mapping of keys to values");
  }

  // ---- paths --------------------------------------------------------------------------------

  @Test
  void pathEscapingTheProject() throws IOException {
    usage(BASE + "snapshot: ../../etc/passwd\n", "dossiers/x.yaml:15: 'snapshot' must be a path inside the project,"
        + " relative to the spec's folder, not '../../etc/passwd'");
  }

  @Test
  void absolutePath() throws IOException {
    usage(BASE + "readiness: /etc/passwd\n", "dossiers/x.yaml:15: 'readiness' must be a path inside the project,"
        + " relative to the spec's folder, not '/etc/passwd'");
  }

  @Test
  void absolutePathInsideTheProjectIsStillRefused() throws IOException {
    String inside = project.toAbsolutePath().resolve("dossiers/out.md").toString();
    usage(BASE + "output: " + inside + "\n", "dossiers/x.yaml:15: 'output' must be a path inside the project,"
        + " relative to the spec's folder, not '" + inside + "'");
  }

  @Test
  void outputEscapingTheProjectThroughASubfolder() throws IOException {
    usage(BASE + "output: data/../../../x.md\n", "dossiers/x.yaml:15: 'output' must be a path inside the project,"
        + " relative to the spec's folder, not 'data/../../../x.md'");
  }

  /** Found by SpecFuzzTest: "\0" in a quoted path made Path.resolve throw InvalidPathException. */
  @Test
  void pathWithANulCharacter() throws IOException {
    usage(BASE + "snapshot: \"data/\\0x.csv\"\n",
        "dossiers/x.yaml:15: 'snapshot' is not a path: Nul character not allowed");
  }

  /** Found by SpecFuzzTest too: a lone surrogate cannot become a file name in any encoding. */
  @Test
  void pathWithALoneSurrogate() throws IOException {
    String message = fails(BASE + "output: \"x\\uD800.md\"\n", DossierException.USAGE).getMessage();
    assertTrue(message.startsWith("dossiers/x.yaml:15: 'output' is not a path: "), message);
  }

  // ---- YAML itself --------------------------------------------------------------------------

  @Test
  void invalidYamlNamesTheLineOfTheProblem() throws IOException {
    usage(base("story: S-1", "story: S-1: part two"),
        "dossiers/x.yaml:4: not valid YAML: mapping values are not allowed here; check the indentation, and quote a"
            + " value that holds ': ' or ' #'");
  }

  @Test
  void unclosedFlowList() throws IOException {
    String message = fails(base("runs: [r1]", "runs: [r1"), DossierException.USAGE).getMessage();
    assertTrue(message.startsWith("dossiers/x.yaml:9: not valid YAML: "), message);
  }

  /**
   * Found by SpecFuzzTest: SnakeYAML quotes the character it stopped at as it is, here a line break,
   * which split the message over two lines.
   */
  @Test
  void yamlErrorAtALineBreakFitsOnOneLine() throws IOException {
    usage(base("story: S-1", "story: *"), "dossiers/x.yaml:4: not valid YAML: unexpected character found \\n(10);"
        + " check the indentation, and quote a value that holds ': ' or ' #'");
  }

  /**
   * Found by SpecFuzzTest: SnakeYAML reads the escapes \U80000000 to \UFFFFFFFF in a quoted string
   * with Integer.parseInt and lets its NumberFormatException out.
   */
  @Test
  void unicodeEscapeOutOfRangeIsNotValidYaml() throws IOException {
    usage(base("title: Test track", "title: \"\\UFFFFFFFF\""), "dossiers/x.yaml: not valid YAML: SnakeYAML failed with"
        + " java.lang.NumberFormatException: For input string: \"FFFFFFFF\" under radix 16");
  }

  @Test
  void duplicateYamlKey() throws IOException {
    usage(base("date: 2026-05-01\n", "date: 2026-05-01\ntitle: Other\n"),
        "dossiers/x.yaml:4: duplicate key 'title' (first on line 2); keep one");
  }

  @Test
  void duplicateYamlKeyInABranch() throws IOException {
    usage(base("    folds: 3\n", "    folds: 3\n    runs: [r2]\n"),
        "dossiers/x.yaml:15: duplicate key 'runs' (first on line 8); keep one");
  }

  @Test
  void emptySpec() throws IOException {
    usage("# nothing yet\n", "dossiers/x.yaml:1: empty spec");
  }

  @Test
  void notUtf8() throws IOException {
    Files.createDirectories(project.resolve("dossiers"));
    Files.write(project.resolve("dossiers/x.yaml"), base("title: Test track", "title: Café")
        .getBytes(StandardCharsets.ISO_8859_1));
    DossierException e = assertThrows(DossierException.class, () -> loader().load("x"));
    assertEquals("dossiers/x.yaml:2: not UTF-8 text; save the spec as UTF-8", e.getMessage());
    assertEquals(DossierException.USAGE, e.exitCode());
  }

  @Test
  void aliasesAreExpanded() throws IOException {
    TrackSpec s = load(base("story: S-1", "story: &s S-1").replace("plan: PLAN.md", "plan: *s"));
    assertEquals("S-1", s.plan());
  }

  /** Set when the YAML would instantiate a class: it must never be. */
  public static final class Canary {
    static volatile int made;

    public Canary() {
      made++;
    }

    public Canary(String s) {
      made++;
    }
  }

  private static final String GLOBAL_TAG = "not valid YAML: Global tag is not allowed: tag:yaml.org,2002:";

  @Test
  void classTagsAreRefusedAndNothingIsConstructed() throws IOException {
    Canary.made = 0;
    usage(base("story: S-1", "story: !!dossier.spec.SpecLoaderTest$Canary S-1"),
        "dossiers/x.yaml:4: " + GLOBAL_TAG + "dossier.spec.SpecLoaderTest$Canary");
    usage("!!dossier.spec.SpecLoaderTest$Canary {}\n",
        "dossiers/x.yaml:1: " + GLOBAL_TAG + "dossier.spec.SpecLoaderTest$Canary");
    // The classic SnakeYAML gadget.
    usage(base("title: Test track", "title: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
        + " [[!!java.net.URL [\"http://127.0.0.1:1/x.jar\"]]]]"),
        "dossiers/x.yaml:2: " + GLOBAL_TAG + "javax.script.ScriptEngineManager");
    assertEquals(0, Canary.made);
  }

  @Test
  void standardTagsYieldOnlyText() throws IOException {
    TrackSpec s = load(base("story: S-1", "story: !!str S-1").replace("track: 7", "track: !!int 7")
        .replace("date: 2026-05-01", "date: !!timestamp 2026-05-01"));
    assertEquals("S-1", s.story());
    assertEquals(7, s.track());
    assertEquals("2026-05-01", s.date());
    assertEquals("dGVzdA==", load(base("title: Test track", "title: !!binary dGVzdA==")).title(),
        "a binary tag is not decoded");
  }

  @Test
  void billionLaughsIsRefused() throws IOException {
    StringBuilder yaml = new StringBuilder(BASE).append("sweep:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      yaml.append("  ").append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++) {
        yaml.append(i == 0 ? "" : ", ").append('*').append((char) (c - 1));
      }
      yaml.append("]\n");
    }
    DossierException e = fails(yaml.toString(), DossierException.USAGE);
    assertTrue(e.getMessage().startsWith("dossiers/x.yaml:"), e.getMessage());
    assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
  }
}
