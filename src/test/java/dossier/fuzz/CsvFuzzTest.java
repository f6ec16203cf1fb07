package dossier.fuzz;

import static dossier.fuzz.Fuzz.pick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import dossier.source.Columns;
import dossier.source.SnapshotReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link SnapshotReader#read}: the repository's snapshots (a few lines, or whole), damaged
 * line by line, field by field and byte by byte. Every input is either read or refused with a
 * {@link DossierException} (exit code 1) that names the file; nothing else may escape, nothing
 * may hang.
 *
 * <p>CI runs {@link #CASES} cases from {@link #SEED}. A longer campaign:
 * {@code mvn -o test -Dtest=CsvFuzzTest -Dfuzz.cases=2000000 -Dfuzz.seed=7} (see {@link Fuzz}).
 */
class CsvFuzzTest {
  static final long SEED = 0x5EED_C5F0_0001L;
  static final int CASES = 45_000;

  private static final List<List<String>> SEEDS = List.of(
      Fuzz.lines(Fuzz.text("dossiers/data/track5-label-smoothing.csv")),
      Fuzz.lines(Fuzz.text("dossiers/data/track6-focal-loss.csv")));

  /** Values that are almost, or not at all, what a column holds. */
  private static final List<String> VALUES = List.of("", " ", "NaN", "nan", "NAN", "inf", "-inf", "+inf", "Infinity",
      "-Infinity", "+Infinity", "-0", "+0", "0", "1", "-1", "007", "2147483647", "2147483648", "999999999",
      "1000000000", "-999999999", "9999999999999999999999", "1e309", "-1e309", "1e-400", "1e99999999999", "4.9e-324",
      "1.7976931348623157E308", "0x1p3", "0x10", "1d", "1f", "1L", " 1", "1 ", "1_000", "1,5", "١٢٣", "１",
      "1.", ".5", ".", "e5", "1e", "1e+", "+", "-", "--1", "+-1", "1..2", "1e5.5", "completed", "failed",
      "COMPLETED", "running", " completed ", "2026-04-29T15:25:07Z", "2026-04-29 15:25:07+00",
      "2026-04-29T15:25:07.123456789+00:00", "2026-04-29T15:25:07.1234567891Z", "2026-02-30T00:00:00Z",
      "2026-04-29T24:00:00Z", "2026-04-29T23:59:60Z", "+999999999-12-31T23:59:59-18:00",
      "-999999999-01-01T00:00:00+18:00", "+1000000000-01-01T00:00:00Z", "2026-04-29T15:25:07+18:01",
      "2026-04-29T15:25:07+99:99", "2026-04-29T15:25:07", "2026-04-29", "2026-04-29T15:25:07ZZ",
      "2026-04-29T15:25:07 Z", "2026-04-29T15:25:07+0000", "\"", "\"\"", "\"a\"", "a\"b", "a,b", "a\nb", "a\r\nb",
      "\uFEFF", "\0", "\uD800", "run_id", "status");

  @TempDir Path dir;

  @Test
  void snapshotsEitherReadOrRefusedWithADossierException() throws IOException {
    Path file = dir.resolve("snap.csv");
    String shown = file.toString();
    Fuzz.run("csv", Fuzz.seed(SEED), Fuzz.cases(CASES), CASES, new Fuzz.Target<byte[]>() {
      @Override
      public byte[] generate(SplittableRandom r) {
        return input(r);
      }

      @Override
      public void check(byte[] input) throws IOException {
        Fuzz.overwrite(file, input);
        SnapshotReader.read(file);
      }

      @Override
      public void checkError(byte[] input, DossierException e) {
        assertTrue(e.getMessage().startsWith(shown + ":"),
            () -> "the message names the file: " + Fuzz.literal(e.getMessage(), 500));
        assertEquals(DossierException.WORK_FAILED, e.exitCode(), e.getMessage());
      }

      @Override
      public String show(byte[] input) {
        return Fuzz.literal(input, 4000);
      }
    });
  }

  /** The seeds themselves are read: the mutations start from valid input. */
  @Test
  void seedsAreValid() throws IOException {
    for (List<String> seed : SEEDS) {
      Path file = dir.resolve("seed.csv");
      Files.writeString(file, Fuzz.join(seed), StandardCharsets.UTF_8);
      assertEquals(seed.size() - 1, SnapshotReader.read(file).size());
    }
  }

  static byte[] input(SplittableRandom r) {
    List<String> seed = pick(r, SEEDS);
    int shape = r.nextInt(100);
    List<String> lines = new ArrayList<>(shape < 4 ? seed : Fuzz.window(r, seed, 8, shape >= 8));
    int mutations = r.nextInt(5);
    for (int k = 0; k < mutations; k++) {
      mutate(r, lines);
    }
    String text = Fuzz.join(lines);
    if (r.nextInt(20) == 0) {
      text = text.replace("\n", pick(r, "\r\n", "\r"));
    }
    if (r.nextInt(30) == 0) {
      text = Fuzz.cut(r, text);
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    // Byte-level damage: bad UTF-8, a BOM, NUL, a cut inside a character, …
    int n = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0;
    for (int k = 0; k < n; k++) {
      bytes = Fuzz.mutateBytes(r, bytes);
    }
    if (r.nextInt(8) == 0) {
      bytes = Fuzz.splice(bytes, 0, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    return bytes;
  }

  private static void mutate(SplittableRandom r, List<String> lines) {
    if (lines.isEmpty()) {
      lines.add(String.join(",", Columns.ALL) + "\n");
    }
    int i = r.nextInt(lines.size());
    switch (r.nextInt(8)) {
      case 0, 1 -> Fuzz.mutateLines(r, lines);
      case 2, 3, 4 -> lines.set(i, field(r, lines.get(i), value(r)));
      case 5 -> lines.set(i, Fuzz.insert(r, lines.get(i), pick(r, Fuzz.NASTY_CHARS)));
      case 6 -> { // the header: a column renamed, cased, padded, duplicated or dropped
        String header = lines.get(0);
        lines.set(0, field(r, header, pick(r, pick(r, Columns.ALL), pick(r, Columns.ALL).toUpperCase(java.util.Locale.ROOT),
            " " + pick(r, Columns.ALL) + " ", "\"" + pick(r, Columns.ALL) + "\"", "", "extra", "\uFEFFrun_id")));
      }
      default -> { // a field removed or added
        List<String> fields = new ArrayList<>(Arrays.asList(lines.get(i).replaceAll("[\r\n]+$", "").split(",", -1)));
        if (r.nextBoolean() && !fields.isEmpty()) {
          fields.remove(r.nextInt(fields.size()));
        } else {
          fields.add(r.nextInt(fields.size() + 1), value(r));
        }
        lines.set(i, String.join(",", fields) + "\n");
      }
    }
  }

  /** Replaces one comma-separated field of {@code line} (a naive split, quotes ignored on purpose). */
  private static String field(SplittableRandom r, String line, String value) {
    String end = line.substring(line.replaceAll("[\r\n]+$", "").length());
    String[] fields = line.substring(0, line.length() - end.length()).split(",", -1);
    fields[r.nextInt(fields.length)] = value;
    return String.join(",", fields) + end;
  }

  private static String value(SplittableRandom r) {
    String v = switch (r.nextInt(10)) {
      case 0 -> { // a long run of digits, now and then a very long one, and maybe something after it
        int n = r.nextInt(100) == 0 ? 100_000 + r.nextInt(100_000) : 1 + r.nextInt(400);
        yield "9".repeat(n) + pick(r, "", "", "." + "1".repeat(r.nextInt(400)), "x", "e", "e+", ".", "..", "-", " 1");
      }
      case 1 -> "x".repeat(r.nextInt(20) == 0 ? 100_000 : 1 + r.nextInt(5000)); // a very long field
      case 2 -> "1e" + (r.nextBoolean() ? "-" : "") + r.nextLong(Long.MAX_VALUE);
      case 3 -> Integer.toString(r.nextInt());
      case 4 -> Double.toString(Double.longBitsToDouble(r.nextLong()));
      default -> pick(r, VALUES);
    };
    // Quoted as CSV wants it, or not (which may split the field or the line).
    return switch (r.nextInt(4)) {
      case 0 -> "\"" + v.replace("\"", "\"\"") + "\"";
      case 1 -> "\"" + v;
      default -> v;
    };
  }
}
