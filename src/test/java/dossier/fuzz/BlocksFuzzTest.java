package dossier.fuzz;

import static dossier.fuzz.Fuzz.pick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import dossier.render.Blocks;
import dossier.render.Blocks.Block;
import dossier.render.Blocks.Parsed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the marker splicer, {@link Blocks#parse} and {@link Blocks#splice}, on pairs (a dossier
 * as people left it, the freshly rendered one): windows of the repository's dossiers and small
 * made-up ones, with markers moved, deleted, renamed, mangled, put in code spans and fences, in
 * CRLF or CR files, cut anywhere. Nothing but a {@link DossierException} naming the file may
 * escape, nothing may hang, and whenever both parse, splice either refuses or returns a text
 *
 * <ul>
 *   <li>whose blocks are found again: the same names in the same order,
 *   <li>whose text outside the blocks is the old one's, exactly,
 *   <li>whose blocks hold the fresh content (in the file's line endings),
 *   <li>that a second refresh with the same fresh dossier leaves as it is.
 * </ul>
 *
 * <p>CI runs {@link #CASES} cases from {@link #SEED}. A longer campaign:
 * {@code mvn -o test -Dtest=BlocksFuzzTest -Dfuzz.cases=1000000 -Dfuzz.seed=7} (see {@link Fuzz}).
 */
class BlocksFuzzTest {
  static final long SEED = 0x5EED_B10C_0003L;
  static final int CASES = 35_000;

  private static final String OLD = "old.md";
  private static final String FRESH = "the rendered dossier";

  private static final List<String> DOSSIERS = List.of(
      Fuzz.text("dossiers/2026-04-29-track5-label-smoothing-results.md"),
      Fuzz.text("dossiers/2026-04-29-track6-focal-loss-results.md"));

  /** The lines of each repository dossier, and the lines a window may start or end at (outside any block). */
  private static final List<List<String>> LINES = DOSSIERS.stream().map(Fuzz::lines).toList();
  private static final List<List<Integer>> CUTS = DOSSIERS.stream().map(BlocksFuzzTest::cuts).toList();

  /** Lines of block content and of prose, to build fresh content from. */
  private static final List<String> CONTENT_LINES = DOSSIERS.stream().flatMap(d -> Fuzz.lines(d).stream())
      .filter(l -> !l.contains("dossier:")).toList();

  private static final List<String> NAMES = List.of("a", "b", "c", "means", "paired", "x-1", "meta-date", "9");
  private static final List<String> BAD_NAMES = List.of("", "A", "-a", "a b", "a_b", "a.b", "é", "a--", "a\tb",
      "a\nb", "a -->", "<!--", "a/b", "ａ");

  /** Markers as people damage them. */
  private static final List<String> MANGLED = List.of("<!--dossier:begin a-->", "<!-- dossier:begin a --",
      "<!-- dossier: begin a -->", "<!-- Dossier:begin a -->", "<!-- dossier:begn a -->", "<!-- dossier:begin a b -->",
      "<!-- dossier:begin a -- -->", "<!-- dossier:begin a\n-->", "<!-- dossier:begin\na -->", "<!-- dossier:end -->",
      "<!-- dossier:begin -->", "<!-- dossier:spec -->", "<!-- dossier: -->", "<!-- dossier:begin a -->-->",
      "<!-- <!-- dossier:begin a --> -->", "<!--- dossier:begin a --->", "<!-- dossier:begin a --!>",
      "<!-- dossier:BEGIN a -->", "<!-- dossier:begin  a  -->", "<!--\tdossier:end\ta\t-->", "<!-- dossier:end a",
      "<!-- dossier:end a -->\u0000", "<!-- dossier:begin a\r\n-->", "<!-- dossier:spec x -->",
      "<!-- dossier:spec  -->", "&lt;!-- dossier:begin a --&gt;", "\\<!-- dossier:begin a -->", "<!-- x -->",
      "<!-- dossier -->", "<!---->", "<!-->", "<!--->", "<!-- dossier:begin a -->x<!-- dossier:end a -->",
      "<!-- dossier:end b --><!-- dossier:begin b -->");

  /** Markdown that changes what a marker is: code, HTML, quotes, lists, line breaks. */
  private static final List<String> MARKDOWN = List.of("`", "``", "```", "```\n", "\n```\n", "~~~\n", "\n~~~~\n",
      "    ", "\t", "> ", "- ", "1. ", "# ", "\n", "\n\n", "\r\n", "\r", "\\", "<div>\n", "\n</div>\n", "<pre>\n",
      "</pre>", "<!--", "-->", "<!-- x -->", "<", ">", "|", "| a | b |\n|---|---|\n", "---\n", "***", "[", "](x)",
      "<http://x>", "*", "_", "&lt;", "\u0000", "\uFEFF", "\u2028", "\u0085", "\uD800", "<script>\n", "<?x ", "?>",
      "<![CDATA[", "]]>", "<!X ", "<textarea>\n", "</textarea>");

  private int spliced;

  @Test
  void splicingKeepsPeoplesTextOrRefuses() {
    spliced = 0;
    Fuzz.Outcome outcome = Fuzz.run("blocks", Fuzz.seed(SEED), Fuzz.cases(CASES), CASES, new Fuzz.Target<Pair>() {
      @Override
      public Pair generate(SplittableRandom r) {
        Pair p = r.nextInt(3) == 0 ? synthetic(r) : fromRepository(r);
        // Mostly on a line of its own: a comment that opens a line is an HTML block, to the end of
        // the file if nothing closes it.
        if (r.nextInt(100) != 0) {
          return p;
        }
        String h = huge(r);
        return new Pair(switch (r.nextInt(3)) {
          case 0 -> p.old() + "\n" + h; // at the end: nothing after it closes a comment
          case 1 -> Fuzz.insert(r, p.old(), "\n" + h);
          default -> Fuzz.insert(r, p.old(), h);
        }, p.fresh());
      }

      @Override
      public void check(Pair p) {
        splice(p);
      }

      @Override
      public void checkError(Pair p, DossierException e) {
        assertTrue(e.getMessage().startsWith(OLD + ":") || e.getMessage().startsWith(FRESH + ":"),
            () -> "the message names the file: " + Fuzz.literal(e.getMessage(), 300));
      }

      @Override
      public String show(Pair p) {
        return "old " + Fuzz.literal(p.old(), 3000) + "\nfresh " + Fuzz.literal(p.fresh(), 3000);
      }
    });
    System.out.println("fuzz blocks: " + spliced + " splices returned a text");
    if (outcome.cases() >= 1000) {
      assertTrue(spliced >= outcome.cases() / 20, "the generator reaches a successful splice often enough: " + spliced);
    }
  }

  /** A dossier as people left it, and the dossier rendered afresh. */
  record Pair(String old, String fresh) {}

  private void splice(Pair p) {
    Parsed old = Blocks.parse(p.old(), OLD);
    Parsed fresh = Blocks.parse(p.fresh(), FRESH);
    String out = Blocks.splice(old, fresh, OLD);
    spliced++;
    Parsed again;
    try {
      again = Blocks.parse(out, OLD);
    } catch (DossierException e) {
      throw new AssertionError("splice returned a text in which its blocks are not found again: "
          + e.getMessage() + "\nspliced: " + Fuzz.literal(out, 3000), e);
    }
    assertEquals(names(old), names(again), "the blocks of the spliced text");
    assertEquals(old.outside(), again.outside(), "the text outside the blocks is kept exactly");
    // The file's line ending: CRLF if it has one, CR if it has no LF, LF otherwise.
    String eol = p.old().contains("\r\n") ? "\r\n" : !p.old().contains("\n") && p.old().contains("\r") ? "\r" : "\n";
    Map<String, String> expected = new LinkedHashMap<>();
    fresh.contents().forEach((k, v) -> expected.put(k, eol.equals("\n") ? v : v.replace("\n", eol)));
    Map<String, String> actual = new LinkedHashMap<>(again.contents());
    for (String name : names(old)) {
      assertEquals(expected.get(name), actual.get(name), "the content of block " + name);
    }
    if (!p.fresh().contains("\r")) { // the renderer writes \n only
      assertEquals(out, Blocks.splice(again, fresh, OLD), "a second refresh changes nothing");
    }
  }

  private static List<String> names(Parsed p) {
    return p.blocks().stream().map(Block::name).toList();
  }

  // ---- inputs from the repository's dossiers -----------------------------------------------------

  /** Lines (0-based) at which a window may start or end: not inside a block. */
  private static List<Integer> cuts(String dossier) {
    Parsed p = Blocks.parse(dossier, "seed");
    List<Integer> out = new ArrayList<>();
    int offset = 0;
    List<String> lines = Fuzz.lines(dossier);
    for (int i = 0; i <= lines.size(); i++) {
      int at = offset;
      if (p.blocks().stream().noneMatch(b -> b.contentStart() <= at && at <= b.contentEnd())) {
        out.add(i);
      }
      if (i < lines.size()) {
        offset += lines.get(i).length();
      }
    }
    return out;
  }

  private static Pair fromRepository(SplittableRandom r) {
    int d = r.nextInt(DOSSIERS.size());
    List<String> lines = LINES.get(d);
    List<Integer> cuts = CUTS.get(d);
    String window;
    if (r.nextInt(50) == 0) {
      window = DOSSIERS.get(d);
    } else {
      int from = pick(r, cuts);
      int to = Math.min(lines.size(), from + 1 + r.nextInt(30));
      if (r.nextInt(4) != 0) { // mostly whole blocks: end at a cut too
        int end = to;
        to = cuts.stream().filter(c -> c >= end).findFirst().orElse(lines.size());
      }
      List<String> part = new ArrayList<>(lines.subList(from, to));
      if (r.nextBoolean() && from > 0) {
        part.add(0, lines.get(0)); // the dossier:spec line
      }
      window = Fuzz.join(part);
    }
    String fresh = refill(r, window);
    String old = window;
    int mutations = r.nextInt(4);
    for (int k = 0; k < mutations; k++) {
      old = mutate(r, old);
    }
    if (r.nextInt(6) == 0) {
      fresh = mutate(r, fresh);
    }
    if (r.nextInt(8) == 0) {
      old = old.replace("\n", "\r\n");
    }
    return new Pair(old, fresh);
  }

  private static final Pattern BLOCK = Pattern.compile(
      "(<!-- dossier:begin (\\S+) -->)(.*?)(<!-- dossier:end \\2 -->)", Pattern.DOTALL);

  /**
   * {@code text} (part of a repository dossier, as it is) with new content in its blocks, as a
   * fresh rendering would have. The repository's dossiers quote no marker, so a regular expression
   * finds their blocks (faster than parsing).
   */
  private static String refill(SplittableRandom r, String text) {
    Matcher m = BLOCK.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String content = r.nextInt(5) == 0 ? m.group(3) : content(r, m.group(3).contains("\n"));
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + content + m.group(4)));
    }
    return m.appendTail(out).toString();
  }

  /** Fresh content for a block: whole lines for a block on lines of its own, a phrase for one in a line. */
  private static String content(SplittableRandom r, boolean lines) {
    StringBuilder s = new StringBuilder();
    if (lines) {
      int n = r.nextInt(8);
      for (int k = 0; k < n; k++) {
        s.append(r.nextInt(6) == 0 ? pick(r, MARKDOWN) + "\n" : pick(r, CONTENT_LINES).replace("\r", ""));
      }
      if (r.nextInt(10) == 0) {
        s.append(codeMarker(r)).append("\n");
      }
      if (s.length() > 0 && r.nextInt(10) != 0) {
        s.append("\n");
      }
    } else {
      String line = pick(r, CONTENT_LINES).strip();
      s.append(line, 0, r.nextInt(line.length() + 1));
      if (r.nextInt(10) == 0) {
        s.append(pick(r, "`x`", "**x**", "`", "\\", "<b>", "&amp;", "|", codeMarker(r)));
      }
    }
    return s.toString();
  }

  // ---- made-up dossiers ----------------------------------------------------------------------------

  /** A small dossier of random pieces; the fresh one has the same blocks, mostly, with other content. */
  private static Pair synthetic(SplittableRandom r) {
    StringBuilder old = new StringBuilder();
    StringBuilder fresh = new StringBuilder();
    String eol = pick(r, "\n", "\n", "\n", "\r\n", "\r");
    if (r.nextBoolean()) {
      String spec = "<!-- dossier:spec track" + r.nextInt(10) + " -->" + eol + eol;
      old.append(spec);
      fresh.append(spec);
    }
    int pieces = 1 + r.nextInt(10);
    List<String> used = new ArrayList<>();
    for (int k = 0; k < pieces; k++) {
      switch (r.nextInt(10)) {
        case 0, 1, 2 -> { // a block on lines of its own
          String name = pick(r, NAMES);
          used.add(name);
          String begin = Blocks.beginMarker(name) + eol;
          String end = Blocks.endMarker(name) + eol + eol;
          old.append(begin).append(content(r, true).replace("\n", eol)).append(end);
          fresh.append(begin).append(content(r, true)).append(end);
        }
        case 3, 4 -> { // a block inside a line
          String name = pick(r, NAMES);
          used.add(name);
          String prose = pick(r, "Date : ", "# Title (", "- ", "| x | ", "> ", "Verdict: **", "");
          String inline = Blocks.beginMarker(name) + "%s" + Blocks.endMarker(name);
          old.append(prose).append(inline.formatted(content(r, false))).append(eol).append(eol);
          fresh.append(prose).append(inline.formatted(content(r, false))).append(eol).append(eol);
        }
        case 5 -> { // a marker people quoted: code span or fence
          String quoted = r.nextBoolean() ? "Write `" + marker(r) + "` to mark a block." + eol + eol
              : pick(r, "```", "~~~", "````") + eol + marker(r) + eol + pick(r, "```", "~~~", "````", "") + eol + eol;
          old.append(quoted);
          fresh.append(r.nextBoolean() ? quoted : "");
        }
        case 6 -> { // a marker on its own: valid, mangled, unmatched
          String m = r.nextBoolean() ? marker(r) : pick(r, MANGLED);
          old.append(m).append(eol);
          if (r.nextInt(4) == 0) {
            fresh.append(m).append(eol);
          }
        }
        case 7 -> old.append(pick(r, MARKDOWN));
        default -> { // prose that belongs to people
          String prose = pick(r, CONTENT_LINES).replace("\n", eol);
          old.append(prose);
          if (r.nextBoolean()) {
            fresh.append(prose);
          }
        }
      }
    }
    String o = old.toString();
    String f = fresh.toString();
    if (r.nextInt(3) == 0) {
      o = mutate(r, o);
    }
    return new Pair(o, f);
  }

  /** A marker, mostly valid, with a name from the pool or a bad one. */
  private static String marker(SplittableRandom r) {
    String name = r.nextInt(8) == 0 ? pick(r, BAD_NAMES) : pick(r, NAMES);
    return switch (r.nextInt(5)) {
      case 0, 1 -> Blocks.beginMarker(name);
      case 2, 3 -> Blocks.endMarker(name);
      default -> pick(r, MANGLED);
    };
  }

  /** A marker that is text: in a code span, a fence, or escaped. */
  private static String codeMarker(SplittableRandom r) {
    String m = marker(r);
    return switch (r.nextInt(4)) {
      case 0 -> "`" + m + "`";
      case 1 -> "``" + m + "``";
      case 2 -> "```\n" + m + "\n```";
      default -> m.replace("<", "&lt;");
    };
  }

  // ---- mutations -----------------------------------------------------------------------------------

  private static String mutate(SplittableRandom r, String text) {
    return switch (r.nextInt(12)) {
      case 0, 1 -> {
        List<String> lines = Fuzz.lines(text);
        Fuzz.mutateLines(r, lines);
        yield Fuzz.join(lines);
      }
      case 2, 3 -> Fuzz.insert(r, text, marker(r) + (r.nextBoolean() ? "\n" : ""));
      case 4 -> Fuzz.insert(r, text, pick(r, MANGLED));
      case 5, 6 -> Fuzz.insert(r, text, pick(r, MARKDOWN));
      case 7 -> quoteAMarker(r, text);
      case 8 -> renameAMarker(r, text);
      case 9 -> Fuzz.cut(r, text);
      case 10 -> Fuzz.replaceSpan(r, text, pick(r, Fuzz.NASTY_CHARS), 8);
      default -> pick(r, "\n", "\r").equals("\r") ? text.replace("\n", "\r") : text.replace("\r\n", "\n")
          .replace("\n", pick(r, "\r\n", "\n\n", " \n"));
    };
  }

  /**
   * Long or deep constructs, up to 6,000 characters or levels: a run of spaces in a marker, long
   * inline HTML comments and tags, deep nesting.
   */
  private static String huge(SplittableRandom r) {
    int kind = r.nextInt(7);
    // (Nesting flexmark survives costs it quadratic time: 2,000 levels of lists take half a second.)
    int n = r.nextInt(kind == 0 ? 3 : 10) == 0 ? 4000 + r.nextInt(2000) : 1 + r.nextInt(500);
    return switch (kind) {
      case 0 -> "<!-- dossier:begin" + " ".repeat(n) + pick(r, "", "a", "a -->", "\n");
      case 1 -> "<!-- dossier:" + pick(r, "x", "-", "-->", "- ").repeat(n);
      case 2 -> "text <!--" + " x".repeat(n) + pick(r, " -->", "");
      case 3 -> "text <b " + "x=\"y\" ".repeat(n) + ">";
      case 4 -> "- ".repeat(n) + "x";
      case 5 -> "*".repeat(n) + "x" + "*".repeat(n);
      default -> ">".repeat(n) + " x";
    };
  }

  /** Puts one of the markers of {@code text} in a code span or a fence. */
  private static String quoteAMarker(SplittableRandom r, String text) {
    List<Integer> at = markers(text);
    if (at.isEmpty()) {
      return text;
    }
    int start = pick(r, at);
    int end = text.indexOf("-->", start) + 3;
    String m = text.substring(start, end);
    String quoted = switch (r.nextInt(4)) {
      case 0 -> "`" + m + "`";
      case 1 -> "`` " + m + " ``";
      case 2 -> "```\n" + m + "\n```";
      default -> "    " + m;
    };
    return text.substring(0, start) + quoted + text.substring(end);
  }

  /** Gives one of the markers of {@code text} another name, or makes a begin an end. */
  private static String renameAMarker(SplittableRandom r, String text) {
    List<Integer> at = markers(text);
    if (at.isEmpty()) {
      return text;
    }
    int start = pick(r, at);
    int end = text.indexOf("-->", start) + 3;
    String m = text.substring(start, end);
    String renamed = r.nextBoolean() ? m.replaceFirst("(begin|end) \\S+", "$1 " + pick(r, NAMES))
        : m.contains("begin") ? m.replace("begin", "end") : m.replace("end", "begin");
    return text.substring(0, start) + renamed + text.substring(end);
  }

  private static List<Integer> markers(String text) {
    List<Integer> out = new ArrayList<>();
    for (int i = text.indexOf("<!-- dossier:"); i >= 0; i = text.indexOf("<!-- dossier:", i + 1)) {
      if (text.indexOf("-->", i) >= 0) {
        out.add(i);
      }
    }
    return out;
  }
}
