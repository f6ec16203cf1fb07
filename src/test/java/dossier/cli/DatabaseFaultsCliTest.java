package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.TcpProxy;
import dossier.TestDatabase;
import dossier.source.DatabaseSource;
import dossier.source.PgSettings;
import dossier.source.SnapshotReader;
import dossier.spec.SpecLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Database faults as a user meets them: {@code dossier generate track6} against a real PostgreSQL
 * (embedded, or DOSSIER_TEST_DB_URL) that fails it exits 1 with one line on standard error, prints
 * nothing on standard output, and leaves the existing dossier byte for byte as it was, with no
 * temporary file beside it.
 */
class DatabaseFaultsCliTest {
  private static final String RUN = "ftf_20260429_121011_282ec7_ATR0.5_1.5_H4";
  private static final String FACTOR = "focal_loss";

  @TempDir Path tmp;
  @TempDir Path home;
  Path project;
  Map<Path, String> before;

  @BeforeEach
  void project() {
    project = Projects.copy(tmp.resolve("project"));
    before = files();
    assertTrue(before.containsKey(new SpecLoader(project).load("track6").output()), before.keySet().toString());
  }

  @Test
  void aSessionTerminatedInTheMiddleOfTheRowsWritesNothing() {
    try (TestDatabase db = TestDatabase.create();
        TcpProxy proxy = TcpProxy.to(db.settings().host(), db.settings().port())) {
      db.generate(20_000, RUN, FACTOR);
      PgSettings via = new PgSettings("127.0.0.1", proxy.port(), db.name(), db.settings().user(),
          db.settings().password(), Map.of());
      assertEquals(20_000, DatabaseSource.read(via, List.of(RUN), FACTOR).size());
      long size = proxy.bytesToClient();
      proxy.onceAfter(size / 2, db::terminateToolSession);

      Run r = generate(Map.of(), "--db", db.url(proxy.port()));

      assertTrue(proxy.fired(), "the session was terminated during the read");
      // The server's words depend on whether its FATAL message got out before the socket closed:
      // "terminating connection due to administrator command", or the driver's I/O error.
      assertFailed(r, "dossier: sql/select_rows.sql at postgresql://127.0.0.1:" + proxy.port() + "/" + db.name() + ": ",
          "; the connection was lost before every row was read (the server ended the session, or the network "
              + "failed): try again\n");
    }
  }

  @Test
  void aWrongPasswordIsNamedWithItsUserButNeverShown() throws IOException {
    try (TestDatabase db = TestDatabase.create()) {
      PgSettings reader = db.reader("c0rrect-h0rse");
      String secret = "Wr0ng-batt3ry-staple";
      String where = "postgresql://" + reader.host() + ":" + reader.port() + "/" + reader.database();
      String expected = "dossier: cannot connect to PostgreSQL at " + where + ": password authentication failed "
          + "for user \"" + reader.user() + "\"; check user " + reader.user()
          + " and its password (PGPASSWORD, ~/.pgpass or the service file)\n";

      // In the URL, in PGPASSWORD, and in ~/.pgpass: the same one line, and the password nowhere.
      Run inUrl = generate(Map.of(), "--db", "postgresql://" + reader.user() + ":" + secret + "@" + reader.host()
          + ":" + reader.port() + "/" + reader.database());
      Map<String, String> env = new HashMap<>(Map.of("PGHOST", reader.host(), "PGPORT",
          Integer.toString(reader.port()), "PGDATABASE", reader.database(), "PGUSER", reader.user()));
      Run inPgpass = generate(pgpass(env, reader, secret));
      env.put("PGPASSWORD", secret);
      Run inEnv = generate(env);
      for (Run r : List.of(inUrl, inEnv, inPgpass)) {
        if (r.exit() == 0) {
          org.junit.jupiter.api.Assumptions.abort("the server of " + TestDatabase.URL_ENV + " does not check passwords");
        }
        assertFailed(r, expected);
        assertFalse(r.err().contains(secret) || r.out().contains(secret) || r.err().contains("c0rrect"), r.err());
      }
    }
  }

  @Test
  void aReadLongerThanTheStatementTimeoutIsCancelled() throws SQLException {
    try (TestDatabase db = TestDatabase.create(); Connection admin = db.admin(); Statement s = admin.createStatement()) {
      db.insert(SnapshotReader.read(project.resolve("dossiers/data/track6-focal-loss.csv")));
      // A migration holds the table: the read waits for the lock until the timeout cancels it.
      admin.setAutoCommit(false);
      s.execute("LOCK TABLE finetune_results IN ACCESS EXCLUSIVE MODE");
      long start = System.nanoTime();
      Run r = generate(Map.of("DOSSIER_STATEMENT_TIMEOUT", "1"), "--db", db.url());
      long ms = (System.nanoTime() - start) / 1_000_000;
      admin.rollback();
      assertTrue(ms < 10_000, ms + " ms");
      assertFailed(r, "dossier: sql/select_rows.sql at " + db.settings().describe()
          + ": canceling statement due to statement timeout; the statement timeout is 1 s: set "
          + "DOSSIER_STATEMENT_TIMEOUT longer (e.g. 5min; 0 leaves it to the server), or see why the query is slow "
          + "(a lock held on the table, the index of sql/finetune_results.sql missing)\n");

      Run bad = generate(Map.of("DOSSIER_STATEMENT_TIMEOUT", "soon"), "--db", db.url());
      assertEquals(2, bad.exit());
      assertEquals("dossier: DOSSIER_STATEMENT_TIMEOUT 'soon' is not a timeout; write seconds (90), or 500ms, 90s, "
          + "5min, 1h (at most 596h); 0 for none\n", bad.err());
    }
  }

  @Test
  void aTableMissingAColumnIsNamed() {
    try (TestDatabase db = TestDatabase.create()) {
      db.insert(SnapshotReader.read(project.resolve("dossiers/data/track6-focal-loss.csv")));
      db.execute("ALTER TABLE finetune_results DROP COLUMN ece");
      String line = "dossier: sql/select_rows.sql at " + db.settings().describe()
          + ": column \"ece\" does not exist; the query must return the columns run_id, factor, variant, crypto, "
          + "fold, status, f1_buy, sortino, total_return, n_trades, ece, expectancy_net, max_drawdown, created_at: "
          + "add the missing one to the table (sql/finetune_results.sql), or adapt a copy of sql/select_rows.sql "
          + "to your column names (select yours AS these)\n";
      assertFailed(generate(Map.of(), "--db", db.url()), line);
      // refresh of every dossier: one line for each, and each left as it was.
      Run refresh = Run.of(Map.of(), home, "-C", project.toString(), "refresh", "--db", db.url());
      assertEquals(1, refresh.exit(), refresh.err());
      assertEquals(line + line, refresh.err());
      assertEquals(before, files());
    }
  }

  @Test
  void theSelectOnlyRoleThroughPgUserAndPgpassAsTheReadmeSays() throws IOException {
    try (TestDatabase db = TestDatabase.create()) {
      db.insert(SnapshotReader.read(project.resolve("dossiers/data/track6-focal-loss.csv")));
      PgSettings reader = db.reader("only-reads");
      Map<String, String> env = pgpass(new HashMap<>(Map.of("PGHOST", reader.host(), "PGPORT",
          Integer.toString(reader.port()), "PGDATABASE", reader.database(), "PGUSER", reader.user())),
          reader, "only-reads");
      Run ok = Run.of(env, home, "-C", project.toString(), "stats", "track6", "--format", "json");
      assertEquals(0, ok.exit(), ok.err());
      assertTrue(ok.out().contains("\"n_pairs\": 25"), ok.out());

      // Without its GRANT SELECT, the role is refused and told what to ask for.
      db.execute("REVOKE SELECT ON finetune_results FROM " + reader.user());
      assertFailed(generate(env), "dossier: sql/select_rows.sql at " + reader.describe()
          + ": permission denied for table finetune_results; grant SELECT on the table to user " + reader.user()
          + " (see sql/finetune_results.sql)\n");
    }
  }

  // ----

  private Run generate(Map<String, String> env, String... options) {
    return Run.of(env, home, Stream.concat(Stream.of("-C", project.toString(), "generate", "track6"),
        Stream.of(options)).toArray(String[]::new));
  }

  /** {@code env} and a {@code ~/.pgpass} (mode 0600) holding {@code password} for the reader. */
  private Map<String, String> pgpass(Map<String, String> env, PgSettings reader, String password) throws IOException {
    Path file = home.resolve(".pgpass");
    Files.writeString(file, String.join(":", reader.host(), Integer.toString(reader.port()), reader.database(),
        reader.user(), password) + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return env;
  }

  /**
   * Exit 1, the one line {@code err}, nothing on standard output, and the project as it was: the
   * dossier byte for byte, no temporary file left beside it, no other file written.
   */
  private void assertFailed(Run r, String err) {
    assertEquals(1, r.exit(), r.err());
    assertEquals(err, r.err());
    assertEquals("", r.out());
    assertEquals(before, files());
  }

  /** The same, for a line known by its start and its end. */
  private void assertFailed(Run r, String start, String end) {
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().startsWith(start) && r.err().endsWith(end), r.err());
    assertEquals(r.err().length() - 1, r.err().indexOf('\n'), "one line: " + r.err());
    assertEquals("", r.out());
    assertEquals(before, files());
  }

  /** Every file of the project and its bytes (as ISO-8859-1 text: byte for byte, and readable in a diff). */
  private Map<Path, String> files() {
    try (Stream<Path> paths = Files.walk(project)) {
      Map<Path, String> files = new TreeMap<>();
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.put(p, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
