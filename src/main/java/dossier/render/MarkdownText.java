package dossier.render;

/** Layout hygiene applied to every rendered dossier, so templates need not fuss over blank lines. */
final class MarkdownText {
  private MarkdownText() {}

  /**
   * Trailing spaces removed, runs of blank lines folded to one (not inside fenced code), no blank
   * line at the start, exactly one newline at the end, {@code \n} line endings.
   */
  static String normalise(String text) {
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    boolean inFence = false;
    boolean blankPending = false;
    for (String raw : lines) {
      String line = raw.stripTrailing();
      if (line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~")) {
        inFence = !inFence;
      }
      if (line.isEmpty() && !inFence) {
        blankPending = out.length() > 0;
        continue;
      }
      if (blankPending) {
        out.append('\n');
        blankPending = false;
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }
}
