package dossier.cli;

import dossier.DossierException;
import dossier.source.DatabaseSource;
import dossier.source.PgSettings;
import dossier.source.ResultRow;
import dossier.source.SnapshotReader;
import dossier.spec.TrackSpec;
import dossier.spec.TrackSpec.BranchSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where rows come from: PostgreSQL when one is configured (--db, DOSSIER_DB_URL, or libpq's
 * PGHOST / PGDATABASE / PGSERVICE), else the track's committed snapshot.
 */
final class SourceOptions {
  @Option(names = "--db", paramLabel = "URL", description = "PostgreSQL to read from: postgresql://host:port/db, "
      + "jdbc:postgresql://…, or ?service=NAME. Default: DOSSIER_DB_URL, then libpq's PG* variables, ~/.pgpass "
      + "and service file.")
  String db;

  @Option(names = "--snapshot", description = "Read the committed snapshot even if a database is configured.")
  boolean snapshot;

  @Option(names = "--query", paramLabel = "FILE", description = "A SQL file of the project to read PostgreSQL with, "
      + "in place of the shipped query (and of the spec's 'query:'): a copy of sql/select_rows.sql adapted to your "
      + "table, returning the same columns.")
  Path query;

  /** The options of a command that reads rows, as picocli sets them ({@code @Mixin}). */
  SourceOptions() {}

  SourceOptions(String db, boolean snapshot) {
    this(db, snapshot, null);
  }

  SourceOptions(String db, boolean snapshot, Path query) {
    this.db = db;
    this.snapshot = snapshot;
    this.query = query;
  }

  // Say once per snapshot, not once per dossier or per pass, that no database was used.
  private final java.util.Set<Path> announced = new java.util.HashSet<>();

  /** Rows, and how to name where they came from (never with credentials). */
  record Loaded(List<ResultRow> rows, String source, boolean database) {}

  /**
   * The rows of one sweep without a spec, for {@code stats} and {@code new}: from a CSV when
   * {@code data} is given, else from the database (which then needs the run and the factor).
   *
   * @param noSource the usage error when neither is given
   */
  Loaded sweep(Path data, String run, String factor, Main main, PrintWriter err, String noSource) {
    if (data != null) {
      return new Loaded(SnapshotReader.read(data), data.toString(), false);
    }
    if (!database(main)) {
      throw DossierException.usage(noSource);
    }
    if (factor == null || run == null) {
      throw DossierException.usage("with a database and no spec, name the sweep: --factor F --run ID");
    }
    PgSettings settings = PgSettings.resolve(Optional.ofNullable(db), main.env, main.home, err::println);
    DatabaseSource.Query sql = query(Optional.empty(), main);
    return new Loaded(DatabaseSource.read(settings, sql, List.of(run), factor), describe(settings, sql, main), true);
  }

  /**
   * The query to read PostgreSQL with: --query, else the spec's {@code query:}, else the shipped one.
   * A file is one of the project's ({@link dossier.ProjectPaths}), read only when rows are read.
   */
  DatabaseSource.Query query(Optional<Path> specQuery, Main main) {
    if (query != null) {
      Path file = main.file(query);
      String what = "--query " + query;
      main.paths().toRead(file, what);
      if (!Files.exists(file)) {
        throw DossierException.usage(what + ": no such file; name a SQL file of the project (a copy of "
            + DatabaseSource.Query.DEFAULT_RESOURCE + " adapted to your table)");
      }
      return DatabaseSource.Query.of(file, shown(main, file));
    }
    return specQuery.map(file -> DatabaseSource.Query.of(file, shown(main, file)))
        .orElseGet(DatabaseSource.Query::standard);
  }

  /**
   * Reads, once, a --query that rows would be read with, so that a command over several dossiers
   * fails before any rather than each dossier with the same line: a usage error (exit 2) when it
   * names no file of the project (missing, a folder, outside it), a failure of the work when the
   * file is there but cannot be read.
   */
  void checkQuery(Main main) {
    if (query != null && database(main)) {
      query(Optional.empty(), main);
    }
  }

  /** Where the rows came from: the server (never credentials), and the table or the team's query file. */
  private static String describe(PgSettings settings, DatabaseSource.Query sql, Main main) {
    return settings.describe() + (sql.origin().equals(DatabaseSource.Query.DEFAULT_RESOURCE)
        ? ", table finetune_results" : ", query " + sql.origin());
  }

  /** Whether rows will come from a database. */
  boolean database(Main main) {
    return !snapshot && PgSettings.configured(Optional.ofNullable(db), main.env);
  }

  /** The same choice of database, or the snapshot when {@code snapshotOnly}. */
  SourceOptions withSnapshot(boolean snapshotOnly) {
    SourceOptions copy = new SourceOptions(db, snapshotOnly || snapshot, query);
    copy.announced.addAll(announced);
    return copy;
  }

  Loaded load(TrackSpec spec, Main main, PrintWriter err) {
    Optional<String> url = Optional.ofNullable(db);
    if (database(main)) {
      PgSettings settings = PgSettings.resolve(url, main.env, main.home, err::println);
      DatabaseSource.Query sql = query(spec.query(), main);
      List<ResultRow> rows = new ArrayList<>();
      for (BranchSpec b : spec.branches()) {
        rows.addAll(DatabaseSource.read(settings, sql, b.runIds(), b.factor()));
      }
      // Two branches may read the same run and factor: each row once.
      return new Loaded(rows.stream().distinct().toList(), describe(settings, sql, main), true);
    }
    Path file = spec.snapshot().orElseThrow(() -> new DossierException(spec.file()
        + ": no database is configured and the spec names no snapshot; add 'snapshot:' or pass --db"));
    String shown = shown(main, file);
    if (!snapshot) {
      if (err instanceof TaskErr later) {
        // One of several dossiers computed at once: the first in file order gives the note, as in a
        // loop over them, so whether this one does is decided when its output is written, in order.
        later.later(to -> announce(file, shown, to));
      } else {
        announce(file, shown, err);
      }
    }
    return new Loaded(SnapshotReader.read(file, shown, true), shown, false);
  }

  private void announce(Path snapshotFile, String shown, PrintWriter err) {
    if (announced.add(snapshotFile)) {
      err.println("dossier: no database configured (--db, DOSSIER_DB_URL, PGHOST); reading the snapshot " + shown);
      err.flush();
    }
  }

  static String shown(Main main, Path file) {
    Path project = main.project.toAbsolutePath().normalize();
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(project) ? project.relativize(abs).toString().replace('\\', '/') : abs.toString();
  }
}
