package dossier.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

/**
 * The hand-written canonical CSV is byte for byte what Commons CSV's RFC 4180 printer wrote: the
 * SHA-256 in committed dossiers' footers is of these bytes.
 */
class SnapshotWriterTest {
  /** The former writer, kept as the reference. */
  private static String reference(List<ResultRow> rows) {
    StringBuilder out = new StringBuilder();
    CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      printer.printRecord(Columns.ALL);
      for (ResultRow r : rows.stream().sorted(SnapshotWriter.CANONICAL).toList()) {
        boolean done = r.completed();
        printer.printRecord(
            r.runId(), r.factor(), r.variant(), r.crypto(), r.fold(), r.status(),
            cell(r, r.f1Buy()), cell(r, r.sortino()), cell(r, r.totalReturn()),
            done || r.nTrades() > 0 ? Integer.toString(r.nTrades()) : "",
            cell(r, r.ece()), cell(r, r.expectancyNet()), cell(r, r.maxDrawdown()),
            r.createdAt().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String cell(ResultRow row, double value) {
    return !row.completed() && Double.isNaN(value) ? "" : SnapshotWriter.number(value);
  }

  private static final String ALPHABET = "ab ,\"\n\r#!\t-+.0Zé\u2028|'";

  private static String text(SplittableRandom random) {
    if (random.nextInt(3) == 0) {
      return "variant_" + random.nextInt(100); // the usual kind
    }
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(0, 6);
    for (int i = 0; i < n; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  private static Instant instant(SplittableRandom random) {
    long seconds = switch (random.nextInt(4)) {
      case 0 -> random.nextLong(1_700_000_000L, 1_900_000_000L);
      case 1 -> random.nextLong(-62_167_219_200L - 1000, 253_402_300_800L + 1000); // years 0 to 10000
      case 2 -> random.nextBoolean() ? -62_167_219_200L + random.nextInt(-2, 2) : 253_402_300_800L + random.nextInt(-2, 2);
      default -> random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond());
    };
    int nano = switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextInt(1000) * 1_000_000;
      case 2 -> random.nextInt(1_000_000) * 1000;
      default -> random.nextInt(1_000_000_000);
    };
    return Instant.ofEpochSecond(seconds, nano);
  }

  private static double metric(SplittableRandom random) {
    return switch (random.nextInt(5)) {
      case 0 -> Double.NaN;
      case 1 -> random.nextInt(-1_000_000, 1_000_000) / 1e6;
      case 2 -> Double.longBitsToDouble(random.nextLong());
      case 3 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : 0.0;
      default -> random.nextDouble() * 100;
    };
  }

  @Test
  void writesWhatCommonsCsvWrote() {
    SplittableRandom random = new SplittableRandom(20261121L);
    for (int round = 0; round < 400; round++) {
      List<ResultRow> rows = new ArrayList<>();
      for (int i = random.nextInt(0, 40); i > 0; i--) {
        String status = random.nextInt(4) == 0 ? text(random) : ResultRow.COMPLETED;
        rows.add(new ResultRow(text(random), text(random), text(random), text(random), random.nextInt(-3, 40),
            status, metric(random), metric(random), metric(random), random.nextInt(0, 50), metric(random),
            metric(random), metric(random), instant(random)));
      }
      assertEquals(reference(rows), SnapshotWriter.write(rows));
    }
  }

  @Test
  void instantsAreWhatToStringWrites() {
    SplittableRandom random = new SplittableRandom(7L);
    for (int i = 0; i < 200_000; i++) {
      Instant t = instant(random);
      StringBuilder out = new StringBuilder();
      SnapshotWriter.instant(out, t);
      assertEquals(t.toString(), out.toString());
    }
  }
}
