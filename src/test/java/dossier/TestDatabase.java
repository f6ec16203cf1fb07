package dossier;

import dossier.source.PgSettings;
import dossier.source.ResultRow;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh PostgreSQL database holding {@code finetune_results}, for tests against a real server.
 *
 * <p>The server is one embedded PostgreSQL per JVM, started on first use, unless {@code
 * DOSSIER_TEST_DB_URL} names a server to use instead (its user must be allowed to create
 * databases and roles). Each {@link #create()} makes a database of its own, so test classes do not
 * see each other's rows; {@link #close()} drops it.
 *
 * <pre>{@code
 * TestDatabase db = TestDatabase.create();
 * db.insert(rows);   // then: dossier ... --db db.url()   or   DatabaseSource.read(db.settings(), ...)
 * }</pre>
 */
public final class TestDatabase implements AutoCloseable {
  public static final String URL_ENV = "DOSSIER_TEST_DB_URL";
  private static final String SCHEMA = "sql/finetune_results.sql";

  private static PgSettings server; // the maintenance database of the server, as its administrator

  private final PgSettings maintenance;
  private final PgSettings admin;
  private final String name;
  private final List<String> roles = new ArrayList<>();

  private TestDatabase(PgSettings maintenance, PgSettings admin, String name) {
    this.maintenance = maintenance;
    this.admin = admin;
    this.name = name;
  }

  /** A new database with an empty {@code finetune_results}, created from {@code sql/finetune_results.sql}. */
  public static TestDatabase create() {
    return create(server());
  }

  /** The same on another server, given as its maintenance database and administrator. */
  public static TestDatabase create(PgSettings maintenance) {
    String name = "dossier_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = connect(maintenance); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create a test database on " + maintenance.describe() + ": " + e.getMessage(), e);
    }
    PgSettings admin = new PgSettings(
        maintenance.host(), maintenance.port(), name, maintenance.user(), maintenance.password(), Map.of());
    TestDatabase db = new TestDatabase(maintenance, admin, name);
    db.execute(resource(SCHEMA));
    return db;
  }

  public String name() {
    return name;
  }

  /** A URL for {@code --db} or {@code DOSSIER_DB_URL}; it holds the password, if the server needs one. */
  public String url() {
    String credentials = encode(admin.user()) + admin.password().map(p -> ":" + encode(p)).orElse("");
    return "postgresql://" + credentials + "@" + admin.describe().substring("postgresql://".length());
  }

  /** {@link #url()} with the server at {@code 127.0.0.1:port} instead, such as a {@link TcpProxy}. */
  public String url(int port) {
    return url().replace("@" + admin.describe().substring("postgresql://".length()),
        "@127.0.0.1:" + port + "/" + name);
  }

  /** The settings the tool would resolve from {@link #url()}: as the administrator, read-only by the tool's doing. */
  public PgSettings settings() {
    return admin;
  }

  /**
   * A login role that may only SELECT from {@code finetune_results} (as the comment of the schema
   * shows, with its REVOKE for PostgreSQL 14 and older), and the settings to connect as it with
   * {@code password}.
   */
  public synchronized PgSettings reader(String password) {
    String role = name + "_reader" + roles.size();
    roles.add(role);
    execute(String.format(Locale.ROOT,
        "CREATE ROLE %1$s LOGIN PASSWORD '%2$s'; GRANT CONNECT ON DATABASE %3$s TO %1$s;"
            + " GRANT USAGE ON SCHEMA public TO %1$s; GRANT SELECT ON finetune_results TO %1$s;"
            + " REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        role, password.replace("'", "''"), name));
    return new PgSettings(admin.host(), admin.port(), name, role, Optional.of(password), Map.of());
  }

  /** Inserts the rows, writing NULL where a snapshot has an empty cell (metrics of unfinished attempts). */
  public void insert(List<ResultRow> rows) {
    String sql = "INSERT INTO finetune_results (run_id, factor, variant, crypto, fold, status, f1_buy, sortino,"
        + " total_return, n_trades, ece, expectancy_net, max_drawdown, created_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = admin(); PreparedStatement s = c.prepareStatement(sql)) {
      for (ResultRow r : rows) {
        s.setString(1, r.runId());
        s.setString(2, r.factor());
        s.setString(3, r.variant());
        s.setString(4, r.crypto());
        s.setInt(5, r.fold());
        s.setString(6, r.status());
        double[] metrics = {r.f1Buy(), r.sortino(), r.totalReturn()};
        for (int i = 0; i < metrics.length; i++) {
          metric(s, 7 + i, r, metrics[i]);
        }
        if (r.completed() || r.nTrades() > 0) {
          s.setInt(10, r.nTrades());
        } else {
          s.setNull(10, Types.INTEGER);
        }
        metric(s, 11, r, r.ece());
        metric(s, 12, r, r.expectancyNet());
        metric(s, 13, r, r.maxDrawdown());
        // PostgreSQL keeps microseconds: finer instants come back truncated.
        s.setObject(14, OffsetDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC));
        s.addBatch();
      }
      s.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot insert test rows into " + admin.describe() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Inserts {@code n} generated completed rows of one run and factor (five variants, many cryptos,
   * five folds), enough for a read to take several fetches.
   */
  public void generate(int n, String runId, String factor) {
    String sql = "INSERT INTO finetune_results (run_id, factor, variant, crypto, fold, status, f1_buy, sortino,"
        + " total_return, n_trades, ece, expectancy_net, max_drawdown, created_at)"
        + " SELECT ?, ?, 'variant_' || (i % 5), 'CRYPTO' || lpad((i / 25)::text, 5, '0'), (i / 5) % 5, 'completed',"
        + " 0.5 + (i % 97) / 1000.0, (i % 13) / 10.0 - 0.6, (i % 7) / 100.0 - 0.03, 10 + i % 90, 0.05,"
        + " (i % 11) / 1000.0, -0.1 - (i % 5) / 100.0, timestamptz '2026-04-29 12:00:00+00' + i * interval '1 second'"
        + " FROM generate_series(0, ? - 1) AS i";
    try (Connection c = admin(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, runId);
      s.setString(2, factor);
      s.setInt(3, n);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot generate rows in " + admin.describe() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Ends, as {@code pg_terminate_backend} does, the one session the tool has open on this database
   * (found by its {@code application_name}, {@code dossier}), and waits until it is gone. Retries
   * for a few seconds while no such session is seen yet; fails if none shows up or it survives.
   *
   * @return the process id of the session ended
   */
  public int terminateToolSession() {
    String find = "SELECT pid FROM pg_stat_activity WHERE datname = ? AND application_name = 'dossier'"
        + " AND pid <> pg_backend_pid()";
    try (Connection c = connect(maintenance); PreparedStatement s = c.prepareStatement(find)) {
      s.setString(1, name);
      long deadline = System.nanoTime() + 10_000_000_000L;
      List<Integer> pids = pids(s);
      while (pids.size() != 1 && System.nanoTime() < deadline) {
        Thread.sleep(20);
        pids = pids(s);
      }
      if (pids.size() != 1) {
        throw new IllegalStateException("expected one session of the tool on " + name + ", found " + pids);
      }
      int pid = pids.get(0);
      try (Statement t = c.createStatement()) {
        t.execute("SELECT pg_terminate_backend(" + pid + ")");
      }
      while (pids(s).contains(pid)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("session " + pid + " on " + name + " survived pg_terminate_backend");
        }
        Thread.sleep(20);
      }
      return pid;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot terminate the tool's session on " + name + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<Integer> pids(PreparedStatement s) throws SQLException {
    List<Integer> pids = new ArrayList<>();
    try (var rs = s.executeQuery()) {
      while (rs.next()) {
        pids.add(rs.getInt(1));
      }
    }
    return pids;
  }

  /** Runs SQL (several statements are fine) as the administrator. */
  public void execute(String sql) {
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run SQL on " + admin.describe() + ": " + e.getMessage(), e);
    }
  }

  /** A read-WRITE connection as the administrator, for setting tests up. */
  public Connection admin() throws SQLException {
    return connect(admin);
  }

  /** Drops the database and the reader roles. */
  @Override
  public synchronized void close() {
    try (Connection c = connect(maintenance); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      for (String role : roles) {
        s.execute("DROP ROLE IF EXISTS " + role);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop " + name + ": " + e.getMessage(), e);
    }
  }

  private static synchronized PgSettings server() {
    if (server == null) {
      String url = System.getenv(URL_ENV);
      server = url != null && !url.isBlank()
          ? PgSettings.resolve(Optional.of(url), System.getenv(), Path.of(System.getProperty("user.home")))
          : embedded();
    }
    return server;
  }

  /**
   * Starts the embedded server. Its {@code pg_hba.conf} trusts the administrator and asks every
   * other role for its password, so that tests can see a wrong password refused.
   */
  private static PgSettings embedded() {
    try {
      Path hba = Files.createTempFile("dossier-pg_hba", ".conf");
      hba.toFile().deleteOnExit();
      Files.writeString(hba, String.join("\n",
          "local all postgres trust",
          "host all postgres 127.0.0.1/32 trust",
          "host all postgres ::1/128 trust",
          "host all all 127.0.0.1/32 scram-sha-256",
          "host all all ::1/128 scram-sha-256",
          ""));
      EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("hba_file", hba.toString()).start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          pg.close();
        } catch (IOException e) {
          // the JVM is ending; the data directory is in the temporary directory
        }
      }));
      return new PgSettings("localhost", pg.getPort(), "postgres", "postgres", Optional.empty(), Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
    }
  }

  private static Connection connect(PgSettings settings) throws SQLException {
    Properties properties = settings.properties();
    return DriverManager.getConnection("jdbc:" + settings.describe(), properties);
  }

  private static String resource(String name) {
    try (InputStream in = TestDatabase.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void metric(PreparedStatement s, int index, ResultRow row, double value) throws SQLException {
    if (!row.completed() && Double.isNaN(value)) {
      s.setNull(index, Types.DOUBLE);
    } else {
      s.setDouble(index, value);
    }
  }
}
