package dossier;

/**
 * A value as an error message quotes it: on one line, and short. A snapshot's field or a spec's
 * value can be megabytes long, and an error that echoed it whole would bury its own line.
 */
public final class Excerpt {
  /** How many characters of a value an error shows; a longer value is cut there and ends in "…". */
  public static final int MAX = 60;

  private Excerpt() {}

  /**
   * The first {@link #MAX} characters of {@code value}, then "…" if there is more; line breaks,
   * tabs and other control characters written as escapes, as Java writes them in a string.
   */
  public static String of(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX) + 8);
    for (int i = 0; i < value.length(); ) {
      if (out.length() >= MAX) {
        return out.append('…').toString();
      }
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04X", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    }
    return out.toString();
  }
}
