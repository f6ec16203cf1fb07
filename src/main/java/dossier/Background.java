package dossier;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work that does not depend on what the calling thread is doing next, started on a daemon thread
 * of its own and joined where its result is needed. A run is short and mostly single-threaded
 * (reading, the statistics outside the bootstrap, rendering), so independent steps such as the
 * rows' digest or loading the templates can use the second core meanwhile.
 *
 * <p>Only the timing changes: the result is the same value the caller would have computed, and an
 * exception is rethrown by {@link #join()} as the caller would have thrown it.
 */
public final class Background<T> {
  private final FutureTask<T> task;

  private Background(FutureTask<T> task) {
    this.task = task;
  }

  /** Starts {@code work} now, on a new daemon thread named {@code dossier-NAME}. */
  public static <T> Background<T> start(String name, Callable<T> work) {
    FutureTask<T> task = new FutureTask<>(work);
    Thread thread = new Thread(task, "dossier-" + name);
    thread.setDaemon(true); // never keeps the JVM alive: an abandoned result is not waited for
    thread.start();
    return new Background<>(task);
  }

  /** The result, waiting for it if need be; the work's own exception if it threw one. */
  public T join() {
    try {
      return task.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + task, e);
    }
  }
}
