package dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.cli.JavaProcess;
import dossier.cli.Main;
import dossier.source.SnapshotReader;
import dossier.spec.SpecLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs far larger than any real one: a field of megabytes, a snapshot that is a device or a
 * pipe, a file larger than the heap. Each gets one line that names the file, never a stack trace
 * or the whole value.
 */
class LongInputTest {
  private static final String HEADER = "run_id,factor,variant,crypto,fold,status,f1_buy,sortino,total_return,n_trades,"
      + "ece,expectancy_net,max_drawdown,created_at\n";
  private static final String ROW = "r1,f,none,AAA,1,completed,0.4,1.2,3.4,10,0.05,1.1,9.9,2026-04-29T12:10:11Z\n";

  @TempDir Path dir;

  private DossierException snapshotError(String text) throws IOException {
    Path file = dir.resolve("snap.csv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return assertThrows(DossierException.class, () -> SnapshotReader.read(file, "snap.csv", true));
  }

  private static final String TOO_LONG = "no snapshot holds that much: check that it is the snapshot you meant and "
      + "that no quote is left open, then export it again";

  @Test
  void aFieldOfFiveMegabytesIsRefusedWithoutBeingEchoed() throws IOException {
    DossierException e = snapshotError(HEADER + ROW.replace(",none,", ",none" + "x".repeat(5 << 20) + ","));
    assertEquals("snap.csv:2: field 3 is longer than 1 MiB (1048576 characters); " + TOO_LONG, e.getMessage());

    DossierException quoted = snapshotError(HEADER + "r1,f,\"none" + "x".repeat(5 << 20) + "\",AAA\n");
    assertEquals("snap.csv:2: the quoted field 3 is longer than 1 MiB (1048576 characters); " + TOO_LONG,
        quoted.getMessage());
  }

  @Test
  void aRowOfMegabytesIsRefused() throws IOException {
    DossierException e = snapshotError(HEADER + ROW + ",".repeat(5 << 20) + "\n");
    assertEquals("snap.csv:3: the row is longer than 4 MiB (4194304 characters); " + TOO_LONG, e.getMessage());
  }

  @Test
  void aBadValueIsEchoedAsItsFirstSixtyCharacters() throws IOException {
    String value = "1" + "x".repeat(500_000);
    DossierException e = snapshotError(HEADER + ROW.replace(",AAA,1,", ",AAA," + value + ","));
    assertEquals("snap.csv:2: column fold: '1" + "x".repeat(59) + "…' is not a whole number; a fold id is a label "
        + "such as 0, 1, 2 …", e.getMessage());

    DossierException name = snapshotError(HEADER + ROW.replace(",AAA,", ",\"A\nA" + "x".repeat(500_000) + "\","));
    assertEquals("snap.csv:2: column crypto: 'A\\nA" + "x".repeat(56) + "…' holds a line break or a control "
        + "character; a name is one line of text: fix it where the rows are written", name.getMessage());

    DossierException column = snapshotError(HEADER.replace("ece", "e".repeat(100_000)) + ROW);
    assertEquals("snap.csv:1: unknown column '" + "e".repeat(60) + "…' (column 11); expected exactly: "
        + HEADER.strip(), column.getMessage());
  }

  @Test
  void aSpecValueIsEchoedAsItsFirstSixtyCharacters() throws IOException {
    Files.createDirectories(dir.resolve("dossiers"));
    String spec = "track: 7\ntitle: T\ndate: 2026-05-01\nstory: S-1\nplan: PLAN.md\nbranches:\n  - factor: f\n"
        + "    runs: [r1]\n    baseline: none\n    variants:\n      - name: none\n      - name: v1\n"
        + "    cryptos: [AAA]\n    folds: 3\n";
    String date = "2026-" + "9".repeat(200_000);
    Files.writeString(dir.resolve("dossiers/track7.yaml"), spec.replace("2026-05-01", date));
    DossierException e = assertThrows(DossierException.class, () -> new SpecLoader(dir).load("track7"));
    assertEquals("dossiers/track7.yaml:3: 'date' must be a date such as 2026-04-29, not '2026-" + "9".repeat(55)
        + "…'", e.getMessage());

    Files.writeString(dir.resolve("dossiers/track7.yaml"), spec.replace("folds: 3", "folds: 3" + "x".repeat(200_000)));
    DossierException folds = assertThrows(DossierException.class, () -> new SpecLoader(dir).load("track7"));
    assertEquals("dossiers/track7.yaml:14: 'folds' must be a whole number, not '3" + "x".repeat(59) + "…'",
        folds.getMessage());
  }

  @Test
  void aSnapshotThatIsAPipeIsRefusedAtOnce() throws IOException, InterruptedException {
    Path fifo = dir.resolve("snap.csv");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    // Read as a file, a pipe that nobody writes blocks the command for ever.
    DossierException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(DossierException.class, () -> SnapshotReader.read(fifo, "snap.csv", true)));
    assertEquals("snap.csv: not a regular file (a folder, a device or a pipe); point 'snapshot:' at the CSV "
        + "file", e.getMessage());
  }

  /** A run of the tool in a JVM of its own with a 64 MB heap. */
  private static JavaProcess.Exit smallHeap(Path cwd, String... args) throws IOException, InterruptedException {
    String[] command = {"-Xmx64m", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "-C", cwd.toString()};
    String[] all = Arrays.copyOf(command, command.length + args.length);
    System.arraycopy(args, 0, all, command.length, args.length);
    return JavaProcess.run(all);
  }

  /** A file of {@code megabytes} MB: {@code head}, then {@code fill} repeated. */
  private static void bigFile(Path file, String head, String fill, int megabytes) throws IOException {
    byte[] block = fill.repeat((1 << 20) / fill.length()).getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(head.getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < megabytes; i++) {
        out.write(block);
      }
    }
  }

  private static final String HEAP = "Java's heap is limited to [0-9]+ MB \\(-Xmx\\)";

  @Test
  void aSnapshotLargerThanTheHeapIsOneLineThatNamesIt() throws IOException, InterruptedException {
    bigFile(dir.resolve("big.csv"), HEADER + "r1,f,none,AAA,1,completed,0.4,1.2,3.4,10,0.05,1.1,9.9,", "x", 100);
    Path big = dir.resolve("big.csv");
    JavaProcess.Exit exit = smallHeap(dir, "stats", "--data", big.toString(), "--baseline", "none");
    assertEquals(1, exit.code(), exit.out());
    assertTrue(exit.out().matches("dossier: " + Pattern.quote(big.toString()) + ": out of memory reading this 100 MB "
        + "snapshot; " + HEAP + ": check that it is the snapshot you meant, or give Java more memory, e\\.g\\. "
        + "JAVA_OPTS=-Xmx256m\n"), exit.out());
  }

  @Test
  void aSnapshotThatIsALinkToDevZeroIsRefused() throws IOException, InterruptedException {
    Files.createSymbolicLink(dir.resolve("zero.csv"), Path.of("/dev/zero"));
    Path zero = dir.resolve("zero.csv");
    JavaProcess.Exit exit = smallHeap(dir, "stats", "--data", zero.toString(), "--baseline", "none");
    assertEquals(new JavaProcess.Exit(1, "dossier: " + zero + ": not a regular file (a folder, a device or a pipe); "
        + "point 'snapshot:' at the CSV file\n"), exit);
  }

  @Test
  void anyOtherInputLargerThanTheHeapIsOneLineThatNamesTheCommand() throws IOException, InterruptedException {
    bigFile(dir.resolve("big.md"), "# A dossier\n\n", "Words. ", 100);
    JavaProcess.Exit exit = smallHeap(dir, "preview", "big.md");
    assertEquals(1, exit.code(), exit.out());
    assertTrue(exit.out().matches("dossier: out of memory running `dossier preview`; " + HEAP + ": give Java more "
        + "memory, e\\.g\\. JAVA_OPTS=-Xmx256m, or check the size of its input files\n"), exit.out());
  }
}
