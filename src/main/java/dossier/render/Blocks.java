package dossier.render;

import com.vladsch.flexmark.ast.HtmlCommentBlock;
import com.vladsch.flexmark.ast.HtmlInlineComment;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import dossier.DossierException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated blocks of a dossier. A rendered dossier marks everything the tool computes with
 * HTML comments, invisible on a Markdown site and in pull requests:
 *
 * <pre>
 * &lt;!-- dossier:spec track6 … --&gt;                 first line: which spec produced the file
 * &lt;!-- dossier:begin paired --&gt; … &lt;!-- dossier:end paired --&gt;   a generated block
 * </pre>
 *
 * Markers are found with flexmark, so a marker quoted in a code span or a fenced block is text,
 * not a marker; a block's content is the text between the end of its begin marker and the start
 * of its end marker (for markers on their own lines, whole lines). Everything outside belongs to
 * people and is carried over byte for byte.
 */
public final class Blocks {
  // Linear time: the verb ends at the first space or "-->", the argument at the first "-->" after
  // it (and is trimmed in code). The former "\s*(.*?)\s*-->" took cubic time on a comment with a
  // long run of spaces and no "-->": a minute for 3,000 spaces.
  static final Pattern MARKER = Pattern.compile("<!--\\s*+dossier:(\\S*?)(?=\\s|-->)(.*?)-->", Pattern.DOTALL);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  // TRACK_DOCUMENT_LINES: flexmark keeps the offsets of the lines while it parses. Without it, each
  // getStartLineNumber counts the line breaks from the start of the text again (7-13% of the CPU of a
  // check over 30 dossiers).
  // The two count alike: a line ends at \n, \r\n or a lone \r (DocumentParser.parse splits at
  // Parsing.findLineBreak, Document.getLineNumber counts with endOfLineAnyEOL; both use ANY_EOL), for
  // every offset inside the text, which a marker's start is. BlocksTest pins the lines of markers.
  // Parser.parse is thread-safe (flexmark: "a new parser state is used for each invocation").
  // (In a holder: firstLineSpec, for every dossier of a check, needs no parser.)
  private static final class Shared {
    static final Parser PARSER = Parser.builder(new MutableDataSet()
        .set(Parser.TRACK_DOCUMENT_LINES, true)
        .toImmutable()).build();
  }

  private Blocks() {}

  /**
   * A generated block: its name, where its content starts and ends, its begin marker's line, and
   * the checksum its end marker carries ({@code null} when it has none: a dossier written before
   * checksums), which lies in {@code [nameEnd, sumEnd)} of the text, after the name in the end
   * marker (empty when there is none).
   */
  public record Block(String name, int contentStart, int contentEnd, int line, String sum, int nameEnd, int sumEnd) {
    /** Whether people changed the content since dossier wrote it: its checksum no longer matches. */
    boolean edited(String text) {
      return sum != null && !sum.equals(checksum(text.substring(contentStart, contentEnd)));
    }
  }

  /** A parsed dossier: the spec named on its first line, and its blocks in order. */
  public record Parsed(String text, Optional<String> spec, List<Block> blocks) {
    public Parsed {
      blocks = List.copyOf(blocks);
    }

    public Map<String, String> contents() {
      Map<String, String> out = new LinkedHashMap<>();
      blocks.forEach(b -> out.put(b.name(), text.substring(b.contentStart(), b.contentEnd())));
      return out;
    }

    /** The text outside the blocks, markers included but not their checksums: what people own. */
    public String outside() {
      StringBuilder out = new StringBuilder();
      int at = 0;
      for (Block b : blocks) {
        out.append(text, at, b.contentStart()).append(text, b.contentEnd(), b.nameEnd());
        at = b.sumEnd();
      }
      return out.append(text.substring(at)).toString();
    }

    /**
     * The blocks whose content people edited and whose fresh content ({@code fresh}'s block of the
     * same name) differs from it: what replacing them would lose.
     */
    public List<Block> editedAgainst(Parsed fresh) {
      Map<String, String> contents = fresh.contents();
      return blocks.stream()
          .filter(b -> b.edited(text) && contents.containsKey(b.name())
              && !checksum(text.substring(b.contentStart(), b.contentEnd())).equals(checksum(contents.get(b.name()))))
          .toList();
    }
  }

  /**
   * The first HTML comment in {@code text} that holds {@code dossier:} in any case, from its
   * {@code <!--} to its {@code -->} (or the end): what {@link #parse} takes for a marker, or refuses
   * as a mangled one, wherever such text lands in a dossier. Broader than the parse on purpose (any
   * case; a comment is taken to run to the first {@code -->} after its opening four characters),
   * so that text which passes can never be read as a marker.
   */
  public static Optional<String> markerComment(String text) {
    int at = text.indexOf("<!--");
    while (at >= 0) {
      int end = text.indexOf("-->", at + 4);
      String comment = end < 0 ? text.substring(at) : text.substring(at, end + 3);
      if (comment.toLowerCase(Locale.ROOT).contains("dossier:")) {
        return Optional.of(comment);
      }
      at = end < 0 ? -1 : text.indexOf("<!--", end + 3);
    }
    return Optional.empty();
  }

  /**
   * Whether {@code markdown}, followed by whatever a layout puts after it, would take that text in:
   * a comment not closed ({@code <!--} without {@code -->}), a code fence or an HTML block such as
   * {@code <pre>} not closed. Rendered into a dossier, such text would hide the markers after it.
   */
  public static boolean leavesOpen(String markdown) {
    int comment = markdown.lastIndexOf("<!--");
    if (comment >= 0 && markdown.indexOf("-->", comment + 4) < 0) {
      return true;
    }
    // Only a line that starts a fence or an HTML block can run past a blank line; most text has none,
    // and is not parsed.
    if (!BLOCK_OPENER.matcher(markdown).find()) {
      return false;
    }
    Node last = Shared.PARSER.parse(markdown + "\n\n" + PROBE + "\n").getLastChild();
    return !(last instanceof HtmlCommentBlock && last.getChars().toString().strip().equals(PROBE));
  }

  private static final Pattern BLOCK_OPENER = Pattern.compile("(?m)^ {0,3}(```|~~~|<)");
  private static final String PROBE = "<!-- end of the text -->";

  /**
   * Parses a dossier just rendered, before it or a block of it is written: its markers must pair
   * up exactly as the layout wrote them. Every text a rendering holds is the layout's, escaped
   * data, or a spec's text that was refused if it held a marker or left a block open
   * ({@link #markerComment}, {@link #leavesOpen}); so a rendering that fails here is a bug.
   *
   * @throws IllegalStateException naming the block whose markers do not pair up
   */
  public static Parsed parseRendered(String markdown) {
    String file = "the rendered dossier";
    Parsed parsed;
    try {
      parsed = parse(markdown, file);
    } catch (DossierException e) {
      throw new IllegalStateException(e.getMessage().replace("; the file is left as it was", "")
          + "; nothing was written", e);
    }
    List<String> written = new ArrayList<>();
    Matcher m = WRITTEN_BEGIN.matcher(markdown);
    while (m.find()) {
      written.add(m.group(1));
    }
    List<String> found = parsed.blocks().stream().map(Block::name).toList();
    for (int i = 0; i < written.size(); i++) {
      if (i >= found.size() || !found.get(i).equals(written.get(i))) {
        throw new IllegalStateException(String.format(Locale.ROOT, "%s: the markers of block '%s' are not found"
            + " as the layout wrote them (inside a code fence or an HTML block?); nothing was written", file,
            written.get(i)));
      }
    }
    if (found.size() != written.size() || parsed.spec().isEmpty()) {
      throw new IllegalStateException(file + ": " + (parsed.spec().isEmpty() ? "no dossier:spec marker"
          : "block '" + found.get(written.size()) + "' was not written by the layout") + "; nothing was written");
    }
    return parsed;
  }

  /** A begin marker as {@link #beginMarker} writes it, for a name that {@link #NAME} allows. */
  private static final Pattern WRITTEN_BEGIN = Pattern.compile("<!-- dossier:begin (" + NAME.pattern() + ") -->");

  public static String beginMarker(String name) {
    return "<!-- dossier:begin " + name + " -->";
  }

  public static String endMarker(String name) {
    return "<!-- dossier:end " + name + " -->";
  }

  private static final Pattern SUM = Pattern.compile("sha1:[0-9a-f]{12}");

  /**
   * The checksum an end marker carries for its block's content, as cog does for its output: the
   * first 12 hex digits of the SHA-1 of the content without the blank space at its ends and with
   * {@code \n} line endings (a file's CRLF, and the blank lines around a block, are not edits).
   */
  public static String checksum(String content) {
    String normal = trim(content).replace("\r\n", "\n").replace('\r', '\n');
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(normal.getBytes(StandardCharsets.UTF_8));
      return "sha1:" + java.util.HexFormat.of().formatHex(digest, 0, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
  }

  /**
   * {@code markdown}, just rendered by a layout, with the checksum of each block's content in its end
   * marker ({@code <!-- dossier:end tldr sha1:… -->}), so that a later refresh tells a person's edit
   * inside a block from numbers that changed. Markers are found as the layout writes them: a text
   * that dossier renders holds no other (a spec's text with a marker in it is refused), and {@link
   * #parseRendered} checks them before the text is written.
   */
  public static String sign(String markdown) {
    StringBuilder out = new StringBuilder(markdown.length() + 1024);
    Matcher m = WRITTEN_BEGIN.matcher(markdown);
    int at = 0;
    while (m.find(at)) {
      String end = endMarker(m.group(1));
      int endAt = markdown.indexOf(end, m.end());
      if (endAt < 0) {
        break; // unpaired: parseRendered names the block
      }
      out.append(markdown, at, endAt + end.length() - 4)
          .append(' ').append(checksum(markdown.substring(m.end(), endAt))).append(" -->");
      at = endAt + end.length();
    }
    return out.append(markdown.substring(at)).toString();
  }

  /**
   * The spec that a {@code <!-- dossier:spec NAME … -->} marker filling the first line names, found
   * without parsing the rest: what a dossier that dossier wrote begins with. Only a guess for other
   * text (a parse decides what a marker is), so a caller that relies on it checks it against {@link
   * #parse} unless the text is one that dossier rendered.
   */
  public static Optional<String> firstLineSpec(String text) {
    int end = 0;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    Matcher m = MARKER.matcher(text).region(0, end);
    if (!m.matches() || !m.group(1).equals("spec")) {
      return Optional.empty();
    }
    String name = specName(trim(m.group(2)));
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  /**
   * Finds the blocks of a dossier.
   *
   * @param file the file's name for errors
   * @throws DossierException naming the file and line of a marker that is mangled, unmatched,
   *     nested or duplicated
   */
  public static Parsed parse(String text, String file) {
    Node doc;
    try {
      doc = Shared.PARSER.parse(text);
    } catch (StackOverflowError e) {
      // flexmark recurses once per character of an inline HTML comment or tag, and once per level of
      // some nestings: a few thousand overflow the stack.
      throw new DossierException(file + ": too long or too deeply nested for the Markdown parser (an HTML comment"
          + " or tag of thousands of characters inside a paragraph? thousands of nested lists or emphasis marks?);"
          + " the file is left as it was");
    }
    Optional<String> spec = Optional.empty();
    List<Block> blocks = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    String open = null;
    int openEnd = -1;
    int openLine = -1;
    for (Node n : doc.getDescendants()) {
      if (!(n instanceof HtmlCommentBlock) && !(n instanceof HtmlInlineComment)) {
        continue;
      }
      Matcher m = MARKER.matcher(n.getChars());
      int line = n.getStartLineNumber() + 1;
      if (!m.lookingAt()) {
        if (n.getChars().toString().contains("dossier:")) {
          throw mangled(file, line, n.getChars().toString());
        }
        continue;
      }
      String verb = m.group(1);
      String arg = trim(m.group(2));
      switch (verb) {
        case "spec" -> {
          if (spec.isPresent()) {
            throw error(file, line, "a second dossier:spec marker; keep the one on the first line");
          }
          spec = Optional.of(specName(arg));
        }
        case "begin" -> {
          checkName(file, line, arg, n);
          if (open != null) {
            throw error(file, line, String.format(Locale.ROOT,
                "block '%s' begins inside block '%s' (line %d); a marker was moved or deleted: put back %s above"
                    + " this line, or remove this block's markers", arg, open, openLine, endMarker(open)));
          }
          if (seen.containsKey(arg)) {
            throw error(file, line, String.format(Locale.ROOT, "block '%s' appears twice (first on line %d); delete"
                + " one of the two, markers included", arg, seen.get(arg)));
          }
          open = arg;
          openEnd = n.getEndOffset();
          openLine = line;
          seen.put(arg, line);
        }
        case "end" -> {
          String[] words = arg.split("\\s+", 2);
          String sum = words.length > 1 && SUM.matcher(words[1]).matches() ? words[1] : null;
          if (sum != null) {
            arg = words[0];
          }
          checkName(file, line, arg, n);
          int nameEnd = n.getStartOffset() + m.start(2) + leading(m.group(2)) + arg.length();
          int sumEnd = sum == null ? nameEnd : text.indexOf(sum, nameEnd) + sum.length();
          if (!arg.equals(open)) {
            throw error(file, line, open == null
                ? "end of block '" + arg + "' without its begin marker; put back " + beginMarker(arg)
                    + " where the block starts"
                : String.format(Locale.ROOT, "end of block '%s' while block '%s' (line %d) is open; give the two"
                    + " markers the same name (%s)", arg, open, openLine, endMarker(open)));
          }
          blocks.add(new Block(open, openEnd, n.getStartOffset(), openLine, sum, nameEnd, sumEnd));
          open = null;
        }
        default -> throw mangled(file, line, n.getChars().toString());
      }
    }
    if (open != null) {
      throw error(file, openLine, "block '" + open + "' has no end marker; put back " + endMarker(open)
          + " where the block ends");
    }
    return new Parsed(text, spec, blocks);
  }

  /**
   * The dossier with each block's content replaced by {@code fresh}'s content of the same name;
   * the text outside is kept as it is, and new content takes the line endings of the file. A result
   * other than the old text is parsed again: it has the same blocks, and the same text outside them,
   * as {@code old}.
   *
   * @throws DossierException when the two dossiers do not have the same blocks, or when new content
   *     would change what the text around it is (a code span or a fence it opens, a marker in it)
   */
  public static String splice(Parsed old, Parsed fresh, String file) {
    return splice(old, fresh, file, "`--force`");
  }

  /**
   * {@link #splice(Parsed, Parsed, String)}, refusing to replace a block that people edited (its
   * checksum no longer matches its content) with other content.
   *
   * @param discard how to discard such edits, for the error (e.g. {@code `--force`}); null to discard them
   * @throws DossierException naming the edited blocks and their lines
   */
  public static String splice(Parsed old, Parsed fresh, String file, String discard) {
    if (discard != null) {
      List<Block> edited = old.editedAgainst(fresh);
      if (!edited.isEmpty()) {
        throw edited(file, edited, discard);
      }
    }
    Map<String, String> contents = fresh.contents();
    List<String> missing = contents.keySet().stream()
        .filter(name -> old.blocks().stream().noneMatch(b -> b.name().equals(name)))
        .toList();
    if (!missing.isEmpty()) {
      throw error(file, 1, "generated block" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
          + " not found (markers deleted by hand?); restore them, or regenerate with `dossier generate --force`");
    }
    String text = old.text();
    String eol = text.contains("\r\n") ? "\r\n" : !text.contains("\n") && text.contains("\r") ? "\r" : "\n";
    for (Block b : old.blocks()) {
      if (!contents.containsKey(b.name())) {
        throw error(file, b.line(), "block '" + b.name() + "' is not one this dossier's layout generates; "
            + "remove its markers");
      }
    }
    Map<String, String> sums = new HashMap<>();
    fresh.blocks().forEach(b -> sums.put(b.name(), b.sum()));
    String spliced = replace(old, contents, sums, eol, old.blocks().size());
    if (spliced.equals(text)) {
      // Nothing changes (a current dossier, the common case): the old text has its own blocks, and
      // parsing it again would only say so.
      return text;
    }
    if (!sameBlocks(old, spliced)) {
      // New content can change how the text around it reads (a code span or fence it opens, a line
      // break that joins the marker's own, a marker): find the first block that does, and refuse.
      Block culprit = old.blocks().get(old.blocks().size() - 1);
      for (int n = 1; n < old.blocks().size(); n++) {
        if (!sameBlocks(old, replace(old, contents, sums, eol, n))) {
          culprit = old.blocks().get(n - 1);
          break;
        }
      }
      throw error(file, culprit.line(), "the new content of block '" + culprit.name()
          + "' would change the text around it (an unclosed ` or fence, a line break or a marker in it)");
    }
    return spliced;
  }

  /** {@code p}'s text with the content of block {@code name} replaced by {@code content}, and its checksum. */
  public static String withContent(Parsed p, String name, String content) {
    Block b = p.blocks().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    String text = p.text();
    return text.substring(0, b.contentStart()) + content + text.substring(b.contentEnd(), b.nameEnd()) + " "
        + checksum(content) + text.substring(b.sumEnd());
  }

  /**
   * The text of {@code old} with the content of its first {@code n} blocks replaced, and their
   * checksums: the fresh one, or none when the fresh block has none.
   */
  private static String replace(Parsed old, Map<String, String> contents, Map<String, String> sums, String eol,
      int n) {
    StringBuilder out = new StringBuilder(old.text().length() + 256);
    int at = 0;
    for (Block b : old.blocks().subList(0, n)) {
      String content = contents.get(b.name());
      out.append(old.text(), at, b.contentStart());
      out.append(eol.equals("\n") ? content : content.replace("\n", eol));
      out.append(old.text(), b.contentEnd(), b.nameEnd());
      String sum = sums.get(b.name());
      out.append(sum == null ? "" : " " + sum);
      at = b.sumEnd();
    }
    return out.append(old.text().substring(at)).toString();
  }

  /** Whether {@code text} parses into the blocks of {@code old}, with the same text outside them. */
  private static boolean sameBlocks(Parsed old, String text) {
    Parsed again;
    try {
      again = parse(text, "");
    } catch (DossierException e) {
      return false;
    }
    return again.outside().equals(old.outside())
        && again.blocks().stream().map(Block::name).toList().equals(old.blocks().stream().map(Block::name).toList());
  }

  /** The spec a spec marker's argument names: its first word (options may follow). */
  private static String specName(String arg) {
    return arg.split("\\s+", 2)[0];
  }

  /** {@code s} without the characters of {@code \s} at either end (String.strip() takes more). */
  private static String trim(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && space(s.charAt(from))) {
      from++;
    }
    while (to > from && space(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  private static boolean space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /** "you edited block `tldr` at line 18: move your words outside the markers, or `--force` to discard them". */
  public static DossierException edited(String file, List<Block> edited, String discard) {
    List<String> named = edited.stream()
        .map(b -> String.format(Locale.ROOT, "block `%s` at line %d", b.name(), b.line())).toList();
    return new DossierException(String.format(Locale.ROOT, "%s: you edited %s: move your words outside the markers,"
        + " or %s to discard them; the file is left as it was", file, String.join(" and ", named), discard));
  }

  private static int leading(String s) {
    int n = 0;
    while (n < s.length() && space(s.charAt(n))) {
      n++;
    }
    return n;
  }

  private static void checkName(String file, int line, String name, Node n) {
    if (!NAME.matcher(name).matches()) {
      throw mangled(file, line, n.getChars().toString());
    }
  }

  private static DossierException mangled(String file, int line, String marker) {
    return error(file, line, "mangled marker " + marker.strip()
        + "; expected <!-- dossier:begin NAME --> or <!-- dossier:end NAME sha1:CHECKSUM --> (no checksum in a dossier"
        + " written before checksums): put the marker back as it was (git diff, or git log -p, shows it)");
  }

  private static DossierException error(String file, int line, String message) {
    return new DossierException(String.format(Locale.ROOT, "%s:%d: %s; the file is left as it was", file, line,
        message));
  }
}
