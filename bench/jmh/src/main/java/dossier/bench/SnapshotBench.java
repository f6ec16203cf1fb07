package dossier.bench;

import dossier.sample.BigSweep;
import dossier.source.ResultRow;
import dossier.source.SnapshotReader;
import dossier.source.SnapshotWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading and writing the snapshot CSV of the synthetic sweep at the bench sizes: the parsing
 * (and validation) a whole-process {@code generate} pays before any statistic, and the canonical
 * bytes that the provenance footer hashes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SnapshotBench {
  @Param({"5x50x10", "10x100x10", "20x200x10"})
  public String size;

  private List<ResultRow> rows;
  private Path file;

  @Setup
  public void setUp() throws IOException {
    rows = BigSweep.rows(BigSweep.Size.parse(size), BigSweep.DEFAULT_RETRIED, BigSweep.DEFAULT_SEED);
    file = Files.createTempFile("dossier-bench-" + size, ".csv");
    Files.write(file, SnapshotWriter.write(rows).getBytes(StandardCharsets.UTF_8));
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  @Benchmark
  public List<ResultRow> read() {
    return SnapshotReader.read(file);
  }

  @Benchmark
  public String write() {
    return SnapshotWriter.write(rows);
  }
}
