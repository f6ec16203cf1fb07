package dossier.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What a refresh would change, for people: per block and changed line, only the words that
 * change, {@code -0.0697 → -0.0701}, after the first word of the line for context (a table row's
 * variant). Lines and words are aligned by their longest common subsequence.
 */
final class StaleDiff {
  private StaleDiff() {}

  /** A run of differences: what was there and what replaces it (either may be empty). */
  record Change(List<String> before, List<String> after) {}

  static String describe(Refresher.Outcome o) {
    StringBuilder out = new StringBuilder();
    out.append("stale ").append(o.shown()).append('\n');
    for (String block : o.changed()) {
      for (Change c : changes(lines(o.oldBlocks().get(block)), lines(o.newBlocks().get(block)))) {
        int n = Math.max(c.before().size(), c.after().size());
        for (int k = 0; k < n; k++) {
          String before = k < c.before().size() ? c.before().get(k) : null;
          String after = k < c.after().size() ? c.after().get(k) : null;
          out.append("  ").append(block).append(": ").append(line(before, after)).append('\n');
        }
      }
    }
    for (String figure : o.staleFigures()) {
      out.append("  figure ").append(figure).append(" would be rewritten\n");
    }
    return out.toString();
  }

  private static List<String> lines(String text) {
    return List.of(text.replace("\r\n", "\n").split("\n", -1));
  }

  static List<Change> changes(List<String> a, List<String> b) {
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Change> out = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        flush(removed, added, out);
        i++;
        j++;
      } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
        added.add(b.get(j++));
      } else {
        removed.add(a.get(i++));
      }
    }
    flush(removed, added, out);
    return out;
  }

  private static void flush(List<String> removed, List<String> added, List<Change> out) {
    if (!removed.isEmpty() || !added.isEmpty()) {
      out.add(new Change(List.copyOf(removed), List.copyOf(added)));
    }
    removed.clear();
    added.clear();
  }

  /** "| `mild_focus` | -0.0697 | …" → "`mild_focus`: -0.0697 → -0.0701, …". */
  static String line(String before, String after) {
    if (before == null) {
      return "+ " + after;
    }
    if (after == null) {
      return "- " + before;
    }
    List<String> x = words(before);
    List<String> y = words(after);
    List<String> parts = new ArrayList<>();
    for (Change c : changes(x, y)) {
      parts.add(join(c.before()) + " → " + join(c.after()));
    }
    String context = x.stream().filter(w -> !w.equals("|")).findFirst().orElse("");
    return (context.isEmpty() ? "" : context + ": ") + String.join(", ", parts);
  }

  private static List<String> words(String line) {
    return List.of(line.strip().split("\\s+"));
  }

  private static String join(List<String> words) {
    return words.isEmpty() ? "∅" : String.join(" ", words);
  }
}
