package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dossier.spec.SpecLoader;
import dossier.spec.TrackSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed dossiers are the golden files: for every spec under dossiers/, generating from
 * the committed snapshot must give the committed dossier byte for byte, every committed dossier
 * must have a spec, and a second run must change nothing. To accept a deliberate change of
 * output, run once with {@code -Ddossier.golden.update=true} and review the diff.
 */
class GoldenDossiersTest {
  private static final boolean UPDATE = Boolean.getBoolean("dossier.golden.update");

  @TempDir Path tmp;
  @TempDir Path home;

  @Test
  void everySpecRendersItsCommittedDossier() throws IOException {
    Path project = Projects.copy(tmp);
    SpecLoader repo = new SpecLoader(Projects.REPO);
    List<String> names = repo.names();
    assertTrue(names.contains("track6"), "the Track 6 spec is committed");
    List<String> mismatches = new ArrayList<>();
    for (String name : names) {
      Path committed = repo.load(name).output();
      Path produced = new SpecLoader(project).load(name).output();
      Run run = Run.offline(home, "-C", project.toString(), "generate", name);
      assertEquals(0, run.exit(), run.err());
      if (UPDATE) {
        Files.copy(produced, committed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } else if (!Files.exists(committed) || !Files.readString(committed).equals(Files.readString(produced))) {
        mismatches.add(name + " → " + Projects.REPO.relativize(committed));
      }
      // Its figures too, byte for byte.
      try (Stream<Path> figures = Files.list(project.resolve("dossiers/img"))) {
        for (Path svg : figures.filter(p -> p.getFileName().toString().startsWith(name + "-")).toList()) {
          Path golden = Projects.REPO.resolve("dossiers/img").resolve(svg.getFileName().toString());
          if (UPDATE) {
            Files.copy(svg, golden, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          } else if (!Files.exists(golden) || !Files.readString(golden).equals(Files.readString(svg))) {
            mismatches.add(name + " → dossiers/img/" + svg.getFileName());
          }
        }
      }
    }
    assertEquals(List.of(), mismatches, "generated dossiers differ from the committed ones; "
        + "regenerate with -Ddossier.golden.update=true and review the diff");
  }

  @Test
  void everyCommittedDossierHasASpec() throws IOException {
    SpecLoader repo = new SpecLoader(Projects.REPO);
    List<Path> outputs = repo.names().stream().map(n -> repo.load(n).output()).toList();
    try (Stream<Path> files = Files.list(Projects.REPO.resolve("dossiers"))) {
      for (Path md : files.filter(p -> p.toString().endsWith(".md")).toList()) {
        if (!outputs.contains(md.toAbsolutePath().normalize())) {
          fail(md.getFileName() + " is a dossier without a spec under dossiers/");
        }
      }
    }
  }

  @Test
  void everyCommittedFigureBelongsToASpec() throws IOException {
    List<String> names = new SpecLoader(Projects.REPO).names();
    try (Stream<Path> files = Files.list(Projects.REPO.resolve("dossiers/img"))) {
      for (Path svg : files.toList()) {
        String file = svg.getFileName().toString();
        assertTrue(names.stream().anyMatch(n -> file.startsWith(n + "-")), file + " belongs to no spec");
      }
    }
  }

  @Test
  void secondRunChangesNothingAndLocaleDoesNotMatter() throws IOException {
    Path project = Projects.copy(tmp);
    TrackSpec spec = new SpecLoader(project).load("track6");
    assertEquals(0, Run.offline(home, "-C", project.toString(), "generate", "track6").exit());
    byte[] first = Files.readAllBytes(spec.output());
    String forest = Files.readString(project.resolve("dossiers/img/track6-forest.svg"));
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      // A comma decimal separator and another zone must not reach a single figure.
      Locale.setDefault(Locale.GERMANY);
      TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
      assertEquals(0, Run.offline(home, "-C", project.toString(), "generate", "track6").exit());
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
    assertEquals(new String(first, java.nio.charset.StandardCharsets.UTF_8),
        Files.readString(spec.output()));
    assertEquals(forest, Files.readString(project.resolve("dossiers/img/track6-forest.svg")));
  }
}
