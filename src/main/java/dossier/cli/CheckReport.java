package dossier.cli;

import dossier.DossierException;
import dossier.render.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code check --format json|markdown} prints: the outcome of each dossier, as data or for a pull request. */
final class CheckReport {
  private CheckReport() {}

  enum Status { current, stale, error }

  /**
   * One dossier's outcome.
   *
   * @param file the dossier as shown to people; null when the dossiers could not even be listed
   * @param error the one-line reason it could not be checked, when {@code status} is error
   */
  record Checked(String file, Status status, List<StaleDiff.Change> changes, List<String> figures, String error) {
    static Checked of(Refresher.Outcome o) {
      return o.stale() ? new Checked(o.shown(), Status.stale, StaleDiff.changes(o), o.staleFigures(), null)
          : new Checked(o.shown(), Status.current, List.of(), List.of(), null);
    }

    static Checked failed(String file, String error) {
      return new Checked(file, Status.error, List.of(), List.of(), error);
    }
  }

  /** 3 when a dossier could not be checked (whatever the others are), else 1 when one is stale, else 0. */
  static int exitCode(List<Checked> checked) {
    if (checked.stream().anyMatch(c -> c.status() == Status.error)) {
      return CheckCommand.COULD_NOT_CHECK;
    }
    return checked.stream().anyMatch(c -> c.status() == Status.stale) ? DossierException.WORK_FAILED : 0;
  }

  static String json(List<Checked> checked, int exitCode) {
    List<Object> dossiers = new ArrayList<>();
    for (Checked c : checked) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("file", c.file());
      d.put("status", c.status().name());
      if (c.status() == Status.stale) {
        List<Object> changes = new ArrayList<>();
        for (StaleDiff.Change change : c.changes()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("block", change.block());
          m.put("label", change.label());
          m.put("old", change.before());
          m.put("new", change.after());
          changes.add(m);
        }
        d.put("changes", changes);
        d.put("figures", List.copyOf(c.figures()));
      }
      if (c.status() == Status.error) {
        d.put("error", c.error());
      }
      dossiers.add(d);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("exit_code", exitCode);
    doc.put("current", count(checked, Status.current));
    doc.put("stale", count(checked, Status.stale));
    doc.put("errors", count(checked, Status.error));
    doc.put("dossiers", dossiers);
    return Json.write(doc);
  }

  private static int count(List<Checked> checked, Status status) {
    return (int) checked.stream().filter(c -> c.status() == status).count();
  }

  /** A summary for a pull request: what is stale, block by block, what could not be checked, what is current. */
  static String markdown(List<Checked> checked) {
    int stale = count(checked, Status.stale);
    int errors = count(checked, Status.error);
    int current = count(checked, Status.current);
    StringBuilder out = new StringBuilder("### dossier check: ");
    if (stale == 0 && errors == 0) {
      out.append(current == 1 ? "the dossier is current" : "all " + current + " dossiers are current");
    } else {
      List<String> parts = new ArrayList<>();
      if (stale > 0) {
        parts.add(stale + " stale");
      }
      if (errors > 0) {
        parts.add(errors + " could not be checked");
      }
      parts.add(current + " current");
      out.append(String.join(", ", parts));
    }
    out.append("\n");
    for (Checked c : checked) {
      if (c.status() == Status.stale) {
        out.append("\n").append(code(c.file())).append(" is stale; ").append(code("dossier refresh " + c.file()))
            .append(" writes the fresh numbers:\n");
        if (!c.changes().isEmpty()) {
          out.append("\n| Block | Where | Now | After a refresh |\n|---|---|---|---|\n");
          for (StaleDiff.Change change : c.changes()) {
            out.append("| ").append(change.block()).append(" | ")
                .append(change.label() == null ? "text" : cell(change.label())).append(" | ")
                .append(cell(change.before())).append(" | ").append(cell(change.after())).append(" |\n");
          }
        }
        if (!c.figures().isEmpty()) {
          out.append("\nFigures a refresh rewrites: ")
              .append(String.join(", ", c.figures().stream().map(CheckReport::code).toList())).append(".\n");
        }
      }
    }
    for (Checked c : checked) {
      if (c.status() == Status.error) {
        out.append("\n").append(c.file() == null ? "The dossiers" : code(c.file())).append(" could not be checked: ")
            .append(code(c.error())).append("\n");
      }
    }
    List<String> fine = checked.stream().filter(c -> c.status() == Status.current).map(c -> code(c.file())).toList();
    if (!fine.isEmpty() && (stale > 0 || errors > 0)) {
      out.append("\nCurrent: ").append(String.join(", ", fine)).append(".\n");
    }
    return out.toString();
  }

  private static final Pattern UNESCAPED_PIPE = Pattern.compile("(?<!\\\\)\\|");
  private static final Pattern TICKS = Pattern.compile("`+");

  /**
   * A table cell's text: the dossier's own Markdown, its pipes escaped, a figure shown as its text
   * (a pull request cannot load the dossier's images); ∅ for nothing.
   */
  private static String cell(String s) {
    return s == null || s.isEmpty() ? "∅"
        : UNESCAPED_PIPE.matcher(s).replaceAll(Matcher.quoteReplacement("\\|")).replace("![", "!\\[");
  }

  /** {@code s} as a code span, whatever backticks it holds (an error names commands in backticks). */
  static String code(String s) {
    int longest = 0;
    Matcher m = TICKS.matcher(s);
    while (m.find()) {
      longest = Math.max(longest, m.group().length());
    }
    String fence = "`".repeat(longest + 1);
    return longest == 0 ? fence + s + fence : fence + " " + s + " " + fence;
  }
}
