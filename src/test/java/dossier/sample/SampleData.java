package dossier.sample;

import dossier.render.AtomicFile;
import dossier.source.ResultRow;
import dossier.source.SnapshotWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample sweeps the project ships in {@code dossiers/data/}: deterministic rows built to
 * reproduce the figures of the team's hand-written results pages, so that the tool can be run
 * and tested end to end without the database.
 *
 * <p>Same code, same rows, same bytes: nothing here depends on the clock, the locale or an
 * unseeded generator.
 */
public final class SampleData {
  /** File name of the Track 6 focal-loss sweep in the data folder. */
  public static final String TRACK6_FILE = "track6-focal-loss.csv";
  /** File name of the Track 5 sweeps (label smoothing, and both cleanlab attempts) in the data folder. */
  public static final String TRACK5_FILE = "track5-label-smoothing.csv";

  private SampleData() {}

  /** The 125 completed attempts of the Track 6 focal-loss sweep, in the order they ran. */
  public static List<ResultRow> track6() {
    return Track6.rows();
  }

  /**
   * The attempts of the two Track 5 runs, in the order they ran: the label-smoothing run (its
   * baseline retries, and a first cleanlab attempt whose variants hung) and the cleanlab re-run
   * (one failed baseline fold, one retry).
   */
  public static List<ResultRow> track5() {
    return Track5.rows();
  }

  /** Every sample sweep by its file name, in a fixed order. */
  public static Map<String, List<ResultRow>> all() {
    Map<String, List<ResultRow>> sweeps = new LinkedHashMap<>();
    sweeps.put(TRACK6_FILE, track6());
    sweeps.put(TRACK5_FILE, track5());
    return java.util.Collections.unmodifiableMap(sweeps);
  }

  /** Writes every sample sweep as a snapshot CSV (UTF-8, canonical bytes) into {@code dataDir}. */
  public static void writeAll(Path dataDir) {
    all().forEach((file, rows) -> AtomicFile.write(dataDir.resolve(file), SnapshotWriter.write(rows)));
  }

  /** {@code SampleData [DIR]}: writes the sample sweeps into DIR (default {@code dossiers/data}). */
  public static void main(String[] args) {
    writeAll(Path.of(args.length > 0 ? args[0] : "dossiers/data"));
  }
}
