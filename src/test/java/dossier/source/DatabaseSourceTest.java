package dossier.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import dossier.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads through a real PostgreSQL server: the embedded one, or DOSSIER_TEST_DB_URL. */
class DatabaseSourceTest {
  private static final Instant T0 = Instant.parse("2026-04-29T12:10:11.123456Z");

  private static final List<ResultRow> ROWS = List.of(
      completed("run-a", "lr", "base", "BTC", 0, 0.61, 1.25, 0.031, 42, T0),
      completed("run-a", "lr", "base", "BTC", 1, 0.58, -0.40, -0.012, 17, T0.plusSeconds(60)),
      completed("run-a", "lr", "x2", "ETH", 0, 0.55, Double.NaN, 0.0, 0, T0.plusSeconds(120)),
      failed("run-a", "lr", "x2", "ETH", 1, T0.plusSeconds(180)),
      completed("run-a", "lr", "x2", "ETH", 1, 0.57, 0.9, 0.02, 9, T0.plusSeconds(240)),
      completed("run-b", "lr", "base", "SOL", 0, 0.49, 0.1, 0.001, 3, T0.plusSeconds(300)),
      completed("run-a", "dropout", "base", "BTC", 0, 0.7, 2.0, 0.05, 50, T0.plusSeconds(360)),
      completed("run-c", "lr", "base", "BTC", 0, 0.5, 0.0, 0.0, 1, T0.plusSeconds(420)));

  private static TestDatabase db;

  @BeforeAll
  static void load() {
    db = TestDatabase.create();
    db.insert(ROWS);
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void rowsComeBackAsInsertedIncludingNullAndNaNMetrics() {
    List<ResultRow> read = DatabaseSource.read(db.settings(), List.of("run-a", "run-b"), "lr");

    List<ResultRow> expected = ROWS.stream()
        .filter(r -> r.factor().equals("lr") && !r.runId().equals("run-c"))
        .sorted(Comparator.comparing(ResultRow::runId).thenComparing(ResultRow::variant)
            .thenComparing(ResultRow::crypto).thenComparingInt(ResultRow::fold)
            .thenComparing(ResultRow::createdAt))
        .toList();
    assertEquals(expected, read);
    ResultRow failed = read.stream().filter(r -> !r.completed()).findFirst().orElseThrow();
    assertTrue(Double.isNaN(failed.f1Buy()) && Double.isNaN(failed.maxDrawdown()));
    assertEquals(0, failed.nTrades());
    assertTrue(read.stream().anyMatch(r -> r.completed() && Double.isNaN(r.sortino())));
  }

  @Test
  void filtersByRunIdsAndFactorInSql() {
    assertEquals(List.of("run-a"), runIds(DatabaseSource.read(db.settings(), List.of("run-a"), "dropout")));
    assertEquals(List.of("run-c"), runIds(DatabaseSource.read(db.settings(), List.of("run-c", "nope"), "lr")));
    assertEquals(List.of(), DatabaseSource.read(db.settings(), List.of("run-b"), "dropout"));
    assertEquals(List.of(), DatabaseSource.read(db.settings(), List.of(), "lr"));
  }

  @Test
  void aConnectionOpenedTheToolsWayCannotWrite() throws SQLException {
    try (Connection c = DatabaseSource.open(db.settings()); Statement s = c.createStatement()) {
      assertTrue(c.isReadOnly());
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(
          "INSERT INTO finetune_results (run_id, factor, variant, crypto, fold, status) "
              + "VALUES ('x', 'lr', 'base', 'BTC', 0, 'failed')"));
      assertEquals("25006", e.getSQLState(), e.getMessage()); // read_only_sql_transaction
    }
    // Even after a COMMIT and with autocommit on, the session stays read-only (readOnlyMode=always).
    try (Connection c = DatabaseSource.open(db.settings()); Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM finetune_results"));
    }
    assertEquals(ROWS.size(), DatabaseSource.read(db.settings(), List.of("run-a", "run-b", "run-c"), "lr").size()
        + DatabaseSource.read(db.settings(), List.of("run-a"), "dropout").size());
  }

  @Test
  void aSelectOnlyRoleReadsTheRows() {
    PgSettings reader = db.reader("s3cret-reader");
    assertEquals(1, DatabaseSource.read(reader, List.of("run-b"), "lr").size());
  }

  @Test
  void aWrongPasswordIsRefusedWithoutShowingIt() {
    PgSettings reader = db.reader("right-password");
    PgSettings wrong = new PgSettings(reader.host(), reader.port(), reader.database(), reader.user(),
        Optional.of("wrong-Pa55word"), Map.of());
    DossierException e;
    try {
      DatabaseSource.read(wrong, List.of("run-b"), "lr");
      Assumptions.abort("the server of " + TestDatabase.URL_ENV + " does not check passwords");
      return;
    } catch (DossierException refused) {
      e = refused;
    }
    assertEquals(DossierException.WORK_FAILED, e.exitCode());
    assertTrue(e.getMessage().startsWith("cannot connect to PostgreSQL at " + reader.describe()), e.getMessage());
    assertTrue(e.getMessage().contains("password"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong-Pa55word"), e.getMessage());

    PgSettings none = new PgSettings(reader.host(), reader.port(), reader.database(), reader.user(),
        Optional.empty(), Map.of());
    e = assertThrows(DossierException.class, () -> DatabaseSource.read(none, List.of("run-b"), "lr"));
    assertTrue(e.getMessage().contains("asks user " + reader.user() + " for a password and none was found"),
        e.getMessage());
  }

  @Test
  void aMissingColumnIsNamed() {
    DatabaseSource.Query query = new DatabaseSource.Query("team.sql",
        DatabaseSource.Query.standard().sql().replace("       f1_buy,", "       f1_buy_oops AS f1_buy,"));
    DossierException e = assertThrows(DossierException.class,
        () -> DatabaseSource.read(db.settings(), query, List.of("run-a"), "lr"));
    assertEquals(DossierException.WORK_FAILED, e.exitCode());
    assertTrue(e.getMessage().startsWith("team.sql at " + db.settings().describe()), e.getMessage());
    assertTrue(e.getMessage().contains("f1_buy_oops"), e.getMessage());
  }

  @Test
  void aColumnTheQueryDoesNotReturnIsNamed(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("rows.sql");
    Files.writeString(file, DatabaseSource.Query.standard().sql().replace("       sortino,", "       sortino AS sortino_ratio,"));
    DossierException e = assertThrows(DossierException.class,
        () -> DatabaseSource.read(db.settings(), DatabaseSource.Query.of(file), List.of("run-a"), "lr"));
    assertTrue(e.getMessage().startsWith(file + " at "), e.getMessage());
    assertTrue(e.getMessage().contains("no column sortino"), e.getMessage());
  }

  @Test
  void aMissingTableIsNamed() {
    DatabaseSource.Query query = new DatabaseSource.Query("team.sql",
        DatabaseSource.Query.standard().sql().replace("FROM finetune_results", "FROM sweep_results"));
    DossierException e = assertThrows(DossierException.class,
        () -> DatabaseSource.read(db.settings(), query, List.of("run-a"), "lr"));
    assertTrue(e.getMessage().contains("sweep_results"), e.getMessage());
    assertTrue(e.getMessage().contains("sql/finetune_results.sql"), e.getMessage());
  }

  @Test
  void anUnreachableServerIsNamedWithoutThePassword() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // free now, closed below: nothing listens there
    }
    PgSettings settings = PgSettings.resolve(
        Optional.of("postgresql://someone:Hunter2-secret@127.0.0.1:" + port + "/sweeps"), Map.of(), Path.of("/nonexistent"));
    long start = System.nanoTime();
    DossierException e = assertThrows(DossierException.class,
        () -> DatabaseSource.read(settings, List.of("run-a"), "lr"));
    assertEquals(DossierException.WORK_FAILED, e.exitCode());
    assertTrue(e.getMessage().startsWith("cannot connect to PostgreSQL at postgresql://127.0.0.1:" + port + "/sweeps: "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("check --db, DOSSIER_DB_URL or PGHOST/PGPORT"), e.getMessage());
    assertFalse(e.getMessage().contains("Hunter2"), e.getMessage());
    assertTrue(System.nanoTime() - start < 15_000_000_000L, "a refused connection fails fast");
  }

  private static List<String> runIds(List<ResultRow> rows) {
    return rows.stream().map(ResultRow::runId).distinct().toList();
  }

  private static ResultRow completed(String run, String factor, String variant, String crypto, int fold,
      double f1, double sortino, double totalReturn, int trades, Instant at) {
    return new ResultRow(run, factor, variant, crypto, fold, ResultRow.COMPLETED, f1, sortino, totalReturn,
        trades, 0.05, totalReturn / Math.max(1, trades), -0.1, at);
  }

  private static ResultRow failed(String run, String factor, String variant, String crypto, int fold, Instant at) {
    return new ResultRow(run, factor, variant, crypto, fold, "failed", Double.NaN, Double.NaN, Double.NaN,
        0, Double.NaN, Double.NaN, Double.NaN, at);
  }
}
