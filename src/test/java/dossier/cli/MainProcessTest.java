package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Main.main in a JVM of its own, as the launcher starts it: the in-process tests build the command
 * line themselves and never pass through main (its System.exit, what it starts before picocli).
 */
class MainProcessTest {
  @TempDir Path tmp;

  private record Exit(int code, String out) {}

  private Exit main(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("DOSSIER_"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Exit(p.waitFor(), out);
  }

  @Test
  void everyKindOfCommandLineRunsThroughMain() throws Exception {
    Exit version = main("--version");
    assertEquals(0, version.code(), version.out());
    assertTrue(version.out().startsWith("dossier "), version.out());

    Exit help = main("--help");
    assertEquals(0, help.code(), help.out());
    assertTrue(help.out().contains("generate") && help.out().contains("sample-data"), help.out());

    Exit none = main();
    assertEquals(2, none.code(), none.out());
    assertTrue(none.out().contains("Missing required subcommand"), none.out());

    Exit typo = main("genrate");
    assertEquals(2, typo.code(), typo.out());

    // A command that renders: the renderer is set up before picocli has read the arguments.
    Path project = Projects.copy(tmp.resolve("p"));
    Exit generate = main("-C", project.toString(), "generate", "track6", "--out", tmp.resolve("t6.md").toString());
    assertEquals(0, generate.code(), generate.out());
    assertTrue(generate.out().contains("(ABANDON)"), generate.out());
    Exit badOption = main("-C", project.toString(), "check", "--no-such-option");
    assertEquals(2, badOption.code(), badOption.out());
  }
}
