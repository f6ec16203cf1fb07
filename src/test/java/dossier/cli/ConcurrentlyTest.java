package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrentlyTest {
  /** Results come back in order, and only a few tasks run ahead of the one taken last. */
  @Test
  void tasksRunAFewAheadAndComeBackInOrder() {
    int threads = Runtime.getRuntime().availableProcessors();
    AtomicInteger highestStarted = new AtomicInteger(-1);
    StringWriter err = new StringWriter();
    try (Concurrently<Integer> c = Concurrently.start(100, (i, taskErr) -> {
      highestStarted.accumulateAndGet(i, Math::max);
      taskErr.println("task " + i);
      return i * i;
    }, new PrintWriter(err, true))) {
      for (int i = 0; i < 100; i++) {
        assertEquals(i * i, c.take(i).replay(new PrintWriter(err, true)));
        // Taking i submits at most one more: tasks up to i + 2·threads may have started, no further.
        assertTrue(highestStarted.get() <= i + 2 * Math.max(threads, 1), "started " + highestStarted.get()
            + " while taking " + i);
      }
    }
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      expected.append("task ").append(i).append(System.lineSeparator());
    }
    assertEquals(expected.toString(), err.toString());
  }
}
