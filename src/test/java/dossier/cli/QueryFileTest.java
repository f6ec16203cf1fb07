package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.TestDatabase;
import dossier.source.Columns;
import dossier.source.SnapshotReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's own query ({@code --query FILE}, the spec's {@code query:}): its table has other column
 * names, and a SQL file of the project renames them; it runs read-only, under the statement
 * timeout, and a missing column is named.
 */
class QueryFileTest {
  private static final String DOSSIER = "dossiers/2026-04-29-track6-focal-loss-results.md";
  private static final String SPEC = "dossiers/track6.yaml";

  /** The team's table: the sweep's rows under the team's own names. No finetune_results any more. */
  private static final String RENAME = "ALTER TABLE finetune_results RENAME TO team_runs;"
      + " ALTER TABLE team_runs RENAME COLUMN run_id TO run;"
      + " ALTER TABLE team_runs RENAME COLUMN f1_buy TO f1;"
      + " ALTER TABLE team_runs RENAME COLUMN created_at TO finished_at";

  /** The team's query: the shipped one with the team's names selected AS the documented ones. */
  private static final String QUERY = """
      -- Our table, team_runs, in the columns dossier expects.
      SELECT run AS run_id, factor, variant, crypto, fold, status, f1 AS f1_buy, sortino, total_return,
             n_trades, ece, expectancy_net, max_drawdown, finished_at AS created_at
        FROM team_runs
       WHERE run = ANY (?) AND factor = ?
       ORDER BY run COLLATE "C", variant COLLATE "C", crypto COLLATE "C", fold, finished_at
      """;

  private static TestDatabase database;

  @TempDir Path project;
  @TempDir Path home;

  @BeforeAll
  static void table() {
    database = TestDatabase.create();
    database.insert(SnapshotReader.read(Projects.REPO.resolve("dossiers/data/track6-focal-loss.csv")));
    database.execute(RENAME);
  }

  @AfterAll
  static void drop() {
    database.close();
  }

  @BeforeEach
  void copy() throws IOException {
    Projects.copy(project);
    Files.createDirectories(project.resolve("sql"));
    write("sql/team.sql", QUERY);
  }

  private void write(String path, String text) throws IOException {
    Files.writeString(project.resolve(path), text, StandardCharsets.UTF_8);
  }

  /** The command run in the project's folder, as a user there runs it: --query is relative to it. */
  private Run dossier(String... args) {
    return dossier(Map.of("DOSSIER_DB_URL", database.url()), args);
  }

  private Run dossier(Map<String, String> env, String... args) {
    return Run.in(project, env, home, args);
  }

  @Test
  void theTeamsQueryReadsItsTableAndGivesTheSameNumbers() throws IOException {
    // The shipped query finds no finetune_results here: the rows can only come through the team's.
    Run shipped = dossier("check", DOSSIER);
    assertEquals(3, shipped.exit(), shipped.err());
    assertTrue(shipped.err().contains("relation \"finetune_results\" does not exist"), shipped.err());

    Run check = dossier("check", "--query", "sql/team.sql", DOSSIER);
    assertEquals(0, check.exit(), check.out() + check.err());
    assertEquals("current " + DOSSIER + "\n", check.out());

    Path out = project.resolve("dossiers/from-team.md");
    Run generate = dossier("generate", "track6", "--query", "sql/team.sql", "--out", out.toString());
    assertEquals(0, generate.exit(), generate.err());
    String made = Files.readString(out);
    // The footer names the query the rows came through; the numbers are the snapshot's.
    assertTrue(made.matches("(?s).*rows from PostgreSQL at postgresql://[^ ]+, query sql/team\\.sql \\(125 rows;.*"),
        made);
    String provenanceChecksum = "(<!-- dossier:end provenance) sha1:[0-9a-f]+";
    assertEquals(Files.readString(project.resolve(DOSSIER)).replaceFirst(provenanceChecksum, "$1"), made.replaceFirst(
        "rows from PostgreSQL at postgresql://[^ ]+, query sql/team\\.sql",
        "rows from the snapshot `dossiers/data/track6-focal-loss.csv`").replaceFirst(provenanceChecksum, "$1"));

    // A relative --query is the user's path, from the folder the command runs in.
    Run stats = Run.in(project.resolve("sql"), Map.of("DOSSIER_DB_URL", database.url()), home, "-C",
        project.toString(), "stats", "track6", "--query", "team.sql", "--format", "json");
    assertEquals(0, stats.exit(), stats.err());
    assertTrue(stats.out().contains("\"mean_delta\": -0.0697"), stats.out());
  }

  @Test
  void theSpecsQueryKeyNamesItForEveryCommand() throws IOException {
    String spec = Files.readString(project.resolve(SPEC));
    write(SPEC, spec.replace("snapshot: data/track6-focal-loss.csv\n",
        "snapshot: data/track6-focal-loss.csv\nquery: ../sql/team.sql\n"));
    Run check = dossier("check", DOSSIER);
    assertEquals(0, check.exit(), check.out() + check.err());

    // --query wins over the spec's.
    write("sql/other.sql", QUERY.replace("f1 AS f1_buy", "f1 + 0.5 AS f1_buy"));
    Run other = dossier("check", "--query", "sql/other.sql", DOSSIER);
    assertEquals(1, other.exit(), other.err());

    // A spec naming a query that is not there: its line, for everyone, database or not.
    write(SPEC, spec.replace("snapshot: data/track6-focal-loss.csv\n",
        "snapshot: data/track6-focal-loss.csv\nquery: ../sql/tema.sql\n"));
    Run missing = dossier(Map.of(), "check", DOSSIER);
    assertEquals(3, missing.exit(), missing.err());
    assertEquals("dossier: dossiers/track6.yaml:11: 'query' names ../sql/tema.sql, which does not exist; write the"
        + " query there (a copy of sql/select_rows.sql adapted to your table), or remove 'query:'\n", missing.err());
  }

  @Test
  void aCommitOfTheSpecsQueryAloneChecksItsDossier() throws IOException {
    String spec = Files.readString(project.resolve(SPEC));
    write(SPEC, spec.replace("snapshot: data/track6-focal-loss.csv\n",
        "snapshot: data/track6-focal-loss.csv\nquery: ../sql/team.sql\n"));
    git("init", "-q");
    git("config", "user.email", "test@example.org");
    git("config", "user.name", "test");
    git("config", "commit.gpgsign", "false");
    git("add", "-A");
    git("commit", "-q", "-m", "dossiers and the team's query");
    assertEquals(0, Run.offline(home, "-C", project.toString(), "hook", "install").exit());

    // The query now reads another metric as f1_buy: only the .sql file is staged.
    write("sql/team.sql", QUERY.replace("f1 AS f1_buy", "f1 + 0.5 AS f1_buy"));
    git("add", "sql/team.sql");
    String[] commit = gitResult("commit", "-q", "-m", "read f1 differently");
    assertEquals("1", commit[0], commit[1]);
    assertTrue(commit[1].contains("have been refreshed in the working tree; review these files, stage them (git add),"
        + " and commit again:\n  " + DOSSIER + "\n"), commit[1]);
  }

  private void git(String... args) {
    String[] r = gitResult(args);
    assertEquals("0", r[0], "git " + String.join(" ", args) + ": " + r[1]);
  }

  /** {exit code, output} of git in the project, with the test database configured, as the hook sees it. */
  private String[] gitResult(String... args) {
    try {
      ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of("git"), Stream.of(args)).toList())
          .directory(project.toFile()).redirectErrorStream(true);
      pb.environment().put("HOME", home.toString());
      pb.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("DOSSIER_"));
      pb.environment().put("DOSSIER_DB_URL", database.url());
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new String[] {Integer.toString(p.waitFor()), out};
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aQueryThatLacksAColumnIsNamedWithTheColumn() throws IOException {
    write("sql/team.sql", QUERY.replace("f1 AS f1_buy", "f1"));
    Run r = dossier("generate", "track6", "--query", "sql/team.sql", "--out", "dossiers/x.md");
    assertEquals(1, r.exit(), r.err());
    assertEquals("dossier: sql/team.sql at " + database.settings().describe() + ": the query returns no column f1_buy;"
        + " select it AS f1_buy (expected: " + String.join(", ", Columns.ALL) + ")\n", r.err());
    assertTrue(Files.notExists(project.resolve("dossiers/x.md")));
  }

  @Test
  void theQueryRunsReadOnlyAndUnderTheStatementTimeout() throws IOException {
    write("sql/writes.sql", "WITH gone AS (DELETE FROM team_runs RETURNING *) " + QUERY.replace("FROM team_runs",
        "FROM team_runs, (SELECT count(*) FROM gone) g"));
    Run writes = dossier("check", "--query", "sql/writes.sql", DOSSIER);
    assertEquals(3, writes.exit(), writes.err());
    assertTrue(writes.err().contains(" in a read-only transaction; the tool reads over a read-only session: the query"
        + " must only read\n"), writes.err());

    write("sql/slow.sql", QUERY.replace("FROM team_runs", "FROM team_runs, pg_sleep(5) s"));
    Run slow = dossier(Map.of("DOSSIER_DB_URL", database.url(), "DOSSIER_STATEMENT_TIMEOUT", "200ms"),
        "check", "--query", "sql/slow.sql", DOSSIER);
    assertEquals(3, slow.exit(), slow.err());
    assertTrue(slow.err().contains("canceling statement due to statement timeout; the statement timeout is 200 ms:"),
        slow.err());
    assertEquals(0, dossier("check", "--query", "sql/team.sql", DOSSIER).exit(), "every row still there");
  }

  @Test
  void theQueryFileIsAFileOfTheProject() throws IOException {
    Path outside = home.resolve("outside.sql");
    Files.writeString(outside, QUERY);
    Run r = dossier("stats", "track6", "--query", outside.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().startsWith("dossier: --query " + outside + " is outside the project"), r.err());

    Files.createSymbolicLink(project.resolve("sql/link.sql"), outside);
    Run link = dossier("stats", "track6", "--query", "sql/link.sql");
    assertEquals(2, link.exit(), link.err());
    assertTrue(link.err().startsWith("dossier: --query sql/link.sql is outside the project (its real path is "),
        link.err());

    Files.createDirectories(project.resolve(".git"));
    Files.writeString(project.resolve(".git/q.sql"), QUERY);
    Run git = dossier("stats", "track6", "--query", ".git/q.sql");
    assertTrue(git.err().startsWith("dossier: --query .git/q.sql is inside the repository's .git folder"), git.err());

    // A bad --query is the command line's fault, not a dossier's: check says it once, exit 2, as
    // every other command does, before it reads any dossier.
    Run folder = dossier("check", "--query", "sql", DOSSIER);
    assertEquals(2, folder.exit(), folder.err());
    assertEquals("dossier: --query sql is a folder; name a file\n", folder.err());
    assertEquals("", folder.out());
    Run none = dossier("check", "--query", "sql/nope.sql");
    assertEquals(2, none.exit(), none.err());
    assertTrue(none.err().startsWith("dossier: --query sql/nope.sql: no such file;"), none.err());

    Run missing = dossier("stats", "track6", "--query", "sql/nope.sql");
    assertEquals(2, missing.exit(), missing.err());
    assertEquals("dossier: --query sql/nope.sql: no such file; name a SQL file of the project (a copy of"
        + " sql/select_rows.sql adapted to your table)\n", missing.err());
  }
}
