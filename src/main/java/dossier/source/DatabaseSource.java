package dossier.source;

import dossier.DossierException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.postgresql.util.PSQLException;

/**
 * Reads the rows of some runs of one factor from PostgreSQL, read-only, with one query.
 *
 * <p>The query selects the columns of {@link Columns#ALL} (by those names) and takes two
 * parameters: the run ids as a {@code text[]}, then the factor. The default is {@code
 * sql/select_rows.sql}; a team whose table differs adapts a copy of it ({@link Query#of(Path)}).
 */
public final class DatabaseSource {
  // The driver fetches rows in batches of this size instead of buffering the whole result of a large sweep.
  private static final int FETCH_SIZE = 1000;

  /** A query and where it came from, so that errors can say which file to fix. */
  public record Query(String origin, String sql) {
    public static final String DEFAULT_RESOURCE = "sql/select_rows.sql";

    /** The query shipped with the tool, for the schema of {@code sql/finetune_results.sql}. */
    public static Query standard() {
      try (InputStream in = DatabaseSource.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the class path");
        }
        return new Query(DEFAULT_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
      }
    }

    /** A team's own query file. */
    public static Query of(Path file) {
      return of(file, file.toString());
    }

    /** A team's own query file, named in errors as {@code shown} (relative to the project). */
    public static Query of(Path file, String shown) {
      try {
        return new Query(shown, Files.readString(file, StandardCharsets.UTF_8));
      } catch (CharacterCodingException e) {
        throw new DossierException(shown + ": the query is not UTF-8 text; save the file as UTF-8", e);
      } catch (AccessDeniedException e) {
        throw new DossierException(shown + ": cannot read the query: permission denied; make the file readable", e);
      } catch (IOException e) {
        throw new DossierException(shown + ": cannot read the query: " + e.getMessage(), e);
      }
    }
  }

  private DatabaseSource() {}

  /** The rows of {@code runIds} and {@code factor}, with the query shipped with the tool. */
  public static List<ResultRow> read(PgSettings settings, List<String> runIds, String factor) {
    return read(settings, Query.standard(), runIds, factor);
  }

  /**
   * The rows {@code query} returns for {@code runIds} and {@code factor}, in the query's order.
   *
   * @throws DossierException when the server cannot be reached, refuses the login, or the query
   *     does not fit the table; the message names the server (never the password) and what to fix
   */
  public static List<ResultRow> read(PgSettings settings, Query query, List<String> runIds, String factor) {
    try (Connection connection = open(settings);
        PreparedStatement statement = prepare(connection, settings, query, runIds, factor);
        ResultSet rs = statement.executeQuery()) {
      checkColumns(rs.getMetaData(), settings, query);
      List<ResultRow> rows = new ArrayList<>();
      Attempts attempts = new Attempts(); // the snapshot's rule: a snapshot of these rows must read back
      while (rs.next()) {
        ResultRow row = row(rs, settings, query);
        Optional<Attempts.Duplicate> twice = attempts.add(row);
        if (twice.isPresent()) {
          throw new DossierException(query.origin() + " at " + settings.describe() + ": "
              + twice.get().message("twice", "the table"));
        }
        rows.add(row);
      }
      return List.copyOf(rows);
    } catch (SQLException e) {
      throw failure(e, settings, query);
    }
  }

  /** Opens and closes a connection: whether the server can be reached with these settings. */
  public static void ping(PgSettings settings) {
    try (Connection c = open(settings)) {
      c.rollback();
    } catch (SQLException e) {
      throw new DossierException("cannot talk to PostgreSQL at " + settings.describe() + ": " + e.getMessage(), e);
    }
  }

  /**
   * A connection opened the tool's way: read-only three times over (URL parameters, {@code
   * setReadOnly}, a transaction never committed), so a query, or a mistake, cannot write; and the
   * transaction's statements limited to {@link PgSettings#statementTimeout()}.
   */
  static Connection open(PgSettings settings) {
    try {
      Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.properties());
      try {
        connection.setAutoCommit(false); // also needed for the fetch size to take effect
        connection.setReadOnly(true);
        if (!settings.statementTimeout().isZero()) {
          // SET LOCAL, as a function so that the value is a parameter: it lasts as long as the
          // read-only transaction, and works through a pooler that keeps no session settings.
          try (PreparedStatement set = connection.prepareStatement("SELECT set_config('statement_timeout', ?, true)")) {
            set.setString(1, Long.toString(settings.statementTimeout().toMillis()));
            set.execute();
          }
        }
        return connection;
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
    } catch (SQLException e) {
      String state = String.valueOf(e.getSQLState());
      String reason = reason(e, settings);
      String advice = "check --db, DOSSIER_DB_URL or PGHOST/PGPORT";
      if (settings.password().isEmpty() && (state.startsWith("28") || state.equals("08004"))) {
        // The driver was given an empty password (see PgSettings#properties) and says so.
        reason = "the server asks user " + settings.user() + " for a password and none was found";
        advice = "set PGPASSWORD, or add host:port:database:user:password to ~/.pgpass (mode 0600)";
      } else if (state.startsWith("28")) { // invalid authorization
        advice = "check user " + settings.user() + " and its password (PGPASSWORD, ~/.pgpass or the service file)";
      } else if (state.equals("3D000")) { // invalid catalog name
        advice = "check the database name in --db, DOSSIER_DB_URL or PGDATABASE";
      }
      throw new DossierException(String.format(Locale.ROOT, "cannot connect to PostgreSQL at %s: %s; %s",
          settings.describe(), reason, advice), e);
    }
  }

  private static PreparedStatement prepare(
      Connection connection, PgSettings settings, Query query, List<String> runIds, String factor)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(query.sql());
    try {
      statement.setFetchSize(FETCH_SIZE);
      statement.setArray(1, connection.createArrayOf("text", runIds.toArray()));
      statement.setString(2, factor);
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw new DossierException(String.format(Locale.ROOT,
          "%s: the query must take two parameters, the run ids (text[]) then the factor: %s",
          query.origin(), reason(e, settings)), e);
    }
  }

  // A team's query may alias its columns wrongly; say which name is missing, not "column not found".
  private static void checkColumns(ResultSetMetaData meta, PgSettings settings, Query query) throws SQLException {
    Set<String> labels = new HashSet<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      labels.add(meta.getColumnLabel(i));
    }
    List<String> missing = Columns.ALL.stream().filter(c -> !labels.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new DossierException(String.format(Locale.ROOT,
          "%s at %s: the query returns no column %s; select it AS %s (expected: %s)",
          query.origin(), settings.describe(), String.join(", ", missing), missing.get(0),
          String.join(", ", Columns.ALL)));
    }
  }

  private static ResultRow row(ResultSet rs, PgSettings settings, Query query) throws SQLException {
    Row r = new Row(rs, settings, query);
    return new ResultRow(
        r.text("run_id"),
        r.text("factor"),
        r.text("variant"),
        r.text("crypto"),
        r.count("fold", true),
        r.text("status"),
        r.metric("f1_buy"),
        r.metric("sortino"),
        r.metric("total_return"),
        r.count("n_trades", false),
        r.metric("ece"),
        r.metric("expectancy_net"),
        r.metric("max_drawdown"),
        r.createdAt());
  }

  /** Typed access to the current row, with errors naming the column and the row. */
  private record Row(ResultSet rs, PgSettings settings, Query query) {
    String text(String column) throws SQLException {
      String value = rs.getString(column);
      if (value == null || value.isBlank()) {
        throw bad(column, value == null ? "NULL" : "empty", "every row needs one");
      }
      return value;
    }

    int count(String column, boolean required) throws SQLException {
      int value = rs.getInt(column);
      if (rs.wasNull()) {
        if (required) {
          throw bad(column, "NULL", "every row needs one");
        }
        return 0; // an attempt that never traded, or never finished
      }
      if (value < 0) {
        throw bad(column, Integer.toString(value), "it must be ≥ 0");
      }
      return value;
    }

    double metric(String column) throws SQLException {
      double value = rs.getDouble(column);
      return rs.wasNull() ? Double.NaN : value; // not computed, as an empty snapshot cell
    }

    java.time.Instant createdAt() throws SQLException {
      OffsetDateTime value;
      try {
        value = rs.getObject("created_at", OffsetDateTime.class);
      } catch (SQLException e) {
        throw new DossierException(String.format(Locale.ROOT,
            "%s at %s: created_at cannot be read as a timestamp with time zone (%s); "
                + "select it as timestamptz, e.g. created_at AT TIME ZONE 'UTC' for a timestamp in UTC",
            query.origin(), settings.describe(), e.getMessage()), e);
      }
      if (value == null) {
        throw bad("created_at", "NULL", "every row needs one");
      }
      return value.toInstant();
    }

    private DossierException bad(String column, String value, String why) throws SQLException {
      return new DossierException(String.format(Locale.ROOT,
          "%s at %s: column %s is %s for run_id=%s variant=%s crypto=%s fold=%s; %s",
          query.origin(), settings.describe(), column, value,
          rs.getString("run_id"), rs.getString("variant"), rs.getString("crypto"), rs.getString("fold"), why));
    }
  }

  private static DossierException failure(SQLException e, PgSettings settings, Query query) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = query.origin() + " at " + settings.describe();
    String fix = switch (state) {
      case "42703" -> "; the query must return the columns " + String.join(", ", Columns.ALL)
          + ": add the missing one to the table (sql/finetune_results.sql), or adapt a copy of "
          + Query.DEFAULT_RESOURCE + " to your column names (select yours AS these)";
      case "42P01" -> "; create the table with sql/finetune_results.sql, or adapt the query to your table";
      case "25006" -> "; the tool reads over a read-only session: the query must only read";
      case "42501" -> "; grant SELECT on the table to user " + settings.user() + " (see sql/finetune_results.sql)";
      case "57014" -> String.format(Locale.ROOT, "; the statement timeout is %s: set %s longer (e.g. 5min; "
          + "0 leaves it to the server), or see why the query is slow (a lock held on the table, "
          + "the index of sql/finetune_results.sql missing)", settings.statementTimeout().isZero()
              ? "the server's (" + PgSettings.STATEMENT_TIMEOUT_ENV + "=0)" : settings.statementTimeoutText(),
          PgSettings.STATEMENT_TIMEOUT_ENV);
      default -> e.getCause() instanceof java.net.SocketTimeoutException
          ? "; the server sent nothing for longer than the socket timeout (the network failed, "
              + "or the server hangs): try again"
          : state.startsWith("08") || state.startsWith("57P")
              ? "; the connection was lost before every row was read (the server ended the session, "
                  + "or the network failed): try again"
              : "";
    };
    return new DossierException(where + ": " + reason(e, settings) + fix, e);
  }

  /** The driver's own words, first line only, with the password taken out should it appear. */
  private static String reason(SQLException e, PgSettings settings) {
    String message = e instanceof PSQLException p && p.getServerErrorMessage() != null
        ? p.getServerErrorMessage().getMessage()
        : String.valueOf(e.getMessage());
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      message += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    }
    message = message.lines().findFirst().orElse("").strip();
    for (String secret : settings.password().stream().toList()) {
      message = message.replace(secret, "***");
    }
    return message;
  }
}
