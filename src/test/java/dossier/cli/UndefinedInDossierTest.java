package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.spec.SpecLoader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, defects 3 and 5, in the rendered dossier: the Track 6 sweep edited so that variants'
 * deltas have no spread (n/a with a footnote, no d range over them), and cut to three cryptos
 * (gate 4 asks for a share, or is ⚠ for a count the sweep cannot reach).
 */
class UndefinedInDossierTest {
  private static final String CSV = "dossiers/data/track6-focal-loss.csv";
  @TempDir Path tmp;
  @TempDir Path home;
  Path project;

  @BeforeEach
  void project() {
    project = Projects.copy(tmp.resolve("project"));
  }

  private String generate() throws IOException {
    Run r = Run.offline(home, Stream.of("-C", project.toString(), "generate", "track6").toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    String text = Files.readString(new SpecLoader(project).load("track6").output(), StandardCharsets.UTF_8);
    for (String never : List.of("NaN", "Infinity", "[n/a", "e+15", "e+16")) {
      assertFalse(text.contains(never), never + " in\n" + text);
    }
    return text;
  }

  /** Rewrites the snapshot: the f1 of every row of {@code variants} is the baseline's of its cell + 0.03. */
  private void baselinePlus003(Set<String> variants) throws IOException {
    Path csv = project.resolve(CSV);
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    Map<String, String> baseline = new HashMap<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",", -1);
      if (f[2].equals("none")) {
        baseline.put(f[3] + "/" + f[4], f[6]);
      }
    }
    List<String> out = new ArrayList<>(List.of(lines.get(0)));
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",", -1);
      if (variants.contains(f[2])) {
        f[6] = new BigDecimal(baseline.get(f[3] + "/" + f[4])).add(new BigDecimal("0.03")).toPlainString();
      }
      out.add(String.join(",", f));
    }
    Files.write(csv, out, StandardCharsets.UTF_8);
  }

  @Test
  void aVariantWithoutSpreadReadsNaWithAFootnote() throws IOException {
    baselinePlus003(Set.of("mild_focus"));
    String text = generate();
    assertTrue(text.contains("| `mild_focus` | 0.0300 | n/a | n/a | n/a | n/a | n/a |\n"), text);
    assertTrue(text.contains("\n\nn/a: the deltas of `mild_focus` are all equal (spread 0), so d, p and the CI are"
        + " undefined.\n"), text);
    // The TL;DR names each side of 0 with its variants: three below, one undefined, no d range.
    assertTrue(text.contains("f1_buy: CI95 below 0 for `standard` (d = "), text);
    assertTrue(text.contains("; d, p and CI95 undefined for `mild_focus`. No variant passes every gate: "), text);
  }

  @Test
  void withNoDefinedDTheTldrStatesNoRange() throws IOException {
    baselinePlus003(Set.of("mild_focus", "standard", "aggressive_focus", "class_balanced"));
    String text = generate();
    assertFalse(text.contains("Cohen's d ∈"), text);
    assertFalse(text.contains("rejected"), text);
    assertTrue(text.contains("**ABANDON** for all 4 focal variants (`mild_focus`, `standard`, `aggressive_focus`, "
        + "`class_balanced`). d, p and the CI95 are undefined for every variant (see section 3), so no test of f1_buy"
        + " can be stated.\n"), text);
  }

  private void threeCryptos(String gates) throws IOException {
    Path spec = project.resolve("dossiers/track6.yaml");
    String yaml = Files.readString(spec, StandardCharsets.UTF_8)
        .replace("cryptos: [AAVEUSDC, ARBUSDC, LDOUSDC, OPUSDC, UNIUSDC]", "cryptos: [AAVEUSDC, ARBUSDC, LDOUSDC]")
        .replace("\nbootstrap:", gates + "\nbootstrap:");
    Files.writeString(spec, yaml, StandardCharsets.UTF_8);
    Path csv = project.resolve(CSV);
    Predicate<String> kept = l -> !l.contains(",OPUSDC,") && !l.contains(",UNIUSDC,");
    Files.write(csv, Files.readAllLines(csv, StandardCharsets.UTF_8).stream().filter(kept).toList(),
        StandardCharsets.UTF_8);
  }

  @Test
  void onThreeCryptosThePlansShareAsksForThreeOfThree() throws IOException {
    threeCryptos("");
    String text = generate();
    assertTrue(text.contains("| 4 | Per-asset — f1_buy improves on ≥ 3/3 cryptos | "), text);
  }

  @Test
  void aCountTheSweepCannotReachIsWarned() throws IOException {
    threeCryptos("\ngates:\n  per_asset:\n    min_improved: 4\n");
    String text = generate();
    assertTrue(text.contains("| 4 | Per-asset — f1_buy improves on ≥ 4 cryptos (the sweep has 3) | "), text);
    assertTrue(text.contains("cannot evaluate: the plan asks for 4 improving cryptos; the sweep has 3 | ⚠ WARN × 4 |"),
        text);
  }
}
