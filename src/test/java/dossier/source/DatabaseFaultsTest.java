package dossier.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import dossier.TcpProxy;
import dossier.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the tool does when PostgreSQL fails it, against a real server (the embedded one, or
 * DOSSIER_TEST_DB_URL): a read ends in a {@link DossierException} whose one-line message names the
 * server and says what to do, never the password, and never hangs. What the CLI then prints and
 * leaves on disk is {@code dossier.cli.DatabaseFaultsCliTest}.
 */
class DatabaseFaultsTest {
  private static final String RUN = "run-big";
  private static final String FACTOR = "lr";
  // Twenty fetches of DatabaseSource's 1,000 rows: a fault half-way is well inside the stream.
  private static final int ROWS = 20_000;
  private static final String INSERT = "INSERT INTO finetune_results (run_id, factor, variant, crypto, fold, status) "
      + "VALUES ('x', 'lr', 'base', 'BTC', 0, 'failed')";

  private static TestDatabase db;

  @BeforeAll
  static void load() {
    db = TestDatabase.create();
    db.generate(ROWS, RUN, FACTOR);
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  // ---- 1. the server is down

  @Test
  void aServerStoppedInTheMiddleOfAReadAndThenDown() throws IOException {
    EmbeddedPostgres pg;
    try {
      pg = EmbeddedPostgres.builder().start();
    } catch (IOException | RuntimeException e) {
      Assumptions.abort("cannot start a second embedded PostgreSQL: " + e);
      return;
    }
    AtomicBoolean stopped = new AtomicBoolean();
    Runnable stop = () -> {
      if (stopped.compareAndSet(false, true)) {
        close(pg);
      }
    };
    PgSettings server = new PgSettings("localhost", pg.getPort(), "postgres", "postgres", Optional.empty(), Map.of());
    // Not closed: the server and its data go together.
    TestDatabase other = TestDatabase.create(server);
    other.generate(ROWS, RUN, FACTOR);
    try (TcpProxy proxy = TcpProxy.to(server.host(), server.port())) {
      PgSettings via = at(other.settings(), proxy.port());
      long size = bytesOfRead(proxy, via);
      // A fast shutdown (pg_ctl stop -m fast), as an administrator's restart, half-way through the rows.
      proxy.onceAfter(size / 2, stop);
      DossierException e = assertThrows(DossierException.class, () -> DatabaseSource.read(via, List.of(RUN), FACTOR));
      assertTrue(proxy.fired());
      assertEquals(DossierException.WORK_FAILED, e.exitCode());
      assertTrue(e.getMessage().startsWith("sql/select_rows.sql at " + via.describe() + ": "), e.getMessage());
      assertTrue(e.getMessage().endsWith("; the connection was lost before every row was read "
          + "(the server ended the session, or the network failed): try again"), e.getMessage());
      oneLine(e);
    } finally {
      stop.run();
    }
    // Then down: nothing listens where it was.
    DossierException e = assertThrows(DossierException.class,
        () -> DatabaseSource.read(other.settings(), List.of(RUN), FACTOR));
    assertEquals(DossierException.WORK_FAILED, e.exitCode());
    assertTrue(e.getMessage().startsWith("cannot connect to PostgreSQL at " + other.settings().describe() + ": "),
        e.getMessage());
    assertTrue(e.getMessage().contains("refused"), e.getMessage());
    assertTrue(e.getMessage().endsWith("; check --db, DOSSIER_DB_URL or PGHOST/PGPORT"), e.getMessage());
    oneLine(e);
  }

  // (Nothing ever listening at the port: DatabaseSourceTest.anUnreachableServerIsNamedWithoutThePassword.)

  // ---- 2. a wrong password

  @Test
  void aWrongPasswordNamesServerAndUserButNotThePassword() {
    PgSettings reader = db.reader("the-right-one");
    PgSettings wrong = new PgSettings(reader.host(), reader.port(), reader.database(), reader.user(),
        Optional.of("Wr0ng-pa55word-xyzzy"), Map.of());
    DossierException e = refused(wrong);
    assertEquals(DossierException.WORK_FAILED, e.exitCode());
    assertTrue(e.getMessage().startsWith("cannot connect to PostgreSQL at postgresql://" + reader.host() + ":"
        + reader.port() + "/" + reader.database() + ": "), e.getMessage());
    assertTrue(e.getMessage().endsWith("; check user " + reader.user()
        + " and its password (PGPASSWORD, ~/.pgpass or the service file)"), e.getMessage());
    assertFalse(e.getMessage().contains("Wr0ng") || e.getMessage().contains("the-right-one"), e.getMessage());
    oneLine(e);
  }

  // ---- 3. the connection dropped in the middle of a result set

  @Test
  void theSessionTerminatedInTheMiddleOfTheRows() {
    PgSettings s = db.settings();
    try (TcpProxy proxy = TcpProxy.to(s.host(), s.port())) {
      PgSettings via = at(s, proxy.port());
      long size = bytesOfRead(proxy, via);
      assertTrue(size > 1_000_000, "the rows take several fetches: " + size + " bytes");
      // Half-way through the bytes of the rows, with the rest held back, the tool's session is
      // found in pg_stat_activity and ended with pg_terminate_backend.
      int[] pid = {0};
      proxy.onceAfter(size / 2, () -> pid[0] = db.terminateToolSession());
      DossierException e = assertThrows(DossierException.class, () -> DatabaseSource.read(via, List.of(RUN), FACTOR));
      assertTrue(proxy.fired() && pid[0] > 0, "the session was terminated during the read");
      assertEquals(DossierException.WORK_FAILED, e.exitCode());
      assertTrue(e.getMessage().startsWith("sql/select_rows.sql at " + via.describe() + ": "), e.getMessage());
      assertTrue(e.getMessage().endsWith("; the connection was lost before every row was read "
          + "(the server ended the session, or the network failed): try again"), e.getMessage());
      oneLine(e);
    }
  }

  @Test
  void aNetworkThatGoesSilentMidResultFailsInsteadOfHanging() {
    // The server stays up but nothing more arrives (a dropped VPN, a NAT that forgot the connection):
    // without a socket timeout the driver waits for ever. Its default follows the statement timeout
    // (PgSettingsTest); here 2 s, given as a driver parameter, so that the test is short.
    PgSettings s = db.settings();
    try (TcpProxy proxy = TcpProxy.to(s.host(), s.port())) {
      PgSettings via = new PgSettings("127.0.0.1", proxy.port(), s.database(), s.user(), s.password(),
          Map.of("socketTimeout", "2"));
      proxy.onceAfter(1_000_000, proxy.stall());
      DossierException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> assertThrows(DossierException.class, () -> DatabaseSource.read(via, List.of(RUN), FACTOR)));
      assertTrue(proxy.fired());
      assertTrue(e.getMessage().startsWith("sql/select_rows.sql at " + via.describe() + ": "), e.getMessage());
      assertTrue(e.getMessage().endsWith(": An I/O error occurred while sending to the backend. "
          + "(SocketTimeoutException: Read timed out); the server sent nothing for longer than the socket timeout "
          + "(the network failed, or the server hangs): try again"), e.getMessage());
      oneLine(e);
    }
  }

  // ---- 4. the statement timeout

  @Test
  void aSlowQueryIsCancelledByTheStatementTimeout() {
    DatabaseSource.Query slow = new DatabaseSource.Query("slow.sql", DatabaseSource.Query.standard().sql()
        .replace("FROM finetune_results", "FROM finetune_results, pg_sleep(5)"));
    PgSettings s = db.settings();
    PgSettings quick = new PgSettings(s.host(), s.port(), s.database(), s.user(), s.password(), Map.of(),
        Duration.ofMillis(800));
    long start = System.nanoTime();
    DossierException e = assertThrows(DossierException.class, () -> DatabaseSource.read(quick, slow, List.of(RUN), FACTOR));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms < 4_000, "cancelled after the timeout, not after the sleep: " + ms + " ms");
    assertEquals(DossierException.WORK_FAILED, e.exitCode());
    assertEquals("slow.sql at " + s.describe() + ": canceling statement due to statement timeout; "
        + "the statement timeout is 800 ms: set DOSSIER_STATEMENT_TIMEOUT longer (e.g. 5min; 0 leaves it to "
        + "the server), or see why the query is slow (a lock held on the table, the index of "
        + "sql/finetune_results.sql missing)", e.getMessage());

    // With DOSSIER_STATEMENT_TIMEOUT=0 the server's own timeout (here from PGOPTIONS) applies, and is named so.
    PgSettings servers = new PgSettings(s.host(), s.port(), s.database(), s.user(), s.password(),
        Map.of("options", "-c statement_timeout=500"), Duration.ZERO);
    e = assertThrows(DossierException.class, () -> DatabaseSource.read(servers, slow, List.of(RUN), FACTOR));
    assertTrue(e.getMessage().contains(": canceling statement due to statement timeout; the statement timeout is "
        + "the server's (DOSSIER_STATEMENT_TIMEOUT=0): set DOSSIER_STATEMENT_TIMEOUT longer"), e.getMessage());
  }

  @Test
  void theToolsTransactionHasTheStatementTimeoutAndZeroLeavesTheServers() throws SQLException {
    assertEquals("1min", show(db.settings(), "statement_timeout"));
    PgSettings s = db.settings();
    assertEquals("5min", show(new PgSettings(s.host(), s.port(), s.database(), s.user(), s.password(), Map.of(),
        Duration.ofMinutes(5)), "statement_timeout"));
    // 0: the tool sets none, whatever the server, the role or PGOPTIONS say applies.
    assertEquals("7s", show(new PgSettings(s.host(), s.port(), s.database(), s.user(), s.password(),
        Map.of("options", "-c statement_timeout=7s"), Duration.ZERO), "statement_timeout"));
    // The read still works, and the whole of it, with the timeout in place.
    assertEquals(ROWS, DatabaseSource.read(db.settings(), List.of(RUN), FACTOR).size());
  }

  // ---- 6. the connection cannot write

  @Test
  void aConnectionOpenedTheToolsWayCannotWriteAnything() throws SQLException {
    for (String sql : List.of(INSERT, "UPDATE finetune_results SET f1_buy = 1", "DELETE FROM finetune_results",
        "CREATE TABLE stolen (x int)", "TRUNCATE finetune_results", "DROP TABLE finetune_results")) {
      try (Connection c = DatabaseSource.open(db.settings()); Statement s = c.createStatement()) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertEquals("25006", e.getSQLState(), sql + ": " + e.getMessage()); // read_only_sql_transaction
      }
    }
    // Turning the read-only transaction off from inside is refused too (readOnlyMode=always).
    try (Connection c = DatabaseSource.open(db.settings()); Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      assertThrows(SQLException.class, () -> s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; "
          + INSERT));
    }
    assertUnchanged();
  }

  @Test
  void aQueryFileThatWritesIsRefused() {
    // A data-modifying WITH is one statement that returns rows: a query file could hide one.
    String writes = DatabaseSource.Query.standard().sql().replace("SELECT run_id,",
        "WITH w AS (" + INSERT + " RETURNING id) SELECT run_id,");
    for (Duration timeout : List.of(PgSettings.DEFAULT_STATEMENT_TIMEOUT, Duration.ZERO)) {
      PgSettings s = db.settings();
      PgSettings settings = new PgSettings(s.host(), s.port(), s.database(), s.user(), s.password(), Map.of(), timeout);
      DossierException e = assertThrows(DossierException.class, () -> DatabaseSource.read(settings,
          new DatabaseSource.Query("writes.sql", writes), List.of(RUN), FACTOR));
      // PostgreSQL names the top-level command: "cannot execute SELECT in a read-only transaction".
      assertEquals("writes.sql at " + s.describe() + ": cannot execute SELECT in a read-only transaction; "
          + "the tool reads over a read-only session: the query must only read", e.getMessage());
    }
    assertUnchanged();
  }

  @Test
  void theSelectOnlyRoleCannotWriteEvenOverAReadWriteConnection() throws SQLException {
    PgSettings reader = db.reader("only-select");
    // Not the tool's way: autocommit, read-write, as psql would connect with the role.
    try (Connection c = DriverManager.getConnection("jdbc:" + reader.describe(), reader.properties());
        Statement s = c.createStatement()) {
      assertFalse(c.isReadOnly());
      for (String sql : List.of(INSERT, "UPDATE finetune_results SET f1_buy = 1", "DELETE FROM finetune_results",
          "CREATE TABLE stolen (x int)", "TRUNCATE finetune_results", "DROP TABLE finetune_results")) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        // insufficient_privilege, or must_be_owner for DROP (42501 too)
        assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM finetune_results")) {
        assertTrue(rs.next() && rs.getInt(1) == ROWS);
      }
    }
    assertUnchanged();
  }

  // ----

  private static void assertUnchanged() {
    assertEquals(ROWS, DatabaseSource.read(db.settings(), List.of(RUN, "x"), FACTOR).size());
    assertEquals(List.of(), DatabaseSource.read(db.settings(), List.of("x"), FACTOR));
  }

  /** The settings {@code s} at {@code 127.0.0.1:port}, such as a {@link TcpProxy}'s. */
  private static PgSettings at(PgSettings s, int port) {
    return new PgSettings("127.0.0.1", port, s.database(), s.user(), s.password(), s.parameters());
  }

  /** Reads the rows once, whole, and returns how many bytes the server sent for them. */
  private static long bytesOfRead(TcpProxy proxy, PgSettings via) {
    long before = proxy.bytesToClient();
    assertEquals(ROWS, DatabaseSource.read(via, List.of(RUN), FACTOR).size());
    return proxy.bytesToClient() - before;
  }

  private static String show(PgSettings settings, String parameter) throws SQLException {
    try (Connection c = DatabaseSource.open(settings); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW " + parameter)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  private static DossierException refused(PgSettings settings) {
    try {
      DatabaseSource.read(settings, List.of(RUN), FACTOR);
    } catch (DossierException e) {
      return e;
    }
    Assumptions.abort("the server of " + TestDatabase.URL_ENV + " does not check passwords");
    throw new AssertionError();
  }

  private static void oneLine(DossierException e) {
    assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
  }

  private static void close(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
