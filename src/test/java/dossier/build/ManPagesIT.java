package dossier.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.cli.Projects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The man pages that `mvn package` writes from the commands' annotations (AsciiDoc, then troff in
 * the distribution), and the jar they stay out of.
 */
class ManPagesIT {
  static final Path MAN = Projects.REPO.resolve("target/man");

  @Test
  void everyCommandHasItsPageAndPicocliCodegenIsNotInTheJar() throws IOException {
    for (String command : List.of("", "-generate", "-refresh", "-check", "-stats", "-list", "-snapshot", "-new",
        "-hook", "-hook-install", "-hook-run", "-preview", "-generate-completion")) {
      Path page = MAN.resolve("dossier" + command + ".adoc");
      assertTrue(Files.isRegularFile(page), page + " is missing");
      // The troff page that man reads, in the distribution that README installs.
      Path troff = Projects.REPO.resolve("target/dossier/man/man1/dossier" + command + ".1");
      assertTrue(Files.isRegularFile(troff), troff + " is missing");
      assertTrue(Files.readString(troff, StandardCharsets.UTF_8).contains("\n.TH \"DOSSIER" + command.toUpperCase(
          java.util.Locale.ROOT).replace("-", "\\-") + "\" \"1\""), troff + " is not a man page"); // troff escapes '-'
    }
    String top = Files.readString(MAN.resolve("dossier.adoc"), StandardCharsets.UTF_8);
    assertTrue(top.contains(":doctype: manpage\n") && top.contains("\n= dossier(1)\n"), top);
    assertTrue(top.contains("*-C*, *--project*=_DIR_::\n  Project folder, the one holding dossiers/"), top);
    String stats = Files.readString(MAN.resolve("dossier-stats.adoc"), StandardCharsets.UTF_8);
    assertTrue(stats.contains("*--format*=_<format>_::\n  json or text (default: text)."), stats);
    try (JarFile jar = new JarFile(Projects.REPO.resolve("target/dossier.jar").toFile())) {
      assertEquals(List.of(), jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("picocli/codegen/")).toList());
    }
  }
}
