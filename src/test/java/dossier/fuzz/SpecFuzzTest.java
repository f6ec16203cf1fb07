package dossier.fuzz;

import static dossier.fuzz.Fuzz.pick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import dossier.spec.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link SpecLoader#load}: the repository's specs and a small one, damaged as YAML (lines
 * moved, values and keys replaced, indentation broken, anchors, aliases, tags, escapes, deep
 * nesting, huge documents) and as bytes. Every input is either loaded or refused with a
 * {@link DossierException} whose message names the spec and fits on one line (exit code 2 for
 * anything wrong with the spec); nothing else may escape, nothing may hang.
 *
 * <p>CI runs {@link #CASES} cases from {@link #SEED}. A longer campaign:
 * {@code mvn -o test -Dtest=SpecFuzzTest -Dfuzz.cases=1000000 -Dfuzz.seed=7} (see {@link Fuzz}).
 */
class SpecFuzzTest {
  static final long SEED = 0x5EED_5EC0_0002L;
  static final int CASES = 20_000;

  private static final String SHOWN = "dossiers/x.yaml";

  /** A small valid spec (the one of SpecLoaderTest): mutations of it reach the later checks. */
  private static final String SMALL = """
      track: 7
      title: Test track
      date: 2026-05-01
      story: S-1
      plan: PLAN.md
      snapshot: data/x.csv
      bootstrap: {resamples: 1000, seed: 42, level: 0.95}
      gates:
        stability: {max_cv: 0.5}
      criteria:
        - id: cohens_d
          min_d: 0.3
          moot_if_primary_fails: true
      branches:
        - factor: f
          runs: [r1]
          baseline: none
          variants:
            - name: none
            - name: v1
          cryptos: [AAA, BBB]
          folds: 3
          analyse: true
      """;

  private static final List<List<String>> SEEDS = List.of(
      Fuzz.lines(Fuzz.text("dossiers/track5.yaml")),
      Fuzz.lines(Fuzz.text("dossiers/track6.yaml")),
      Fuzz.lines(SMALL), Fuzz.lines(SMALL), Fuzz.lines(SMALL)); // the small one, 3 times in 5: parsed faster

  private static final List<String> KEYS = List.of("track", "title", "date", "layout", "story", "plan",
      "plan_subject", "metadata", "snapshot", "readiness", "output", "branches", "sweep", "bootstrap", "gates",
      "criteria", "narrative", "factor", "label", "runs", "baseline", "variants", "cryptos", "crypto_set", "folds",
      "fold_note", "analyse", "intro", "decision", "after", "name", "params", "note", "coverage_note", "resamples",
      "seed", "level", "id", "min_d", "moot_if_primary_fails", "hypothesis", "tldr", "sections", "decisions",
      "<<", "? x", "\"quoted key\"", "'a'", "[a, b]", "{a: b}", "!!str track", "&k track", "*k", "", "-", "~", "1",
      "\"\\0\"", "\"a\\nb\"");

  /** Scalars and small structures to put where a value was. */
  private static final List<String> VALUES = List.of("", "~", "null", "true", "false", "yes", "on", "0", "-1", "1",
      "9999", "10000", "99999999999999999999", "-9223372036854775808", "9223372036854775807",
      "-9223372036854775809", "1_000", "0x1F", "0o17", "0b101", "1e999", "-1e999", "1e-999", ".nan", ".NaN", "NaN",
      ".inf", "-.inf", "Infinity", "0x1p3", "1d", "4.9e-324", "0.5", "0.999", "1.0", "-0", "2026-04-29",
      "2026-02-30", "2026-13-01", "+2026-04-29", "2026-04-29T00:00:00Z", "-999999999-01-01", "results",
      "gate-decision", "RESULTS", "/etc/passwd", "../../x", "data/../../x", "data/../x.csv", ".", "..", "C:\\x",
      "\\\\server\\share", "\"a\\0b\"", "\"\\0\"", "\"data/\\0x.csv\"", "\"\\x00\"", "\"\\U0010FFFF\"",
      "\"\\U7FFFFFFF\"", "\"\\UFFFFFFFF\"", "\"\\U00110000\"", "\"\\uD800\"", "\"\\uDC00\\uD800\"", "\"\\N\\_\\L\\P\"",
      "\"\\e\\a\\v\"", "\"\\q\"", "\"\\u12\"", "\"\\x4\"", "\"a\\\nb\"", "'it''s'", "'unclosed", "\"unclosed",
      "[]", "{}", "[a, b, a]", "[a, [b]]", "[\"\", x]", "[ , ]", "{a: 1, a: 2}", "{a: {b: c}}", "[{}]", "- x",
      "|\n  block\n  text\n", ">-\n  folded\n", "|-", "|+\n\n", "|2\n    x\n", "|0\n", "|10\n x\n", ">\n\tx\n",
      "&a x", "*a", "&a [*a]", "&a {k: *a}", "*undefined", "!!str 5", "!!int x", "!!float x", "!!bool x",
      "!!binary AAAA", "!!binary ####", "!!timestamp x", "!!null x", "!!map {}", "!!seq []", "!!set {a}",
      "!!omap [a: 1]", "!!python/object/apply:os.system [ls]", "!!javax.script.ScriptEngineManager []",
      "!<tag:yaml.org,2002:str> x", "!<%FF> x", "!<%zz> x", "!%41 x", "!local x", "!e!x y", "! x", "!<> x",
      "\"\\u00e9\u00e9\"", "γ=0, α=0.5", "\uFEFFx", "\u2028", "\u0085", "a # comment", "a #", "#", "%", "@x",
      "`x`", "x: y", "x:y", "- - -", "? ? ?", ": :", "&", "*", "!", "|", ">", "'", "\"", "[", "{", "]", "}", ",",
      "\t", "a\tb", "\\", "x\u0000", "\u0007", "\uFFFE", "\uD83D\uDE00", "\uD800");

  /** Pieces of YAML syntax to drop anywhere. */
  private static final List<String> TOKENS = List.of("&a ", "*a", "&b ", "*b", "!!str ", "!!int ", "!!map ",
      "!!binary ", "!<tag:x> ", "!x ", "!!python/object:os.system ", "%YAML 1.1\n", "%YAML 2.0\n", "%TAG !e! tag:e,1:\n",
      "%FOO bar\n", "---\n", "--- ", "...\n", "? ", ": ", "- ", "[", "]", "{", "}", ",", "\"", "'", "|", ">", "#",
      "\t", "  ", "\n", "\r", "\r\n", "\uFEFF", "\0", "<<: *a\n", "\\", "%", "@", "`", "\u0085", "\u2028",
      "\u00A0", "\u200B", "\uD800", "\uDC00", "\uD83D\uDE00", "\u0001", "\u007F");

  private static final Pattern KEY_VALUE = Pattern.compile("^(\\s*(?:- )?)([^:#\\s][^:#]*?):( ?)(.*?)([\r\n]*)$",
      Pattern.DOTALL);

  @TempDir Path project;

  @Test
  void specsEitherLoadOrAreRefusedWithOneLineNamingTheSpec() throws IOException {
    Files.createDirectories(project.resolve("dossiers"));
    Path file = project.resolve("dossiers/x.yaml");
    SpecLoader loader = new SpecLoader(project);
    Fuzz.run("spec", Fuzz.seed(SEED), Fuzz.cases(CASES), CASES, new Fuzz.Target<byte[]>() {
      @Override
      public byte[] generate(SplittableRandom r) {
        return input(r);
      }

      @Override
      public void check(byte[] input) throws IOException {
        Fuzz.overwrite(file, input);
        loader.load("x");
      }

      @Override
      public void checkError(byte[] input, DossierException e) {
        String m = e.getMessage();
        assertTrue(m.startsWith(SHOWN + ":"), () -> "the message names the spec: " + Fuzz.literal(m, 500));
        assertEquals(DossierException.USAGE, e.exitCode(), m);
        if (m.contains(": not valid YAML")) {
          assertFalse(m.contains("\n"), () -> "a YAML error fits on one line: " + Fuzz.literal(m, 500));
        }
      }

      @Override
      public String show(byte[] input) {
        return Fuzz.literal(input, 6000);
      }
    });
  }

  /** The seeds themselves load: the mutations start from valid input. */
  @Test
  void seedsAreValid() throws IOException {
    Files.createDirectories(project.resolve("dossiers"));
    for (List<String> seed : SEEDS) {
      Files.writeString(project.resolve("dossiers/x.yaml"), Fuzz.join(seed), StandardCharsets.UTF_8);
      new SpecLoader(project).load("x");
    }
  }

  static byte[] input(SplittableRandom r) {
    List<String> lines = new ArrayList<>(pick(r, SEEDS));
    int mutations = r.nextInt(4);
    for (int k = 0; k < mutations; k++) {
      mutate(r, lines);
    }
    String text = Fuzz.join(lines);
    switch (r.nextInt(60)) {
      case 0 -> text = text.replace("\n", "\r\n");
      case 1 -> text = text.replace("\n", "\r");
      case 2 -> text = Fuzz.cut(r, text);
      case 3 -> text = text.replace("  ", "\t");
      case 4 -> text = r.nextBoolean() ? text + text : text + "---\n" + text; // keys twice, or two documents
      default -> {}
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (r.nextInt(8) == 0) {
      int n = 1 + r.nextInt(3);
      for (int k = 0; k < n; k++) {
        bytes = Fuzz.mutateBytes(r, bytes);
      }
    }
    return bytes;
  }

  private static void mutate(SplittableRandom r, List<String> lines) {
    if (lines.isEmpty()) {
      lines.add("track: 1\n");
    }
    int i = r.nextInt(lines.size());
    switch (r.nextInt(13)) {
      case 0, 1 -> Fuzz.mutateLines(r, lines);
      case 12 -> path(r, lines);
      case 2, 3, 4 -> lines.set(i, keyValue(lines.get(i), null, value(r)));
      case 5 -> lines.set(i, keyValue(lines.get(i), pick(r, KEYS), null));
      case 6 -> { // indentation
        String line = lines.get(i);
        lines.set(i, r.nextBoolean() ? " ".repeat(1 + r.nextInt(4)) + line : line.replaceFirst("^ {1,2}", ""));
      }
      case 7 -> lines.set(i, Fuzz.insert(r, lines.get(i), pick(r, TOKENS)));
      case 8 -> lines.set(i, keyValue(lines.get(i), null, nested(r)));
      case 9 -> lines.add(i, aliases(r));
      case 10 -> lines.set(i, Fuzz.insert(r, lines.get(i), pick(r, Fuzz.NASTY_CHARS)));
      default -> { // a huge value: a long line, or past SnakeYAML's limit of 1 Mi code points
        // (SnakeYAML takes about 0.3 s to scan 1 Mi characters: the longest are rare.)
        int n = r.nextInt(500) == 0 ? (1 << 20) + 10 : r.nextInt(50) == 0 ? 50_000 : 1 + r.nextInt(2000);
        lines.set(i, keyValue(lines.get(i), null, pick(r, "x", "9", "\"\\u00e9", "[a,").repeat(n / 4 + 1)));
      }
    }
  }

  /** Paths that are not paths, or not inside the project. */
  private static final List<String> PATHS = List.of("\"data/\\0x.csv\"", "\"\\0\"", "\"\\x00\"", "''", "\"\"",
      "/etc/passwd", "../x.csv", "data/../../x.csv", "./../x", "~/x", "C:\\x", "C:/x", "\\\\server\\share\\x",
      "file:///etc/passwd", "data//x.csv", "data/./x.csv", ".", "..", "data/", "\"data/\\u2028x\"", "\"\\t\"",
      "x\u00e9.md", "\"\\uD800\"", "[a]", "{a: b}", "!!binary AAAA", "*a", "&a x.csv");

  /** Replaces the value of a path key (snapshot, readiness, output), or adds one. */
  private static void path(SplittableRandom r, List<String> lines) {
    String key = pick(r, "snapshot", "readiness", "output");
    String value = r.nextInt(8) == 0 ? "d/".repeat(1 + r.nextInt(3000)) + "x" : pick(r, PATHS);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(key + ":")) {
        lines.set(i, key + ": " + value + "\n");
        return;
      }
    }
    lines.add(lines.isEmpty() ? 0 : r.nextInt(lines.size() + 1), key + ": " + value + "\n");
  }

  /** {@code line} with its key and/or value replaced (null: kept); a line without a key gets one. */
  private static String keyValue(String line, String key, String value) {
    Matcher m = KEY_VALUE.matcher(line);
    if (!m.matches()) {
      String end = line.substring(line.replaceAll("[\r\n]+$", "").length());
      return line.replaceAll("[\r\n]+$", "") + (value == null ? "" : " " + value) + (end.isEmpty() ? "\n" : end);
    }
    String v = value == null ? m.group(4) : value;
    if (v.contains("\n") && !v.startsWith("|") && !v.startsWith(">")) {
      v = v.replace("\n", "\n" + m.group(1).replace("-", " ") + "  ");
    }
    return m.group(1) + (key == null ? m.group(2) : key) + ":" + (v.isEmpty() ? "" : " ") + v
        + (m.group(5).isEmpty() ? "\n" : m.group(5));
  }

  private static String value(SplittableRandom r) {
    return switch (r.nextInt(8)) {
      case 0 -> Long.toString(r.nextLong());
      case 1 -> Double.toString(Double.longBitsToDouble(r.nextLong()));
      case 2 -> "\"" + pick(r, Fuzz.NASTY_CHARS) + pick(r, "\\0", "\\t", "\\U0001F600", "\\", "\\\"", "\"") + "\"";
      default -> pick(r, VALUES);
    };
  }

  /** Deep nesting: flow lists or mappings, or block mappings or lists, up to thousands deep. */
  private static String nested(SplittableRandom r) {
    int depth = r.nextInt(10) == 0 ? 1000 + r.nextInt(9000) : 1 + r.nextInt(120);
    StringBuilder s = new StringBuilder();
    switch (r.nextInt(5)) {
      case 0 -> s.append("[".repeat(depth)).append("x").append(r.nextBoolean() ? "]".repeat(depth) : "");
      case 1 -> s.append("{a: ".repeat(depth)).append("x").append(r.nextBoolean() ? "}".repeat(depth) : "");
      case 2 -> s.append("- ".repeat(Math.min(depth, 2000))).append("x");
      case 3 -> {
        int d = Math.min(depth, 400);
        for (int k = 0; k < d; k++) {
          s.append("\n").append("  ".repeat(k + 1)).append("a:");
        }
        s.append(" x");
      }
      default -> s.append("&a [".repeat(Math.min(depth, 50))).append("*a").append("]".repeat(Math.min(depth, 50)));
    }
    return s.toString();
  }

  /** Anchors and aliases: reuse, recursion, undefined ones, merge keys, a billion laughs. */
  private static String aliases(SplittableRandom r) {
    return switch (r.nextInt(6)) {
      case 0 -> "a0: &a [x, y]\nb0: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n";
      case 1 -> {
        StringBuilder s = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int k = 1; k < 9; k++) {
          s.append("l").append(k).append(": &l").append(k).append(" [").append(("*l" + (k - 1) + ", ").repeat(8))
              .append("*l").append(k - 1).append("]\n");
        }
        yield s.toString();
      }
      case 2 -> "base: &base {track: 1, title: x}\nmerged:\n  <<: *base\n  <<: [*base, *base]\n";
      case 3 -> "r: &r [*r]\n";
      case 4 -> "x: *nowhere\n";
      default -> "&k track: *k\n";
    };
  }
}
