package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up cache's training run: every command it runs works on the bundled sample tracks. */
class TrainingTest {
  @TempDir Path tmp;

  @Test
  void everyTrainingCommandExitsAsExpectedOnTheBundledTracks() throws Exception {
    Training.copyBundledProject(tmp);
    assertEquals(0, Training.train(tmp));
    try (var files = Files.list(tmp.resolve("dossiers"))) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().endsWith("track6-focal-loss-results.md")));
    }
  }
}
