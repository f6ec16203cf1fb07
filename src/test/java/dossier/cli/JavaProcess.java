package dossier.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JVM of its own, started with this test's Java, as the launcher or the build starts one: no
 * database in its environment, its two outputs read as one.
 */
public final class JavaProcess {
  private JavaProcess() {}

  public record Exit(int code, String out) {}

  /** {@code java ARGS}: the exit code and what it printed. */
  public static Exit run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }

  /** {@code java ARGS} with {@code env} added to the environment. */
  public static Exit run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("DOSSIER_"));
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Exit(p.waitFor(), out);
  }
}
