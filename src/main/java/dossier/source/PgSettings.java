package dossier.source;

import dossier.DossierException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the PostgreSQL results live, resolved the way libpq (and so psql) resolves it.
 *
 * <p>The JDBC driver (pgjdbc 42.7) reads {@code ?service=} from a service file and a missing
 * password from {@code .pgpass}, but none of {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE},
 * {@code PGUSER}, {@code PGPASSWORD}, so a team whose psql works would otherwise have to spell its
 * connection out again. {@link #resolve} applies libpq's precedence: the parts of an explicit URL,
 * then the entry of a connection service file, then those variables (and a few more), then the
 * defaults (localhost, 5432, the login name, a database named like the user). A password that is
 * still missing is looked up in the password file, with libpq's rules. The service file and the
 * password file are read here too, not left to the driver: {@link PgServiceFile} and {@link
 * PgPassFile} say what the driver's reading of them would lose.
 *
 * <p>The password is never part of {@link #jdbcUrl()}, {@link #describe()} or {@link #toString()}:
 * those end up in messages, logs and the provenance of a dossier.
 *
 * @param parameters further JDBC parameters (such as {@code sslmode}), by their JDBC names
 * @param statementTimeout how long the server may take over a statement of the tool's read-only
 *     transaction before it cancels it; zero leaves the server's own setting
 */
public record PgSettings(
    String host,
    int port,
    String database,
    String user,
    Optional<String> password,
    Map<String, String> parameters,
    Duration statementTimeout) {

  /** The environment variable holding the database URL when {@code --db} is not given. */
  public static final String URL_ENV = "DOSSIER_DB_URL";

  /** The environment variable setting {@link #statementTimeout()}: 90 (seconds), 500ms, 90s, 5min, 1h; 0 for none. */
  public static final String STATEMENT_TIMEOUT_ENV = "DOSSIER_STATEMENT_TIMEOUT";

  /** The statement timeout when {@link #STATEMENT_TIMEOUT_ENV} is not set. */
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(60);

  // With a statement timeout the server answers within it (with rows or an error); a socket silent
  // for this much longer means a dead network, which would otherwise hang the read for ever.
  private static final long SOCKET_MARGIN_SECONDS = 10;

  private static final Pattern DURATION = Pattern.compile("\\s*(\\d{1,9})\\s*(ms|s|min|h)?\\s*");

  /** Always appended last: the driver keeps the session read-only, whatever came before. */
  static final String READ_ONLY = "readOnly=true&readOnlyMode=always";

  // A dead host must fail in seconds, not hang; a URL or service entry may ask otherwise.
  private static final Map<String, String> DEFAULTS =
      Map.of("connectTimeout", "10", "loginTimeout", "15", "ApplicationName", "dossier");

  // Secrets go to properties(), never into the URL.
  private static final Set<String> SECRETS = Set.of("password", "sslpassword");

  // Ours to set: a URL cannot turn the read-only session off.
  static final Set<String> FORCED = Set.of("readOnly", "readOnlyMode");

  // libpq's environment variables, by the keyword each one stands for.
  private static final Map<String, String> ENV_TO_LIBPQ = orderedMap(
      "PGHOST", "host", "PGHOSTADDR", "hostaddr", "PGPORT", "port", "PGDATABASE", "dbname",
      "PGUSER", "user", "PGPASSWORD", "password", "PGPASSFILE", "passfile",
      "PGSSLMODE", "sslmode", "PGSSLROOTCERT", "sslrootcert", "PGSSLCERT", "sslcert",
      "PGSSLKEY", "sslkey", "PGAPPNAME", "application_name", "PGCONNECT_TIMEOUT", "connect_timeout",
      "PGOPTIONS", "options", "PGGSSENCMODE", "gssencmode");

  public PgSettings {
    if (host == null || host.isBlank() || database == null || database.isBlank()
        || user == null || user.isBlank()) {
      throw new IllegalArgumentException("host, database and user are required");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    password = password == null ? Optional.empty() : password;
    parameters = Map.copyOf(parameters);
    statementTimeout = statementTimeout == null ? DEFAULT_STATEMENT_TIMEOUT : statementTimeout;
    if (statementTimeout.isNegative() || statementTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("statement timeout out of range: " + statementTimeout);
    }
  }

  /** Settings with the default statement timeout. */
  public PgSettings(
      String host, int port, String database, String user, Optional<String> password, Map<String, String> parameters) {
    this(host, port, database, user, password, parameters, DEFAULT_STATEMENT_TIMEOUT);
  }

  /** Whether a database is configured at all; when not, the tool reads the committed snapshot. */
  public static boolean configured(Optional<String> url, Map<String, String> env) {
    return url.filter(u -> !u.isBlank()).isPresent()
        || Stream.of(URL_ENV, "PGHOST", "PGDATABASE", "PGSERVICE").anyMatch(k -> given(env.get(k)));
  }

  /** {@link #resolve(Optional, Map, Path, Consumer)} with warnings printed on standard error. */
  public static PgSettings resolve(Optional<String> url, Map<String, String> env, Path home) {
    return resolve(url, env, home, System.err::println);
  }

  /**
   * Resolves the settings as libpq would.
   *
   * @param url the {@code --db} value; when empty, {@code DOSSIER_DB_URL} from {@code env}. Forms:
   *     {@code postgresql://user:pass@host:port/db?key=value}, {@code postgres://...}, {@code
   *     jdbc:postgresql://host:port/db?...}, {@code ?service=name} and libpq's {@code key=value
   *     ...} (such as {@code service=name})
   * @param env the environment (a parameter so that tests can give their own)
   * @param home the user's home as the system knows it; {@code HOME} in {@code env}, when set, is
   *     used instead, as libpq does, to look for {@code .pgpass} and {@code .pg_service.conf}
   * @param warnings receives one line per ignored file or setting, as libpq prints them
   * @throws DossierException (usage) when a setting is malformed or a named service is not defined
   */
  public static PgSettings resolve(
      Optional<String> url, Map<String, String> env, Path systemHome, Consumer<String> warnings) {
    Path home = home(env, systemHome);
    Optional<String> text = url.filter(PgSettings::given);
    String where = text.isPresent() ? "--db" : URL_ENV;
    if (text.isEmpty()) {
      text = Optional.ofNullable(env.get(URL_ENV)).filter(PgSettings::given);
    }
    PgParts fromUrl = text.map(t -> PgUrl.parse(t.strip(), where)).orElseGet(() -> new PgParts());
    PgParts fromEnv = new PgParts();
    ENV_TO_LIBPQ.forEach((name, key) -> {
      if (given(env.get(name))) {
        fromEnv.set(key, env.get(name), PgParts.Origin.of(name));
      }
    });
    String service = fromUrl.service != null ? fromUrl.service : blankToNull(env.get("PGSERVICE"));
    PgParts fromService = service == null ? new PgParts() : PgServiceFile.load(service, env, home, warnings);

    List<PgParts> layers = List.of(fromUrl, fromService, fromEnv);
    String host = first(layers, p -> p.host, "localhost");
    int port = first(layers, p -> p.port, 5432);
    String user = first(layers, p -> p.user, defaultUser(env));
    String database = first(layers, p -> p.dbname, user);
    Map<String, String> parameters = new TreeMap<>();
    layers.forEach(p -> p.params.forEach(parameters::putIfAbsent));
    String password = first(layers, p -> p.password, null);
    if (password == null) {
      String passfile = first(layers, p -> p.passfile, null);
      Path file = passfile != null ? Path.of(passfile) : home.resolve(".pgpass");
      password = PgPassFile.lookup(file, host, port, database, user, warnings).orElse(null);
    }
    return new PgSettings(host, port, database, user, Optional.ofNullable(password), parameters,
        statementTimeout(env.get(STATEMENT_TIMEOUT_ENV)));
  }

  /**
   * {@code DOSSIER_STATEMENT_TIMEOUT}: a whole number of seconds, or of {@code ms}, {@code s},
   * {@code min} or {@code h}; 0 for no timeout of the tool's own. Unset: {@link #DEFAULT_STATEMENT_TIMEOUT}.
   */
  static Duration statementTimeout(String value) {
    if (!given(value)) {
      return DEFAULT_STATEMENT_TIMEOUT;
    }
    Matcher m = DURATION.matcher(value);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      Duration d = switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "min" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
      if (d.toMillis() <= Integer.MAX_VALUE) {
        return d;
      }
    }
    throw DossierException.usage(String.format(Locale.ROOT,
        "%s '%s' is not a timeout; write seconds (90), or 500ms, 90s, 5min, 1h (at most 596h); 0 for none",
        STATEMENT_TIMEOUT_ENV, value));
  }

  /** The statement timeout as a person writes it: {@code 90 s}, {@code 1 min}, {@code 500 ms}, {@code none}. */
  String statementTimeoutText() {
    long ms = statementTimeout.toMillis();
    if (ms == 0) {
      return "none";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + " min";
    }
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  /**
   * The URL to hand to the driver: no user, no password, the timeouts, and always the read-only
   * parameters last, so that nothing in a URL or service file can make the session writable.
   * With a statement timeout, a {@code socketTimeout} somewhat longer than it, unless one is given.
   */
  public String jdbcUrl() {
    Map<String, String> query = new TreeMap<>(DEFAULTS);
    if (!statementTimeout.isZero()) {
      long seconds = (statementTimeout.toMillis() + 999) / 1000;
      query.put("socketTimeout", Long.toString(seconds + SOCKET_MARGIN_SECONDS));
    }
    parameters.forEach((k, v) -> {
      if (!SECRETS.contains(k) && !FORCED.contains(k)) {
        query.put(k, v);
      }
    });
    StringBuilder url = new StringBuilder("jdbc:postgresql://")
        .append(hostForUrl()).append(':').append(port).append('/').append(encode(database)).append('?');
    query.forEach((k, v) -> url.append(encode(k)).append('=').append(encode(v)).append('&'));
    return url.append(READ_ONLY).toString();
  }

  /**
   * The user, the password and any other secret, for {@code DriverManager.getConnection}. With no
   * password, an empty one: the driver would otherwise search a {@code .pgpass} of its own, without
   * libpq's permission rule and blind to the environment given to {@link #resolve}.
   */
  public Properties properties() {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password.orElse(""));
    parameters.forEach((k, v) -> {
      if (SECRETS.contains(k) && !k.equals("password")) {
        properties.setProperty(k, v);
      }
    });
    return properties;
  }

  /** {@code postgresql://host:port/database}: what messages and provenance show; never a secret. */
  public String describe() {
    return "postgresql://" + hostForUrl() + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "PgSettings[" + describe() + " as " + user + "]";
  }

  private String hostForUrl() {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static String encode(String text) {
    // The driver decodes the database and the parameters with URLDecoder: '+' stands for a space.
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  // libpq (pqGetHomeDirectory) takes HOME when it is set and not empty, and asks the system only otherwise.
  private static Path home(Map<String, String> env, Path systemHome) {
    String home = env.get("HOME");
    return home == null || home.isEmpty() ? systemHome : Path.of(home);
  }

  private static String defaultUser(Map<String, String> env) {
    // libpq asks the operating system for the login name; USER (or LOGNAME) is what it says.
    for (String name : List.of("USER", "LOGNAME")) {
      if (given(env.get(name))) {
        return env.get(name);
      }
    }
    return System.getProperty("user.name");
  }

  private static <T> T first(List<PgParts> layers, java.util.function.Function<PgParts, T> get, T otherwise) {
    return layers.stream().map(get).filter(v -> v != null).findFirst().orElse(otherwise);
  }

  static boolean given(String value) {
    return value != null && !value.isBlank();
  }

  private static String blankToNull(String value) {
    return given(value) ? value : null;
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
