package dossier.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gate 6 on readiness files written into a temporary folder. */
class ReadinessTest {
  private static final List<String> SECTIONS = GatePlan.defaults().readinessSections();
  private static final Path REPO = Path.of("").toAbsolutePath();

  @TempDir Path dir;

  private Readiness.Result check(String markdown) throws IOException {
    Path file = dir.resolve("mlops_readiness.md");
    Files.writeString(file, markdown, StandardCharsets.UTF_8);
    return Readiness.check(Optional.of(file), SECTIONS);
  }

  /** The six sections, each with a line of text; {@code replace} changes one section's text. */
  private static String complete(String... replace) {
    StringBuilder md = new StringBuilder("# Readiness\n\nIntro.\n\n");
    for (String s : SECTIONS) {
      String body = "Text about " + s.toLowerCase() + ".";
      for (int i = 0; i < replace.length; i += 2) {
        if (replace[i].equals(s)) {
          body = replace[i + 1];
        }
      }
      md.append("## ").append(s).append("\n\n").append(body).append("\n\n");
    }
    return md.toString();
  }

  private static String gateEvidence(Readiness.Result r) {
    GatePlan plan = GatePlan.defaults();
    return GateEvaluator.evaluate(plan.gates().get(5), null, null, r).evidence();
  }

  @Test
  void allSixSectionsPass() throws IOException {
    Readiness.Result r = check(complete());
    assertEquals(new Readiness.Result("mlops_readiness.md", Status.PASS, 6, 6, List.of()), r);
    assertEquals("mlops_readiness.md complete (6 of 6 sections)", gateEvidence(r));
  }

  @Test
  void theRepositorysTrack6FilePasses() {
    Readiness.Result r = Readiness.check(Optional.of(REPO.resolve("dossiers/track6/mlops_readiness.md")), SECTIONS);
    assertEquals(Status.PASS, r.status(), r.missing().toString());
    assertEquals(6, r.complete());
  }

  @Test
  void numberedHeadingsMatch() throws IOException {
    StringBuilder md = new StringBuilder();
    int n = 1;
    for (String s : SECTIONS) {
      md.append("## ").append(n++).append(". ").append(s).append("\n\nDone.\n\n");
    }
    assertEquals(Status.PASS, check(md.toString()).status());
    assertEquals(Status.PASS, check(md.toString().replace("## 3. Reproducibility", "## 3 Reproducibility")
        .replace("## 4. Monitoring", "## 4.1 Monitoring")).status());
  }

  @Test
  void headingsMatchWithoutCase() throws IOException {
    assertEquals(Status.PASS, check(complete().replace("## Monitoring", "## MONITORING")
        .replace("## Sign-off", "## sign-off")).status());
  }

  @Test
  void setextHeadingsAreLevelTwoToo() throws IOException {
    assertEquals(Status.PASS, check(complete().replace("## Monitoring\n", "Monitoring\n----------\n")).status());
  }

  @Test
  void missingSectionFails() throws IOException {
    Readiness.Result r = check(complete().replace("## Monitoring\n\nText about monitoring.\n\n", ""));
    assertEquals(new Readiness.Result("mlops_readiness.md", Status.FAIL, 5, 6, List.of("Monitoring (missing)")), r);
    assertEquals("mlops_readiness.md incomplete: Monitoring (missing)", gateEvidence(r));
  }

  @Test
  void emptySectionFails() throws IOException {
    Readiness.Result r = check(complete("Rollback plan", ""));
    assertEquals(Status.FAIL, r.status());
    assertEquals(List.of("Rollback plan (not filled in)"), r.missing());
    assertEquals(5, r.complete());
  }

  @Test
  void lastSectionEmptyFails() throws IOException {
    Readiness.Result r = check(complete("Sign-off", "   "));
    assertEquals(List.of("Sign-off (not filled in)"), r.missing());
  }

  @Test
  void todoOrTbdFails() throws IOException {
    Readiness.Result r = check(complete("Model card", "TODO", "Monitoring", "Dashboards: TBD after the sweep."));
    assertEquals(Status.FAIL, r.status());
    assertEquals(List.of("Model card (not filled in)", "Monitoring (not filled in)"), r.missing());
    assertEquals(4, r.complete());
  }

  @Test
  void severalProblemsAreListedInThePlansOrder() throws IOException {
    String md = complete("Sign-off", "- [ ] TODO: sign", "Data lineage", "")
        .replace("## Reproducibility\n\nText about reproducibility.\n\n", "");
    Readiness.Result r = check(md);
    assertEquals(List.of("Data lineage (not filled in)", "Reproducibility (missing)", "Sign-off (not filled in)"),
        r.missing());
    assertEquals(3, r.complete());
    assertEquals("mlops_readiness.md incomplete: Data lineage (not filled in), Reproducibility (missing), Sign-off"
        + " (not filled in)", gateEvidence(r));
  }

  @Test
  void wordsThatOnlyContainTodoAreContent() throws IOException {
    assertEquals(Status.PASS, check(complete("Monitoring", "The TODOS board and the todo list are watched.")).status());
  }

  @Test
  void subheadingsBelongToTheirSection() throws IOException {
    Readiness.Result r = check(complete("Monitoring", "### Dashboards\n\nf1_buy per crypto.\n\n### Alerts\n\nTODO"));
    assertEquals(List.of("Monitoring (not filled in)"), r.missing());
  }

  @Test
  void aLevelOneHeadingEndsTheSection() throws IOException {
    Readiness.Result r = check(complete("Sign-off", "") + "# Appendix\n\nLots of text.\n");
    assertEquals(List.of("Sign-off (not filled in)"), r.missing());
  }

  @Test
  void aHeadingThatOnlyStartsWithTheNameDoesNotMatch() throws IOException {
    Readiness.Result r = check(complete().replace("## Monitoring\n", "## Monitoring and alerting\n"));
    assertEquals(List.of("Monitoring (missing)"), r.missing());
  }

  @Test
  void absentFileIsWarn() {
    Readiness.Result r = Readiness.check(Optional.of(dir.resolve("nope.md")), SECTIONS);
    assertEquals(new Readiness.Result("nope.md", Status.WARN, 0, 6, List.of("nope.md cannot be read")), r);
    assertEquals("cannot evaluate: nope.md cannot be read", gateEvidence(r));
  }

  @Test
  void noFileNamedIsWarn() {
    Readiness.Result r = Readiness.check(Optional.empty(), SECTIONS);
    assertEquals(new Readiness.Result("(none)", Status.WARN, 0, 6, List.of("the spec names no readiness file")), r);
    assertEquals("cannot evaluate: the spec names no readiness file", gateEvidence(r));
  }
}
