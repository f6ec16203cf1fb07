package dossier.outcomes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.cli.Projects;
import dossier.cli.Run;
import dossier.outcomes.SweepProject.Variant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The outcomes the two committed tracks do not show, each a whole dossier compared with its golden
 * file under {@code src/test/resources/gallery/}: a variant that locks, variants that all improve
 * yet abandon, several variants that lock, a mixed branch, a null result, three cryptos, folds numbered from 0, a failed
 * baseline fold, in both layouts. After a change of the output on purpose, run with
 * {@code -Ddossier.golden.update=true} and read each changed TL;DR as a reviewer would.
 */
class OutcomeGalleryTest {
  private static final boolean UPDATE = Boolean.getBoolean("dossier.golden.update");
  static final Path GALLERY = Projects.REPO.resolve("src/test/resources/gallery");

  static final List<String> FIVE = List.of("AAVEUSDC", "ARBUSDC", "LDOUSDC", "OPUSDC", "UNIUSDC");
  static final List<String> THREE = List.of("BTCUSDC", "ETHUSDC", "SOLUSDC");
  static final List<Integer> FROM_ONE = List.of(1, 2, 3, 4, 5);
  static final List<Integer> FROM_ZERO = List.of(0, 1, 2, 3, 4);

  /** A variant that lifts f1_buy and keeps every other metric of gate 2 on the right side. */
  static Variant winner(String name, double lift) {
    return new Variant(name, "", lift, 4, 0.2, -0.5, 0);
  }

  static Map<String, SweepProject> scenarios() {
    return Map.of(
        "lock", SweepProject.of("results", FIVE, FROM_ONE, List.of(Variant.baseline("none"), winner("sharp", 0.06),
            Variant.shifted("flat", -0.05)), 1),
        "several-lock", SweepProject.of("results", FIVE, FROM_ONE, List.of(Variant.baseline("none"),
            winner("sharp", 0.06), winner("sharper", 0.08), Variant.shifted("flat", -0.05)), 8),
        "improve-yet-abandon", SweepProject.of("results", FIVE, FROM_ONE, List.of(Variant.baseline("none"),
            Variant.shifted("soft", 0.03).withJoint(-3, -0.3, 2), Variant.shifted("softer", 0.04).withJoint(-5, -0.4, 3)),
            2).withTrades(40),
        "mixed-three-cryptos", SweepProject.of("results", THREE, FROM_ONE, List.of(Variant.baseline("none"),
            winner("low", 0.03), Variant.shifted("mid", 0.0), Variant.shifted("high", -0.06)), 3).withTrades(40),
        "null-folds-from-zero", SweepProject.of("results", FIVE, FROM_ZERO, List.of(Variant.baseline("none"),
            Variant.shifted("tweak", 0.0), Variant.shifted("other", 0.0)), 4).withNoise(0.03),
        "failed-baseline-fold", SweepProject.of("results", FIVE, FROM_ONE, List.of(Variant.baseline("none"),
            Variant.shifted("worse", -0.06), Variant.shifted("worst", -0.09)), 5)
            .withCells(Set.of(SweepProject.cell("none", "OPUSDC", 3)), Set.of(),
                Set.of(SweepProject.cell("worse", "AAVEUSDC", 2))),
        "gate-decision-lock", SweepProject.of("gate-decision", FIVE, FROM_ONE, List.of(Variant.baseline("off"),
            winner("filter", 0.06)), 6),
        "gate-decision-mixed", SweepProject.of("gate-decision", THREE, FROM_ZERO, List.of(Variant.baseline("off"),
            winner("filter", 0.04), Variant.shifted("reweight", -0.05)), 7).withTrades(40));
  }

  static Stream<String> names() {
    return scenarios().keySet().stream().sorted();
  }

  @ParameterizedTest
  @MethodSource("names")
  void eachOutcomeRendersAsItsGoldenFile(String name, @TempDir Path project, @TempDir Path home) throws IOException {
    SweepProject sweep = scenarios().get(name);
    sweep.writeTo(project);
    Run run = Run.offline(home, "-C", project.toString(), "generate", sweep.trackName());
    assertEquals(0, run.exit(), run.err());
    String dossier = Files.readString(project.resolve("dossiers").resolve(sweep.trackName() + "-results.md"),
        StandardCharsets.UTF_8);
    Path golden = GALLERY.resolve(name + ".md");
    if (UPDATE) {
      Files.createDirectories(GALLERY);
      Files.writeString(golden, dossier, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(golden), golden + " is missing: run with -Ddossier.golden.update=true");
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), dossier,
        name + " changed: regenerate with -Ddossier.golden.update=true and read its TL;DR again");
  }

  /** Every golden file belongs to a scenario: a renamed scenario does not leave its old file behind. */
  @org.junit.jupiter.api.Test
  void everyGoldenFileHasItsScenario() throws IOException {
    try (Stream<Path> files = Files.list(GALLERY)) {
      assertEquals(names().map(n -> n + ".md").sorted().toList(),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  static List<Integer> range(int from, int count) {
    return IntStream.range(from, from + count).boxed().toList();
  }
}
