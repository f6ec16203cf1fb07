package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

  private JavaProcess.Exit main(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    return JavaProcess.run(command.toArray(String[]::new));
  }

  @Test
  void everyKindOfCommandLineRunsThroughMain() throws Exception {
    JavaProcess.Exit version = main("--version");
    assertEquals(0, version.code(), version.out());
    assertTrue(version.out().startsWith("dossier "), version.out());

    JavaProcess.Exit help = main("--help");
    assertEquals(0, help.code(), help.out());
    assertTrue(help.out().contains("generate") && help.out().contains("preview"), help.out());

    JavaProcess.Exit none = main();
    assertEquals(2, none.code(), none.out());
    assertEquals("dossier: missing required subcommand; see 'dossier --help'\n", none.out());

    JavaProcess.Exit typo = main("genrate");
    assertEquals(2, typo.code(), typo.out());

    // A command that renders: the renderer is set up before picocli has read the arguments.
    Path project = Projects.copy(tmp.resolve("p"));
    JavaProcess.Exit generate = main("-C", project.toString(), "generate", "track6", "--out", project.resolve("t6.md").toString());
    assertEquals(0, generate.code(), generate.out());
    assertTrue(generate.out().contains("(ABANDON)"), generate.out());
    JavaProcess.Exit badOption = main("-C", project.toString(), "check", "--no-such-option");
    assertEquals(2, badOption.code(), badOption.out());
  }
}
