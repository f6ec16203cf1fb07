package dossier.render;

/**
 * Escaping of text that comes from data or specs (variant, crypto, run names) so that it stays
 * text in a Markdown table: no cell split, no HTML, no link, no emphasis, no line break.
 */
public final class MarkdownEscaper {
  private MarkdownEscaper() {}

  /**
   * Plain text in a paragraph or a table cell. Only what could change the structure is escaped,
   * so generated evidence such as {@code CI [-0.098, -0.049]} stays readable in a raw diff: a
   * {@code [} only where a link could start ({@code ](}, {@code ][} or {@code ]:} follows), a
   * {@code <} always (no HTML, no autolink), and a block marker at the very start ({@code # },
   * {@code >}, {@code - }, {@code 1. }) since a value may open a line.
   */
  public static String text(String s) {
    // A value that opens a line (a list item, a metadata key) must not become a heading, quote
    // or list marker: "# x", "> x", "- x", "1. x" get a backslash; "-0.0697" stays as it is.
    String escaped = escapeInline(s);
    if (ORDERED_ITEM.matcher(escaped).lookingAt()) {
      int dot = 0;
      while (Character.isDigit(escaped.charAt(dot))) {
        dot++;
      }
      return escaped.substring(0, dot) + "\\" + escaped.substring(dot); // "1\. x": the escape CommonMark defines
    }
    return BLOCK_MARKER.matcher(escaped).lookingAt() ? "\\" + escaped : escaped;
  }

  private static final java.util.regex.Pattern BLOCK_MARKER =
      java.util.regex.Pattern.compile("(#{1,6}(\\s|$)|>|[-+=](\\s|$))");
  private static final java.util.regex.Pattern ORDERED_ITEM = java.util.regex.Pattern.compile("\\d{1,9}[.)](\\s|$)");

  private static String escapeInline(String s) {
    boolean linkish = s.contains("](") || s.contains("][") || s.contains("]:");
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\r', '\n' -> {
          // A line break inside a cell would end the table row.
          if (!(c == '\n' && i > 0 && s.charAt(i - 1) == '\r')) {
            out.append(' ');
          }
        }
        case '\\', '`', '*', '|', '~' -> out.append('\\').append(c);
        case '[' -> out.append(linkish ? "\\[" : "[");
        case '<' -> out.append("&lt;");
        case '&' -> out.append("&amp;");
        case '_' -> {
          // Intraword underscores (mild_focus) never start emphasis in CommonMark; keep them readable.
          boolean intraword = i > 0 && i + 1 < s.length()
              && Character.isLetterOrDigit(s.charAt(i - 1)) && Character.isLetterOrDigit(s.charAt(i + 1));
          out.append(intraword ? "_" : "\\_");
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A code span holding {@code s} literally. A pipe is still escaped: in a GFM table it would
   * split the cell even inside a code span, and the table parser removes the backslash again.
   */
  public static String code(String s) {
    String flat = s.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace("|", "\\|");
    int longest = 0;
    int run = 0;
    for (int i = 0; i < flat.length(); i++) {
      run = flat.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    boolean pad = longest > 0 || flat.startsWith(" ") || flat.endsWith(" ");
    return pad ? fence + " " + flat + " " + fence : fence + flat + fence;
  }
}
