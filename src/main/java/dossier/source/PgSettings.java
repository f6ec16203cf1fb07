package dossier.source;

import dossier.DossierException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the PostgreSQL results live, resolved the way libpq (and so psql) resolves it.
 *
 * <p>The JDBC driver reads none of libpq's environment variables, so a team whose psql works
 * would otherwise have to spell its connection out again. {@link #resolve} applies libpq's
 * precedence: the parts of an explicit URL, then the entry of a connection service file, then
 * {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD} (and a few
 * more), then the defaults (localhost, 5432, the login name, a database named like the user). A
 * password that is still missing is looked up in the password file, with libpq's rules.
 *
 * <p>The password is never part of {@link #jdbcUrl()}, {@link #describe()} or {@link #toString()}:
 * those end up in messages, logs and the provenance of a dossier.
 *
 * @param parameters further JDBC parameters (such as {@code sslmode}), by their JDBC names
 */
public record PgSettings(
    String host,
    int port,
    String database,
    String user,
    Optional<String> password,
    Map<String, String> parameters) {

  /** The environment variable holding the database URL when {@code --db} is not given. */
  public static final String URL_ENV = "DOSSIER_DB_URL";

  /** Always appended last: the driver keeps the session read-only, whatever came before. */
  static final String READ_ONLY = "readOnly=true&readOnlyMode=always";

  // A dead host must fail in seconds, not hang; a URL or service entry may ask otherwise.
  private static final Map<String, String> DEFAULTS =
      Map.of("connectTimeout", "10", "loginTimeout", "15", "ApplicationName", "dossier");

  // Secrets go to properties(), never into the URL.
  private static final Set<String> SECRETS = Set.of("password", "sslpassword");

  // Ours to set: a URL cannot turn the read-only session off.
  private static final Set<String> FORCED = Set.of("readOnly", "readOnlyMode");

  // libpq keywords beyond host/port/dbname/user/password/service/passfile, by their JDBC names.
  private static final Map<String, String> LIBPQ_TO_JDBC =
      Map.of(
          "sslmode", "sslmode",
          "sslrootcert", "sslrootcert",
          "sslcert", "sslcert",
          "sslkey", "sslkey",
          "application_name", "ApplicationName",
          "connect_timeout", "connectTimeout",
          "options", "options",
          "gssencmode", "gssEncMode");

  // libpq's environment variables, by the keyword each one stands for.
  private static final Map<String, String> ENV_TO_LIBPQ = orderedMap(
      "PGHOST", "host", "PGHOSTADDR", "hostaddr", "PGPORT", "port", "PGDATABASE", "dbname",
      "PGUSER", "user", "PGPASSWORD", "password", "PGPASSFILE", "passfile",
      "PGSSLMODE", "sslmode", "PGSSLROOTCERT", "sslrootcert", "PGSSLCERT", "sslcert",
      "PGSSLKEY", "sslkey", "PGAPPNAME", "application_name", "PGCONNECT_TIMEOUT", "connect_timeout",
      "PGOPTIONS", "options", "PGGSSENCMODE", "gssencmode");

  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

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
   * @param home the user's home, where {@code .pgpass} and {@code .pg_service.conf} are looked for
   * @param warnings receives one line per ignored file or setting, as libpq prints them
   * @throws DossierException (usage) when a setting is malformed or a named service is not defined
   */
  public static PgSettings resolve(
      Optional<String> url, Map<String, String> env, Path home, Consumer<String> warnings) {
    Optional<String> text = url.filter(PgSettings::given);
    String where = text.isPresent() ? "--db" : URL_ENV;
    if (text.isEmpty()) {
      text = Optional.ofNullable(env.get(URL_ENV)).filter(PgSettings::given);
    }
    Parts fromUrl = text.map(t -> UrlParser.parse(t.strip(), where)).orElseGet(() -> new Parts());
    Parts fromEnv = new Parts();
    ENV_TO_LIBPQ.forEach((name, key) -> {
      if (given(env.get(name))) {
        fromEnv.set(key, env.get(name), name);
      }
    });
    String service = fromUrl.service != null ? fromUrl.service : blankToNull(env.get("PGSERVICE"));
    Parts fromService = service == null ? new Parts() : ServiceFile.load(service, env, home, warnings);

    List<Parts> layers = List.of(fromUrl, fromService, fromEnv);
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
      password = PassFile.lookup(file, host, port, database, user, warnings).orElse(null);
    }
    return new PgSettings(host, port, database, user, Optional.ofNullable(password), parameters);
  }

  /**
   * The URL to hand to the driver: no user, no password, the timeouts, and always the read-only
   * parameters last, so that nothing in a URL or service file can make the session writable.
   */
  public String jdbcUrl() {
    Map<String, String> query = new TreeMap<>(DEFAULTS);
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

  /** The text with any password in it replaced by {@code ***}, for quoting it in a message. */
  static String redact(String text) {
    return REDACT_QUERY.matcher(REDACT_USERINFO.matcher(text).replaceAll("$1***@")).replaceAll("$1***");
  }

  private static final Pattern REDACT_USERINFO = Pattern.compile("(://[^/@:]*:)[^/]*@");
  private static final Pattern REDACT_QUERY = Pattern.compile(
      "(?i)((?:^|[?&\\s])(?:ssl)?password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|[^&\\s]*)");

  private String hostForUrl() {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static String encode(String text) {
    // The driver decodes the database and the parameters with URLDecoder: '+' stands for a space.
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
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

  private static <T> T first(List<Parts> layers, java.util.function.Function<Parts, T> get, T otherwise) {
    return layers.stream().map(get).filter(v -> v != null).findFirst().orElse(otherwise);
  }

  private static boolean given(String value) {
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

  /** The settings one source gives (a URL, a service entry, the environment); null = not given. */
  private static final class Parts {
    String host;
    boolean hostIsAddress;
    Integer port;
    String dbname;
    String user;
    String password;
    String service;
    String passfile;
    final Map<String, String> params = new LinkedHashMap<>();

    /** Sets a libpq keyword; false if it is not one the tool knows. */
    boolean set(String key, String value, String where) {
      if (!given(value)) {
        return true; // libpq takes an empty value as "not given"
      }
      switch (key) {
        case "host" -> host = hostIsAddress ? host : host(value, where);
        case "hostaddr" -> { // what libpq connects to when both are given
          host = host(value, where);
          hostIsAddress = true;
        }
        case "port" -> port = port(value, where);
        case "dbname" -> dbname = value;
        case "user" -> user = value;
        case "password" -> password = value;
        case "service" -> service = value;
        case "passfile" -> passfile = value;
        case "sslmode" -> params.put("sslmode", sslMode(value, where));
        default -> {
          String jdbc = LIBPQ_TO_JDBC.get(key);
          if (jdbc == null) {
            return false;
          }
          params.put(jdbc, value);
        }
      }
      return true;
    }

    private static String host(String value, String where) {
      if (value.contains(",")) {
        throw DossierException.usage(String.format(Locale.ROOT,
            "%s: several hosts (%s) are not supported; name one host", where, value));
      }
      if (value.startsWith("/") || value.startsWith("@")) {
        throw DossierException.usage(String.format(Locale.ROOT,
            "%s: host '%s' is a Unix-domain socket, which the JDBC driver cannot use; "
                + "name a TCP host such as localhost", where, value));
      }
      return value;
    }

    private static int port(String value, String where) {
      if (value.matches("\\d{1,5}")) {
        int port = Integer.parseInt(value);
        if (port >= 1 && port <= 65535) {
          return port;
        }
      }
      throw DossierException.usage(String.format(Locale.ROOT,
          "%s: port '%s' is not a number from 1 to 65535", where, value));
    }

    private static String sslMode(String value, String where) {
      if (!SSL_MODES.contains(value)) {
        throw DossierException.usage(String.format(Locale.ROOT,
            "%s: sslmode '%s' is not one of %s", where, value,
            SSL_MODES.stream().sorted().collect(Collectors.joining(", "))));
      }
      return value;
    }
  }

  /** Reads the URL forms the tool accepts, as libpq (or, for {@code jdbc:}, the driver) reads them. */
  private static final class UrlParser {
    private static final Pattern SCHEME = Pattern.compile("(?i)^(postgresql|postgres)://");
    private static final String JDBC = "jdbc:postgresql:";

    static Parts parse(String url, String source) {
      String where = source + " '" + redact(url) + "'";
      Parts parts = new Parts();
      if (url.regionMatches(true, 0, JDBC, 0, JDBC.length())) {
        String rest = url.substring(JDBC.length());
        if (rest.startsWith("//")) {
          uri(rest.substring(2), parts, where, true);
        } else { // jdbc:postgresql:database or jdbc:postgresql:/
          uri("/" + (rest.startsWith("/") ? rest.substring(1) : rest), parts, where, true);
        }
      } else if (SCHEME.matcher(url).find()) {
        uri(url.substring(url.indexOf("://") + 3), parts, where, false);
      } else if (url.startsWith("?")) {
        query(url.substring(1), parts, where, false);
      } else if (url.contains("=")) {
        keywords(url, parts, where);
      } else {
        throw DossierException.usage(where + ": not a PostgreSQL URL; write postgresql://user@host:port/database, "
            + "jdbc:postgresql://host:port/database or service=name");
      }
      return parts;
    }

    /** {@code [user[:password]@][host][:port][/dbname][?key=value&...]}, after the scheme. */
    private static void uri(String rest, Parts parts, String where, boolean jdbc) {
      int i = 0;
      int at = indexOfAny(rest, "@/", 0);
      if (at >= 0 && rest.charAt(at) == '@') { // as libpq: credentials end at the first '@' before any '/'
        String userinfo = rest.substring(0, at);
        int colon = userinfo.indexOf(':');
        parts.set("user", decode(colon < 0 ? userinfo : userinfo.substring(0, colon), where), where);
        if (colon >= 0) {
          parts.set("password", decode(userinfo.substring(colon + 1), where), where);
        }
        i = at + 1;
      }
      String host;
      if (rest.startsWith("[", i)) { // an IPv6 address
        int close = rest.indexOf(']', i);
        if (close < 0) {
          throw DossierException.usage(where + ": unclosed '[' in the host");
        }
        host = rest.substring(i + 1, close);
        i = close + 1;
      } else {
        int end = indexOfAny(rest, ":/?", i);
        end = end < 0 ? rest.length() : end;
        host = decode(rest.substring(i, end), where);
        i = end;
      }
      parts.set("host", host, where);
      if (rest.startsWith(":", i)) {
        int end = indexOfAny(rest, "/?", i);
        end = end < 0 ? rest.length() : end;
        parts.set("port", rest.substring(i + 1, end), where);
        i = end;
      }
      if (rest.startsWith("/", i)) {
        int end = rest.indexOf('?', i);
        end = end < 0 ? rest.length() : end;
        parts.set("dbname", decode(rest.substring(i + 1, end), where), where);
        i = end;
      }
      if (rest.startsWith("?", i)) {
        query(rest.substring(i + 1), parts, where, jdbc);
      } else if (i < rest.length()) {
        throw DossierException.usage(where + ": unexpected '" + redact(rest.substring(i)) + "'");
      }
    }

    private static void query(String query, Parts parts, String where, boolean jdbc) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq < 0) {
          throw DossierException.usage(where + ": parameter '" + pair + "' has no '=value'");
        }
        String key = decode(pair.substring(0, eq), where);
        String value = decode(pair.substring(eq + 1), where);
        if (jdbc) {
          jdbcParameter(key, value, parts, where);
        } else if (!parts.set(key, value, where)) {
          throw unknown(key, where);
        }
      }
    }

    /** A {@code jdbc:} URL names the driver's parameters; the few libpq shares are read as such. */
    private static void jdbcParameter(String key, String value, Parts parts, String where) {
      switch (key) {
        case "user", "password", "service", "passfile", "sslmode" -> parts.set(key, value, where);
        default -> {
          if (!FORCED.contains(key) && given(value)) {
            parts.params.put(key, value);
          }
        }
      }
    }

    /** libpq's {@code key=value key='quoted value'} form, such as {@code service=name}. */
    private static void keywords(String text, Parts parts, String where) {
      int i = 0;
      while (i < text.length()) {
        if (Character.isWhitespace(text.charAt(i))) {
          i++;
          continue;
        }
        int eq = text.indexOf('=', i);
        if (eq < 0) {
          throw DossierException.usage(where + ": '" + redact(text.substring(i)) + "' has no '=value'");
        }
        String key = text.substring(i, eq).strip();
        i = eq + 1;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        StringBuilder value = new StringBuilder();
        boolean quoted = i < text.length() && text.charAt(i) == '\'';
        i += quoted ? 1 : 0;
        while (i < text.length()) {
          char c = text.charAt(i);
          if (quoted ? c == '\'' : Character.isWhitespace(c)) {
            break;
          }
          if (c == '\\' && i + 1 < text.length()) {
            c = text.charAt(++i);
          }
          value.append(c);
          i++;
        }
        if (quoted) {
          if (i >= text.length()) {
            throw DossierException.usage(where + ": unterminated quoted value of '" + key + "'");
          }
          i++;
        }
        if (!parts.set(key, value.toString(), where)) {
          throw unknown(key, where);
        }
      }
    }

    private static DossierException unknown(String key, String where) {
      return DossierException.usage(String.format(Locale.ROOT,
          "%s: unknown parameter '%s'; known: host, hostaddr, port, dbname, user, password, service, passfile, %s",
          where, key, LIBPQ_TO_JDBC.keySet().stream().sorted().collect(Collectors.joining(", "))));
    }

    private static int indexOfAny(String text, String chars, int from) {
      for (int i = from; i < text.length(); i++) {
        if (chars.indexOf(text.charAt(i)) >= 0) {
          return i;
        }
      }
      return -1;
    }

    /** Percent-decoding as libpq does it: UTF-8 bytes, and '+' stays a '+'. */
    private static String decode(String text, String where) {
      if (text.indexOf('%') < 0) {
        return text;
      }
      byte[] out = new byte[text.length()];
      int n = 0;
      byte[] in = text.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < in.length; i++) {
        if (in[i] == '%') {
          int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
          int lo = hi >= 0 ? Character.digit(in[i + 2], 16) : -1;
          if (lo < 0) {
            throw DossierException.usage(where + ": invalid percent-encoding near '"
                + redact(text) + "'; write % as %25");
          }
          out[n++] = (byte) (hi * 16 + lo);
          i += 2;
        } else {
          out[n++] = in[i];
        }
      }
      return new String(out, 0, n, StandardCharsets.UTF_8);
    }
  }

  /** The connection service file: {@code [name]} sections of libpq keywords. */
  private static final class ServiceFile {
    static Parts load(String service, Map<String, String> env, Path home, Consumer<String> warnings) {
      List<Path> files = new ArrayList<>();
      files.add(given(env.get("PGSERVICEFILE")) ? Path.of(env.get("PGSERVICEFILE")) : home.resolve(".pg_service.conf"));
      if (given(env.get("PGSYSCONFDIR"))) {
        files.add(Path.of(env.get("PGSYSCONFDIR"), "pg_service.conf"));
      }
      for (Path file : files) { // as libpq: the user's file first, then the system-wide one
        Optional<Parts> parts = section(file, service, warnings);
        if (parts.isPresent()) {
          return parts.get();
        }
      }
      throw DossierException.usage(String.format(Locale.ROOT,
          "service '%s' is not defined in %s; add a [%s] section, or set PGSERVICEFILE or PGSYSCONFDIR",
          service, files.stream().map(Path::toString).collect(Collectors.joining(" or ")), service));
    }

    private static Optional<Parts> section(Path file, String service, Consumer<String> warnings) {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new DossierException(file + ": cannot read the service file: " + e.getMessage(), e);
      }
      Parts parts = null;
      for (int n = 1; n <= lines.size(); n++) {
        String line = lines.get(n - 1).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String where = file + ":" + n;
        if (line.startsWith("[")) {
          if (parts != null) {
            break; // the end of the wanted section
          }
          parts = line.equals("[" + service + "]") ? new Parts() : null;
        } else if (parts != null) {
          int eq = line.indexOf('=');
          if (eq < 0) {
            throw DossierException.usage(where + ": syntax error: expected key=value");
          }
          String key = line.substring(0, eq).strip();
          if (key.equals("service")) {
            throw DossierException.usage(where + ": nested service specifications are not supported");
          }
          if (!parts.set(key, line.substring(eq + 1).strip(), where)) {
            warnings.accept("warning: " + where + ": '" + key + "' is not used by dossier; ignoring it");
          }
        }
      }
      return Optional.ofNullable(parts);
    }
  }

  /** The password file: {@code host:port:database:user:password} lines, first match wins. */
  private static final class PassFile {
    static Optional<String> lookup(
        Path file, String host, int port, String database, String user, Consumer<String> warnings) {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      if (!Files.isRegularFile(file)) {
        warnings.accept("warning: password file \"" + file + "\" is not a plain file; ignoring it");
        return Optional.empty();
      }
      if (openToOthers(file)) {
        warnings.accept("warning: password file \"" + file
            + "\" has group or world access; permissions should be u=rw (0600) or less; ignoring it");
        return Optional.empty();
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        warnings.accept("warning: cannot read password file \"" + file + "\": " + e.getMessage());
        return Optional.empty();
      }
      List<String> wanted = List.of(host, Integer.toString(port), database, user);
      for (String line : lines) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int at = 0;
        for (String token : wanted) {
          at = at < 0 ? -1 : matchField(line, at, token);
        }
        if (at >= 0) {
          return Optional.of(unescape(line.substring(at)));
        }
      }
      return Optional.empty();
    }

    // libpq ignores a password file others may read (it only warns), where chmod has a meaning.
    private static boolean openToOthers(Path file) {
      try {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        return permissions.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"));
      } catch (UnsupportedOperationException | IOException e) {
        return false;
      }
    }

    /** libpq's pwdfMatchesString: the index after the field's ':' if it matches, else -1. */
    private static int matchField(String line, int from, String token) {
      if (line.startsWith("*:", from)) {
        return from + 2;
      }
      int t = 0;
      for (int i = from; i < line.length(); i++) {
        char c = line.charAt(i);
        boolean escaped = c == '\\' && i + 1 < line.length();
        if (escaped) {
          c = line.charAt(++i);
        } else if (c == ':') {
          return t == token.length() ? i + 1 : -1;
        }
        if (t >= token.length() || token.charAt(t) != c) {
          return -1;
        }
        t++;
      }
      return -1; // a line with too few fields matches nothing
    }

    /** The password field: '\' escapes the next character, an unescaped ':' ends it. */
    private static String unescape(String field) {
      StringBuilder password = new StringBuilder();
      for (int i = 0; i < field.length(); i++) {
        char c = field.charAt(i);
        if (c == ':') {
          break;
        }
        if (c == '\\' && i + 1 < field.length()) {
          c = field.charAt(++i);
        }
        password.append(c);
      }
      return password.toString();
    }
  }
}
