package dossier.source;

import dossier.DossierException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The settings one source gives (a URL, a service entry, the environment); null = not given. */
final class PgParts {
  // libpq keywords beyond host/port/dbname/user/password/service/passfile, by their JDBC names.
  static final Map<String, String> LIBPQ_TO_JDBC =
      Map.of(
          "sslmode", "sslmode",
          "sslrootcert", "sslrootcert",
          "sslcert", "sslcert",
          "sslkey", "sslkey",
          "application_name", "ApplicationName",
          "connect_timeout", "connectTimeout",
          "options", "options",
          "gssencmode", "gssEncMode");

  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  String host;
  boolean hostIsAddress;
  Integer port;
  String dbname;
  String user;
  String password;
  String service;
  String passfile;
  final Map<String, String> params = new LinkedHashMap<>();

  /**
   * Where settings come from, as a message names it: {@code PGPORT}, {@code file:line}, {@code --db
   * 'URL'}. {@code quoted} is false for a URL that may hold a password: then no message quotes
   * anything read from it, since any piece of it may be (part of) the password.
   */
  record Origin(String name, boolean quoted) {
    static Origin of(String name) {
      return new Origin(name, true);
    }

    /** {@code " 'value'"}, or nothing when values are not quoted. */
    String quote(String value) {
      return quoted ? " '" + value + "'" : "";
    }
  }

  /** Sets a libpq keyword; false if it is not one the tool knows. */
  boolean set(String key, String value, Origin where) {
    if (!PgSettings.given(value)) {
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

  private static String host(String value, Origin where) {
    if (value.contains(",")) {
      throw DossierException.usage(String.format(Locale.ROOT,
          "%s: several hosts%s are not supported; name one host", where.name(), where.quote(value)));
    }
    if (value.startsWith("/") || value.startsWith("@")) {
      throw DossierException.usage(String.format(Locale.ROOT,
          "%s: host%s is a Unix-domain socket, which the JDBC driver cannot use; "
              + "name a TCP host such as localhost", where.name(), where.quote(value)));
    }
    return value;
  }

  private static int port(String value, Origin where) {
    if (value.matches("\\d{1,5}")) {
      int port = Integer.parseInt(value);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    }
    throw DossierException.usage(String.format(Locale.ROOT,
        "%s: port%s is not a number from 1 to 65535", where.name(), where.quote(value)));
  }

  private static String sslMode(String value, Origin where) {
    if (!SSL_MODES.contains(value)) {
      throw DossierException.usage(String.format(Locale.ROOT,
          "%s: sslmode%s is not one of %s", where.name(), where.quote(value),
          SSL_MODES.stream().sorted().collect(Collectors.joining(", "))));
    }
    return value;
  }
}
