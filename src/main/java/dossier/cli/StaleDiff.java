package dossier.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a refresh would change, for people and for CI: per block, each changed table cell labelled
 * by its row and column ({@code means · AAVEUSDC · mild_focus: 0.3951 → 0.4751}), and each other
 * changed line whole, as it was and as it would be. A sentence that the facts rewrite reads as two
 * sentences, not as a diff of its words. Lines are aligned by their longest common subsequence.
 */
final class StaleDiff {
  private StaleDiff() {}

  /**
   * One change of a block.
   *
   * @param label for a table cell, its row and column ({@code AAVEUSDC · mild_focus}); null for a line
   * @param before what is there now; null when the line is added
   * @param after what a refresh writes; null when the line is removed
   */
  record Change(String block, String label, String before, String after) {}

  /**
   * A run of differing lines: those there now, from line {@code fromA}, and those that replace them,
   * from line {@code fromB} (either may be empty).
   */
  record Run(int fromA, List<String> before, int fromB, List<String> after) {}

  /** Between a table's cells: a pipe not escaped with a backslash. */
  private static final Pattern CELL = Pattern.compile("(?<!\\\\)\\|");
  private static final Pattern SEPARATOR = Pattern.compile("\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?");
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  /** The changes of a stale outcome's blocks, in block and line order. */
  static List<Change> changes(Refresher.Outcome o) {
    List<Change> out = new ArrayList<>();
    for (String block : o.changed()) {
      List<String> a = lines(o.oldBlocks().get(block));
      List<String> b = lines(o.newBlocks().get(block));
      List<List<String>> headerA = headers(a);
      List<List<String>> headerB = headers(b);
      for (Run run : runs(a, b)) {
        int n = Math.max(run.before().size(), run.after().size());
        for (int k = 0; k < n; k++) {
          String before = k < run.before().size() ? run.before().get(k) : null;
          String after = k < run.after().size() ? run.after().get(k) : null;
          List<String> header = before != null ? headerA.get(run.fromA() + k) : null;
          List<String> headerAfter = after != null ? headerB.get(run.fromB() + k) : null;
          out.addAll(line(block, before, after, header, headerAfter));
        }
      }
    }
    return out;
  }

  /** What {@code check} prints for a stale dossier. */
  static String describe(Refresher.Outcome o) {
    StringBuilder out = new StringBuilder();
    out.append("stale ").append(o.shown()).append('\n');
    for (Change c : changes(o)) {
      out.append("  ").append(c.block());
      if (c.label() != null) {
        out.append(" · ").append(c.label()).append(": ").append(or(c.before())).append(" → ").append(or(c.after()));
      } else if (c.before() != null && c.after() != null) {
        out.append(", was: ").append(c.before()).append('\n');
        out.append("  ").append(c.block()).append(", now: ").append(c.after());
      } else if (c.before() != null) {
        out.append(", removed: ").append(c.before());
      } else {
        out.append(", added: ").append(c.after());
      }
      out.append('\n');
    }
    for (String figure : o.staleFigures()) {
      out.append("  figure ").append(figure).append(" would be rewritten\n");
    }
    return out.toString();
  }

  private static String or(String s) {
    return s == null || s.isEmpty() ? "∅" : s;
  }

  /** The changes of one line: per cell when it is a row of the same table before and after, else whole. */
  private static List<Change> line(String block, String before, String after, List<String> header,
      List<String> headerAfter) {
    if (blank(before) && blank(after)) {
      return List.of(); // a blank line more or less is no number
    }
    if (before != null && after != null && header != null && header.equals(headerAfter)) {
      List<String> x = cells(before);
      List<String> y = cells(after);
      if (x.size() == header.size() && y.size() == header.size() && x.get(0).equals(y.get(0))) {
        String row = rowLabel(x);
        List<Change> out = new ArrayList<>();
        for (int c = 1; c < x.size(); c++) {
          if (!x.get(c).equals(y.get(c))) {
            String column = header.get(c).isEmpty() ? "column " + (c + 1) : header.get(c);
            out.add(new Change(block, row + " · " + column, x.get(c), y.get(c)));
          }
        }
        return out;
      }
    }
    return List.of(new Change(block, null, strip(before), strip(after)));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }

  /** A row's label: its first cell, without code quotes; a number (a gate's) with the cell after it. */
  private static String rowLabel(List<String> cells) {
    String first = unquote(cells.get(0));
    return NUMBER.matcher(first).matches() && cells.size() > 2 ? first + ". " + unquote(cells.get(1)) : first;
  }

  private static String unquote(String cell) {
    return cell.length() > 2 && cell.startsWith("`") && cell.endsWith("`") && cell.indexOf('`', 1) == cell.length() - 1
        ? cell.substring(1, cell.length() - 1) : cell;
  }

  /** For each line, the header cells of the table whose body row it is; null for any other line. */
  static List<List<String>> headers(List<String> lines) {
    List<List<String>> out = new ArrayList<>();
    List<String> header = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.startsWith("|")) {
        header = null;
      } else if (header == null && i + 1 < lines.size() && SEPARATOR.matcher(lines.get(i + 1).strip()).matches()) {
        header = cells(line);
        out.add(null); // the header row itself
        out.add(null); // and the separator
        i++;
        continue;
      }
      out.add(header);
    }
    return out;
  }

  /** "| a | `b` |" → [a, `b`]. */
  static List<String> cells(String row) {
    String s = row.strip();
    if (s.startsWith("|")) {
      s = s.substring(1);
    }
    if (s.endsWith("|") && !s.endsWith("\\|")) {
      s = s.substring(0, s.length() - 1);
    }
    return CELL.splitAsStream(s).map(String::strip).toList();
  }

  private static List<String> lines(String text) {
    return List.of(text.replace("\r\n", "\n").split("\n", -1));
  }

  /** The runs of lines that differ between {@code a} and {@code b}, in order. */
  static List<Run> runs(List<String> a, List<String> b) {
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Run> out = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        flush(i, removed, j, added, out);
        i++;
        j++;
      } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
        added.add(b.get(j++));
      } else {
        removed.add(a.get(i++));
      }
    }
    flush(i, removed, j, added, out);
    return out;
  }

  /** Ends the run that ends before lines {@code i} and {@code j}. */
  private static void flush(int i, List<String> removed, int j, List<String> added, List<Run> out) {
    if (!removed.isEmpty() || !added.isEmpty()) {
      out.add(new Run(i - removed.size(), List.copyOf(removed), j - added.size(), List.copyOf(added)));
    }
    removed.clear();
    added.clear();
  }
}
