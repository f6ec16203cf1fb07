package dossier.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the same task on each of a list of dossiers, several at a time on the machine's cores, and
 * hands the results back one by one in list order, each after what its task wrote to standard
 * error: a command that loops over {@link #take} prints exactly what its one-by-one loop printed.
 *
 * <p>A task must write nothing but standard error (it gets a {@link TaskErr}), and must not depend
 * on what the tasks before it wrote to disk: commands that write files do that after {@link #take},
 * in order, and compute a result again when an earlier write may have changed it.
 *
 * <p>With one core or one dossier, nothing runs ahead: {@link #take} runs the task itself, with the
 * real standard error, as the loop did before.
 */
final class Concurrently<T> implements AutoCloseable {
  interface Task<T> {
    T run(int index, PrintWriter err);
  }

  /** What task {@code index} returned or threw, and what it wrote to standard error. */
  static final class Result<T> {
    private final T value;
    private final Throwable failure;
    private final TaskErr err;

    private Result(T value, Throwable failure, TaskErr err) {
      this.value = value;
      this.failure = failure;
      this.err = err;
    }

    /** Whether the task ran in {@link #take}, in its turn, writing to the real standard error. */
    boolean ranInTurn() {
      return err == null;
    }

    /** The value, or null when the task threw. */
    T value() {
      return value;
    }

    /**
     * Writes the task's standard error to {@code to}, then returns its value or throws what it threw,
     * as the task would have done run in place.
     */
    T replay(PrintWriter to) {
      if (err != null) {
        err.writeTo(to);
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      return value;
    }
  }

  private final Task<T> task;
  private final PrintWriter err;
  private final ExecutorService pool; // null: each task runs in take()
  private final int count;
  private final int ahead; // how many tasks may be started beyond the one taken last
  private final List<Future<Result<T>>> running = new ArrayList<>();

  private Concurrently(Task<T> task, PrintWriter err, ExecutorService pool, int count, int ahead) {
    this.task = task;
    this.err = err;
    this.pool = pool;
    this.count = count;
    this.ahead = ahead;
  }

  /**
   * Starts {@code count} tasks, a few at a time; {@code err} is the real standard error. At most
   * two per thread run or wait ahead of the one taken last, so that a check over hundreds of
   * dossiers holds a handful of results in memory, not all of them.
   */
  static <T> Concurrently<T> start(int count, Task<T> task, PrintWriter err) {
    int threads = Math.min(count, Runtime.getRuntime().availableProcessors());
    if (threads <= 1) {
      return new Concurrently<>(task, err, null, count, 0);
    }
    // Daemon threads: a command that stops at a failure (the hook) leaves no task holding up the exit.
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "dossier-task");
      t.setDaemon(true);
      return t;
    });
    Concurrently<T> c = new Concurrently<>(task, err, pool, count, 2 * threads);
    while (c.running.size() < Math.min(count, c.ahead)) {
      c.submitNext();
    }
    return c;
  }

  // Submitted in order, so the pool starts them in order and the first results come first.
  private void submitNext() {
    int index = running.size();
    running.add(pool.submit(() -> {
      TaskErr buffer = new TaskErr();
      try {
        return new Result<>(task.run(index, buffer), null, buffer);
      } catch (RuntimeException | Error e) {
        return new Result<>(null, e, buffer);
      }
    }));
  }

  /** Task {@code index}'s result, once it is done (take each index once, in order). */
  Result<T> take(int index) {
    if (pool == null) {
      try {
        return new Result<>(task.run(index, err), null, null);
      } catch (RuntimeException | Error e) {
        return new Result<>(null, e, null);
      }
    }
    if (running.size() < count) {
      submitNext(); // keep the pool busy: one more in place of the one taken
    }
    try {
      return running.get(index).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for dossier " + (index + 1), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause()); // cannot happen: a task catches what it throws
    } finally {
      running.set(index, null); // the caller has it now
    }
  }

  /** Stops the tasks not yet taken: a command that stopped early needs none of their results. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
