package dossier.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Standard error held back, to be written later in its turn: a dossier's, while {@code check}
 * computes several at a time (written in file order), or a rendering's, until the dossier's own
 * errors are known (Refresher.compute). It keeps the text printed, and writes that can only be
 * decided in turn: whether a note was already given for an earlier dossier (SourceOptions.load).
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
