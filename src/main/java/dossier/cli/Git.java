package dossier.cli;

import dossier.DossierException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The few git commands the hook needs, run in the project folder. */
final class Git {
  private final Path dir;
  private final Map<String, String> env;

  /** @param env the environment git runs in: the command's, which in a hook holds git's own GIT_* variables */
  Git(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
  }

  /** Standard output of {@code git ARGS}; a failure names the command and git's message. */
  byte[] run(String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-c", "core.quotepath=off"));
    command.addAll(List.of(args));
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
      builder.environment().clear();
      builder.environment().putAll(env);
      Process p = builder.start();
      p.getOutputStream().close();
      byte[] out;
      byte[] err;
      try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
        // Read both: a child blocked on a full stderr pipe would never exit.
        ByteArrayOutputStream errBuf = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
          try {
            e.transferTo(errBuf);
          } catch (IOException ignored) {
            // the exit code says what matters
          }
        });
        drain.start();
        out = o.readAllBytes();
        drain.join();
        err = errBuf.toByteArray();
      }
      if (p.waitFor() != 0) {
        throw new DossierException("git " + String.join(" ", args) + " failed: "
            + new String(err, StandardCharsets.UTF_8).strip());
      }
      return out;
    } catch (IOException e) {
      throw new DossierException("cannot run git: " + e.getMessage() + "; is git installed?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DossierException("interrupted while running git", e);
    }
  }

  String text(String... args) {
    return new String(run(args), StandardCharsets.UTF_8);
  }

  Path topLevel() {
    return Path.of(text("rev-parse", "--show-toplevel").strip());
  }

  Path hooksDir() {
    Path p = Path.of(text("rev-parse", "--git-path", "hooks").strip());
    return p.isAbsolute() ? p : dir.resolve(p);
  }

  /** Paths (relative to the top level) of files added, copied, modified or renamed in the index. */
  List<String> staged() {
    String out = text("diff", "--cached", "--name-only", "-z", "--no-relative", "--diff-filter=ACMR");
    return out.isEmpty() ? List.of() : List.of(out.split("\0"));
  }

  /** Whether a path is in the index (a file git knows, not an untracked one). */
  boolean tracked(String path) {
    return !text("ls-files", "-z", "--", top(path)).isEmpty();
  }

  /**
   * What {@code git status} says of each of {@code paths} (relative to the top level) that is not
   * clean, in one call: its two-letter code, {@code ??} for a file git does not know; a file that is
   * ignored, or clean, is not in the map.
   */
  Map<String, String> status(Collection<String> paths) {
    if (paths.isEmpty()) {
      return Map.of();
    }
    List<String> args = new ArrayList<>(List.of("status", "--porcelain=v1", "-z", "--untracked-files=all", "--"));
    paths.forEach(p -> args.add(top(p)));
    Map<String, String> out = new HashMap<>();
    String[] entries = text(args.toArray(String[]::new)).split("\0");
    for (int k = 0; k < entries.length; k++) {
      String e = entries[k];
      if (e.length() > 3) {
        out.put(e.substring(3), e.substring(0, 2));
        if (e.charAt(0) == 'R' || e.charAt(0) == 'C') {
          k++; // a rename or copy names its origin next
        }
      }
    }
    return out;
  }

  /**
   * A pathspec for a path relative to the top level, taken as it is: git reads pathspecs relative to
   * the folder it runs in (the project, which may be a subfolder of the repository).
   */
  private static String top(String path) {
    return ":(top,literal)" + path;
  }

  /** The staged content of a path. */
  String stagedText(String path) {
    return text("show", ":" + path);
  }
}
