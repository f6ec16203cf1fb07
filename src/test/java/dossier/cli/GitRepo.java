package dossier.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real git, as the hook tests need it: a command run in a repository with a home of the test's own
 * (no global git configuration, no ~/.pgpass), and no database or dossier setting inherited from
 * the machine's environment; {@code env} adds the ones a test wants.
 */
public final class GitRepo {
  private GitRepo() {}

  /** What git printed (both outputs) and its exit code. */
  public record Result(int exit, String output) {}

  /** A repository of everything in {@code repo}, committed, by an author of the test's own. */
  public static void init(Path repo, Path home) {
    for (String[] args : List.of(new String[] {"init", "-q"}, new String[] {"config", "user.email", "test@example.org"},
        new String[] {"config", "user.name", "test"}, new String[] {"config", "commit.gpgsign", "false"},
        new String[] {"add", "-A"}, new String[] {"commit", "-q", "-m", "dossiers"})) {
      Result r = run(repo, home, Map.of(), args);
      if (r.exit() != 0) {
        throw new AssertionError("git " + String.join(" ", args) + ": " + r.output());
      }
    }
  }

  public static Result run(Path repo, Path home, Map<String, String> env, String... args) {
    try {
      List<String> command = new ArrayList<>(List.of("git"));
      command.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
      pb.environment().put("HOME", home.toString());
      pb.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("DOSSIER_"));
      pb.environment().putAll(env);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(p.waitFor(), out);
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
