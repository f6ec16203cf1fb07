package dossier.gates;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Gate 6: the MLOps readiness file has every required section, each with content. Sections are
 * level-2 headings, matched without case and without a leading number ("## 3. Monitoring"); a
 * section whose body is empty or still says TODO/TBD is incomplete.
 */
public final class Readiness {
  private static final Pattern NUMBERING = Pattern.compile("^[0-9]+(\\.[0-9]+)*\\.?\\s+");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\b(TODO|TBD)\\b");
  // Built once: a check over many dossiers reads a readiness file for each. (Parser.parse is
  // thread-safe: flexmark uses a new parser state for each document.)
  private static final Parser PARSER = Parser.builder().build();

  private Readiness() {}

  /**
   * @param file the file's name as a dossier shows it
   * @param missing required sections absent or incomplete, each with why
   */
  public record Result(String file, Status status, int complete, int required, List<String> missing) {
    public Result {
      missing = List.copyOf(missing);
    }
  }

  public static Result check(Optional<Path> path, List<String> required) {
    if (path.isEmpty()) {
      return new Result("(none)", Status.WARN, 0, required.size(),
          List.of("the spec names no readiness file"));
    }
    String name = path.get().getFileName().toString();
    String text;
    try {
      text = Files.readString(path.get(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new Result(name, Status.WARN, 0, required.size(), List.of(name + " cannot be read"));
    }
    Map<String, String> bodies = sections(text);
    List<String> missing = new ArrayList<>();
    for (String section : required) {
      String body = bodies.get(section.toLowerCase(Locale.ROOT));
      if (body == null) {
        missing.add(section + " (missing)");
      } else if (body.isBlank() || PLACEHOLDER.matcher(body).find()) {
        missing.add(section + " (not filled in)");
      }
    }
    return new Result(name, missing.isEmpty() ? Status.PASS : Status.FAIL, required.size() - missing.size(),
        required.size(), missing);
  }

  /** Level-2 heading text (lower case, numbering removed) → the Markdown under it. */
  static Map<String, String> sections(String markdown) {
    Node doc = PARSER.parse(markdown);
    Map<String, String> out = new LinkedHashMap<>();
    String current = null;
    StringBuilder body = new StringBuilder();
    for (Node n = doc.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Heading h && h.getLevel() <= 2) {
        if (current != null) {
          out.putIfAbsent(current, body.toString());
        }
        current = h.getLevel() == 2
            ? NUMBERING.matcher(h.getText().toString().strip()).replaceFirst("").toLowerCase(Locale.ROOT)
            : null;
        body.setLength(0);
      } else if (current != null) {
        body.append(n.getChars()).append('\n');
      }
    }
    if (current != null) {
      out.putIfAbsent(current, body.toString());
    }
    return out;
  }
}
