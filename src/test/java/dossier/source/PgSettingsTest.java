package dossier.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgSettingsTest {
  @TempDir Path home;
  private final List<String> warnings = new ArrayList<>();

  private PgSettings resolve(String url, Map<String, String> env) {
    return PgSettings.resolve(Optional.ofNullable(url), env, home, warnings::add);
  }

  private Path write(String name, String text, String permissions) throws IOException {
    Path file = home.resolve(name);
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  // ---- precedence

  @Test
  void defaultsAreLocalhostAndTheLoginName() {
    PgSettings s = resolve(null, Map.of("USER", "alice"));
    assertEquals(new PgSettings("localhost", 5432, "alice", "alice", Optional.empty(), Map.of()), s);
    assertEquals("", s.properties().getProperty("password"), "so that the driver looks for no .pgpass of its own");
  }

  @Test
  void libpqEnvironmentVariablesAreRead() {
    PgSettings s = resolve(null, Map.of("USER", "alice", "PGHOST", "db.internal", "PGPORT", "6432",
        "PGDATABASE", "sweeps", "PGUSER", "reader", "PGPASSWORD", "envpw", "PGSSLMODE", "require"));
    assertEquals(new PgSettings("db.internal", 6432, "sweeps", "reader", Optional.of("envpw"),
        Map.of("sslmode", "require")), s);
  }

  @Test
  void theDatabaseDefaultsToTheUserName() {
    assertEquals("reader", resolve(null, Map.of("USER", "alice", "PGUSER", "reader")).database());
  }

  @Test
  void urlPartsBeatTheEnvironmentAndMissingPartsComeFromIt() {
    Map<String, String> env = Map.of("PGHOST", "envhost", "PGPORT", "7000", "PGUSER", "envuser",
        "PGPASSWORD", "envpw", "PGDATABASE", "envdb");
    assertEquals(new PgSettings("urlhost", 6543, "sweeps", "bob", Optional.of("urlpw"), Map.of()),
        resolve("postgresql://bob:urlpw@urlhost:6543/sweeps", env));
    assertEquals(new PgSettings("envhost", 7000, "sweeps", "envuser", Optional.of("envpw"), Map.of()),
        resolve("postgresql:///sweeps", env));
  }

  @Test
  void dossierDbUrlIsUsedWhenNoUrlIsGivenAndDbBeatsIt() {
    Map<String, String> env = Map.of("DOSSIER_DB_URL", "postgresql://envurl/a", "USER", "alice");
    assertEquals("postgresql://envurl:5432/a", resolve(null, env).describe());
    assertEquals("postgresql://flag:5432/b", resolve("postgresql://flag/b", env).describe());
  }

  // ---- URL forms

  @Test
  void postgresSchemeAndPercentEncodingAsLibpq() {
    PgSettings s = resolve("postgres://a%40b:p%2Fw+x%3A@host/my%20db?application_name=nightly", Map.of());
    assertEquals("a@b", s.user());
    assertEquals(Optional.of("p/w+x:"), s.password());
    assertEquals("my db", s.database());
    assertEquals(Map.of("ApplicationName", "nightly"), s.parameters());
    assertTrue(s.jdbcUrl().startsWith("jdbc:postgresql://host:5432/my+db?ApplicationName=nightly&"), s.jdbcUrl());
  }

  @Test
  void aPercentEncodedPasswordMayAlsoHoldCharactersBeyondAscii() {
    // Each 'é' is two bytes of UTF-8: the decoded bytes outnumber the characters of the text.
    assertEquals(Optional.of("ééééA"), resolve("postgresql://u:éééé%41@h/d", Map.of()).password());
  }

  @Test
  void jdbcUrlsKeepTheirParametersButNotTheCredentialsNorAWritableSession() {
    PgSettings s = resolve("jdbc:postgresql://db:5433/sweeps?user=u&password=secret1&sslmode=verify-full"
        + "&readOnly=false&readOnlyMode=ignore&tcpKeepAlive=true", Map.of("PGUSER", "envuser"));
    assertEquals(new PgSettings("db", 5433, "sweeps", "u", Optional.of("secret1"),
        Map.of("sslmode", "verify-full", "tcpKeepAlive", "true")), s);
    assertEquals("jdbc:postgresql://db:5433/sweeps?ApplicationName=dossier&connectTimeout=10&loginTimeout=15"
        + "&socketTimeout=70&sslmode=verify-full&tcpKeepAlive=true&readOnly=true&readOnlyMode=always", s.jdbcUrl());
    assertEquals("u", s.properties().getProperty("user"));
    assertEquals("secret1", s.properties().getProperty("password"));
  }

  @Test
  void jdbcShortForms() {
    assertEquals("postgresql://localhost:5432/mydb", resolve("jdbc:postgresql:mydb", Map.of("USER", "a")).describe());
    assertEquals("postgresql://localhost:5432/a", resolve("jdbc:postgresql:/", Map.of("USER", "a")).describe());
  }

  @Test
  void ipv6HostsKeepTheirBrackets() {
    PgSettings s = resolve("postgresql://[::1]:5433/db", Map.of("USER", "a"));
    assertEquals("::1", s.host());
    assertEquals("postgresql://[::1]:5433/db", s.describe());
    assertTrue(s.jdbcUrl().startsWith("jdbc:postgresql://[::1]:5433/db?"));
  }

  @Test
  void libpqKeywordForm() {
    PgSettings s = resolve("host=h port=5444 dbname='my db' user=u password='it\\'s a secret'", Map.of());
    assertEquals(new PgSettings("h", 5444, "my db", "u", Optional.of("it's a secret"), Map.of()), s);
  }

  @Test
  void explicitTimeoutsWinOverTheDefaults() {
    String url = resolve("postgresql://h/db?connect_timeout=3", Map.of("USER", "a")).jdbcUrl();
    assertTrue(url.contains("connectTimeout=3&") && !url.contains("connectTimeout=10"), url);
  }

  @Test
  void theStatementTimeoutComesFromTheEnvironmentAndSetsTheSocketTimeout() {
    Map<String, String> env = new java.util.HashMap<>(Map.of("USER", "a"));
    PgSettings standard = resolve("postgresql://h/db", env);
    assertEquals(java.time.Duration.ofSeconds(60), standard.statementTimeout());
    assertEquals("1 min", standard.statementTimeoutText());
    // The server answers within the statement timeout; a socket silent 10 s longer is a dead network.
    assertTrue(standard.jdbcUrl().contains("&socketTimeout=70&"), standard.jdbcUrl());

    for (var c : Map.of("90", "90 s", "500ms", "500 ms", "1500ms", "1500 ms", " 5min ", "5 min", "2h", "120 min",
        "45s", "45 s").entrySet()) {
      env.put(PgSettings.STATEMENT_TIMEOUT_ENV, c.getKey());
      assertEquals(c.getValue(), resolve("postgresql://h/db", env).statementTimeoutText(), c.getKey());
    }
    env.put(PgSettings.STATEMENT_TIMEOUT_ENV, "1500ms");
    assertTrue(resolve("postgresql://h/db", env).jdbcUrl().contains("&socketTimeout=12&"));
    // A socket timeout given explicitly wins; with no statement timeout there is none by default.
    assertTrue(resolve("jdbc:postgresql://h/db?socketTimeout=5", env).jdbcUrl().contains("&socketTimeout=5&"));
    env.put(PgSettings.STATEMENT_TIMEOUT_ENV, "0");
    PgSettings none = resolve("postgresql://h/db", env);
    assertEquals(java.time.Duration.ZERO, none.statementTimeout());
    assertEquals("none", none.statementTimeoutText());
    assertFalse(none.jdbcUrl().contains("socketTimeout"), none.jdbcUrl());

    for (String bad : List.of("soon", "-1", "1.5s", "10 days", "597h", "9999999999")) {
      env.put(PgSettings.STATEMENT_TIMEOUT_ENV, bad);
      DossierException e = assertThrows(DossierException.class, () -> resolve("postgresql://h/db", env), bad);
      assertEquals(DossierException.USAGE, e.exitCode());
      assertTrue(e.getMessage().startsWith("DOSSIER_STATEMENT_TIMEOUT '" + bad + "' is not a timeout; "), e.getMessage());
    }
  }

  // ---- service file

  @Test
  void aServiceEntrySitsBetweenTheUrlAndTheEnvironment() throws IOException {
    write(".pg_service.conf", String.join("\n",
        "# shared by the team",
        "[other]", "host=wrong",
        "[prod]", "host=svchost", "port=7000", "dbname=svcdb", "user=svcuser", "sslmode=require",
        "[later]", "host=wrong2", ""), "rw-r--r--");
    Map<String, String> env = Map.of("PGHOST", "envhost", "PGPORT", "8000", "PGDATABASE", "envdb", "PGUSER", "envuser");
    assertEquals(new PgSettings("svchost", 7000, "svcdb", "svcuser", Optional.empty(), Map.of("sslmode", "require")),
        resolve("service=prod", env));
    assertEquals(resolve("service=prod", env), resolve("?service=prod", env));
    assertEquals(resolve("service=prod", env), resolve(null, plus(env, "PGSERVICE", "prod")));
    PgSettings mixed = resolve("postgresql://urlhost?service=prod", env);
    assertEquals("postgresql://urlhost:7000/svcdb", mixed.describe());
    assertEquals("svcuser", mixed.user());
  }

  @Test
  void serviceFileFromPgServiceFileElseThePgSysConfDir() throws IOException {
    Path own = write("team.conf", "[a]\nhost=from-team-file\n", "rw-------");
    Path etc = Files.createDirectories(home.resolve("etc"));
    Files.writeString(etc.resolve("pg_service.conf"), "[a]\nhost=from-system\n[b]\nhost=system-b\n");
    write(".pg_service.conf", "[a]\nhost=from-home\n", "rw-------");
    Map<String, String> env = Map.of("USER", "u", "PGSERVICEFILE", own.toString(), "PGSYSCONFDIR", etc.toString());
    assertEquals("from-team-file", resolve("service=a", env).host());
    assertEquals("system-b", resolve("service=b", env).host());
    assertEquals("from-home", resolve("service=a", Map.of("USER", "u", "PGSYSCONFDIR", etc.toString())).host());
  }

  @Test
  void anUndefinedServiceIsAUsageError() {
    DossierException e = assertThrows(DossierException.class, () -> resolve("service=nope", Map.of()));
    assertEquals(DossierException.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("service 'nope' is not defined in " + home.resolve(".pg_service.conf")), e.getMessage());
  }

  // ---- password file

  @Test
  void passwordFileFirstMatchWinsWithWildcards() throws IOException {
    write(".pgpass", String.join("\n",
        "# host:port:database:user:password",
        "other:5432:*:*:no",
        "db:*:sweeps:reader:first",
        "*:*:*:reader:second",
        ""), "rw-------");
    assertEquals(Optional.of("first"), resolve("postgresql://reader@db/sweeps", Map.of()).password());
    assertEquals(Optional.of("second"), resolve("postgresql://reader@db/other", Map.of()).password());
    assertEquals(Optional.empty(), resolve("postgresql://writer@db/sweeps", Map.of()).password());
    assertTrue(warnings.isEmpty(), warnings.toString());
  }

  @Test
  void passwordFileEscapes() throws IOException {
    write(".pgpass", "db:5432:we\\:ird\\\\db:u:pa\\:ss\\\\word:ignored\n", "rw-------");
    assertEquals(Optional.of("pa:ss\\word"), resolve("postgresql://u@db/we%3Aird%5Cdb", Map.of()).password());
    assertEquals(Optional.empty(), resolve("postgresql://u@db/we", Map.of()).password());
  }

  @Test
  void aPasswordFileOthersCanReadIsIgnoredWithAWarning() throws IOException {
    Path file = write(".pgpass", "*:*:*:*:leaked\n", "rw-r--r--");
    assertEquals(Optional.empty(), resolve("postgresql://u@db/x", Map.of()).password());
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains(file + "\" has group or world access"), warnings.get(0));
  }

  @Test
  void passwordPrecedenceUrlThenPgPasswordThenPgPassFile() throws IOException {
    Path file = write("elsewhere", "*:*:*:*:fromfile\n", "rw-------");
    write(".pgpass", "*:*:*:*:fromhome\n", "rw-------");
    assertEquals(Optional.of("fromhome"), resolve("postgresql://u@h/d", Map.of()).password());
    assertEquals(Optional.of("fromfile"), resolve("postgresql://u@h/d", Map.of("PGPASSFILE", file.toString())).password());
    assertEquals(Optional.of("env"), resolve("postgresql://u@h/d", Map.of("PGPASSWORD", "env")).password());
    assertEquals(Optional.of("url"), resolve("postgresql://u:url@h/d", Map.of("PGPASSWORD", "env")).password());
  }

  @Test
  void homeIsTheHomeVariableAsForLibpqElseTheSystemsHome(@TempDir Path other) throws IOException {
    write(".pgpass", "*:*:*:*:from-system-home\n", "rw-------");
    Path pgpass = other.resolve(".pgpass");
    Files.writeString(pgpass, "*:*:*:*:from-HOME\n");
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(other.resolve(".pg_service.conf"), "[a]\nhost=service-in-HOME\n");
    Map<String, String> env = Map.of("HOME", other.toString());
    assertEquals(Optional.of("from-HOME"), resolve("postgresql://u@h/d", env).password());
    assertEquals("service-in-HOME", resolve("service=a", env).host());
    assertEquals(Optional.of("from-system-home"), resolve("postgresql://u@h/d", Map.of("HOME", "")).password(),
        "an empty HOME is no HOME, as for libpq");
    assertEquals(Optional.of("from-system-home"), resolve("postgresql://u@h/d", Map.of()).password());
    assertTrue(warnings.isEmpty(), warnings.toString());
  }

  // ---- what can be shown

  @Test
  void noPasswordInDescribeJdbcUrlOrToString() throws IOException {
    write(".pgpass", "*:*:*:*:Pgpass-Secret\n", "rw-------");
    for (PgSettings s : List.of(
        resolve("postgresql://u:Url-Secret@h:5433/d?sslmode=require", Map.of()),
        resolve("jdbc:postgresql://h/d?password=Url-Secret&sslpassword=Key-Secret", Map.of("USER", "u")),
        resolve(null, Map.of("PGHOST", "h", "PGUSER", "u", "PGPASSWORD", "Env-Secret")),
        resolve("postgresql://u@h/d", Map.of()))) {
      for (String shown : List.of(s.describe(), s.jdbcUrl(), s.toString())) {
        assertFalse(shown.matches("(?s).*(Secret|password).*"), shown);
      }
      assertTrue(s.jdbcUrl().endsWith("&readOnly=true&readOnlyMode=always"), s.jdbcUrl());
      assertTrue(s.password().isPresent());
    }
  }

  @Test
  void configuredOnlyWhenAUrlOrAHostDatabaseOrServiceIsSet() {
    assertFalse(PgSettings.configured(Optional.empty(), Map.of("USER", "a", "PGUSER", "b", "PGPASSWORD", "c")));
    assertFalse(PgSettings.configured(Optional.of(" "), Map.of("PGHOST", "")));
    assertTrue(PgSettings.configured(Optional.of("postgresql://h/d"), Map.of()));
    for (String name : List.of("DOSSIER_DB_URL", "PGHOST", "PGDATABASE", "PGSERVICE")) {
      assertTrue(PgSettings.configured(Optional.empty(), Map.of(name, "x")), name);
    }
  }

  // ---- mistakes

  @Test
  void malformedSettingsAreUsageErrorsThatDoNotQuoteAUrlThatMayHoldAPassword() {
    String secret = "--db (not quoted: it may hold a password): ";
    Map<String, String> messages = new java.util.LinkedHashMap<>();
    messages.put("postgresql://u:Top-Secret@h:port/d", secret + "port is not a number from 1 to 65535");
    messages.put("postgresql://u:Top%zzSecret@h/d", secret + "invalid percent-encoding in the password; write % as %25");
    messages.put("postgresql://u:Top@Secret@h/d", secret + "an '@' after the user name and password, or after a '/'; "
        + "in a user name, password or database name write '@' as %40, ':' as %3A and '/' as %2F");
    messages.put("postgresql://u:Top/Secret@h/d", secret + "an '@' after the user name and password, or after a '/'; "
        + "in a user name, password or database name write '@' as %40, ':' as %3A and '/' as %2F");
    messages.put("postgresql://u:Top-Secret", secret + "port is not a number from 1 to 65535");
    messages.put("postgresql://u:Top-Secret@h/d?colour=blue", secret + "unknown parameter; known: host, hostaddr, port, "
        + "dbname, user, password, service, passfile, application_name, connect_timeout, gssencmode, options, "
        + "sslcert, sslkey, sslmode, sslrootcert");
    messages.put("mysql://u:Top-Secret@h/d", secret + "not a PostgreSQL URL; write postgresql://user@host:port/database, "
        + "jdbc:postgresql://host:port/database or service=name");
    messages.put("postgresql://u:Top-Secret@h/d?sslmode=sometimes",
        secret + "sslmode is not one of allow, disable, prefer, require, verify-ca, verify-full");
    messages.put("jdbc:postgresql://h1,h2/d?password=Top-Secret", secret + "several hosts are not supported; name one host");
    messages.put("postgresql://h/d?password=Top&Secret", secret + "a parameter has no '=value'; write '&' in a password as %26");
    messages.put("host=h password=Top Secret", secret + "a keyword has no '=value'; quote a password that holds a space: "
        + "password='a b'");
    messages.put("host=h password='Top Secret", secret + "the quoted value of a keyword has no closing quote");
    // Without a password, the value is quoted.
    String plain = "--db 'postgresql://u@h:5432/d%zz?colour=blue': ";
    messages.put("postgresql://u@h:5432/d%zz?colour=blue", plain + "invalid percent-encoding in the database name 'd%zz'; "
        + "write % as %25");
    messages.put("postgresql://u@h/d?colour=blue", "--db 'postgresql://u@h/d?colour=blue': unknown parameter 'colour'; "
        + "known: host, hostaddr, port, dbname, user, password, service, passfile, application_name, connect_timeout, "
        + "gssencmode, options, sslcert, sslkey, sslmode, sslrootcert");
    messages.put("postgresql://h/d?sslmode", "--db 'postgresql://h/d?sslmode': a parameter 'sslmode' has no '=value'");
    // What follows an IPv6 address is no port: such a URL is treated as one that may hold a password.
    messages.put("postgresql://[::1]x/d", secret + "unexpected text after the host; "
        + "write postgresql://user@host:port/database?key=value");
    messages.put("host=h port=x", "--db 'host=h port=x': port 'x' is not a number from 1 to 65535");
    messages.forEach((url, message) -> {
      DossierException e = assertThrows(DossierException.class, () -> resolve(url, Map.of()), url);
      assertEquals(DossierException.USAGE, e.exitCode(), url);
      assertEquals(message, e.getMessage(), url);
    });
    DossierException e = assertThrows(DossierException.class, () -> resolve(null, Map.of("PGPORT", "65536")));
    assertEquals("PGPORT: port '65536' is not a number from 1 to 65535", e.getMessage());
  }

  @Test
  void aUnixSocketHostIsRefusedWithAHint() {
    DossierException e = assertThrows(DossierException.class,
        () -> resolve(null, Map.of("PGHOST", "/var/run/postgresql")));
    assertEquals(DossierException.USAGE, e.exitCode());
    assertTrue(e.getMessage().startsWith("PGHOST: host '/var/run/postgresql' is a Unix-domain socket"), e.getMessage());
  }

  private static Map<String, String> plus(Map<String, String> env, String key, String value) {
    Map<String, String> more = new java.util.HashMap<>(env);
    more.put(key, value);
    return more;
  }
}
