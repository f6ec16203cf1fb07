package dossier.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The standard error of one task of a {@link Concurrently concurrent} run, kept until the tasks
 * before it have written theirs: the text the task printed, and writes that can only be decided in
 * file order (whether a note was already given by an earlier dossier, see SourceOptions.load).
 */
final class TaskErr extends PrintWriter {
  private final StringWriter text;
  private final List<Consumer<PrintWriter>> parts = new ArrayList<>();

  TaskErr() {
    this(new StringWriter());
  }

  private TaskErr(StringWriter text) {
    super(text);
    this.text = text;
  }

  /** Has {@code write} write to the real standard error at this point of the task's output. */
  void later(Consumer<PrintWriter> write) {
    cut();
    parts.add(write);
  }

  /** Writes everything the task wrote, in the order it wrote it, to {@code err}. */
  void writeTo(PrintWriter err) {
    cut();
    parts.forEach(p -> p.accept(err));
    parts.clear();
  }

  /**
   * Hands everything written here to {@code err} as if it had been written there: to a task's own
   * {@code TaskErr}, still to be decided in file order; to any other writer, now.
   */
  void replayInto(PrintWriter err) {
    if (err instanceof TaskErr task) {
      cut();
      parts.forEach(task::later);
      parts.clear();
    } else {
      writeTo(err);
    }
  }

  private void cut() {
    flush();
    if (text.getBuffer().length() > 0) {
      String s = text.toString();
      text.getBuffer().setLength(0);
      // What the task printed was flushed at once (println on an auto-flushing writer, or flush()).
      parts.add(err -> {
        err.print(s);
        err.flush();
      });
    }
  }
}
