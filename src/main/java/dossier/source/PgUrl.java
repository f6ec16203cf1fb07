package dossier.source;

import dossier.DossierException;
import dossier.source.PgParts.Origin;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the URL forms the tool accepts, as libpq (or, for {@code jdbc:}, the driver) reads them.
 *
 * <p>Parsed here rather than by the driver's {@code Driver.parseURL}: that reads only the
 * {@code jdbc:} form, fills in localhost and 5432 where nothing was given (libpq's precedence needs
 * to know what the URL left out, for the service file and the {@code PG*} variables to fill), and
 * resolves {@code ?service=} by itself (see {@link PgServiceFile}).
 *
 * <p>A URL that may hold a password ({@link #mayHoldPassword}) is named in errors by where it came
 * from alone, and no error quotes any piece of it: a password with an unencoded {@code @}, {@code
 * :}, {@code /} or {@code &} lands in whatever part libpq reads it as (a host, a port, another
 * parameter), so no piece of such a URL is known not to be part of the password.
 */
final class PgUrl {
  private static final Pattern SCHEME = Pattern.compile("(?i)^(postgresql|postgres)://");
  private static final String JDBC = "jdbc:postgresql:";

  // A host (or a bracketed IPv6 address) and a port of digits: an authority that holds no password.
  private static final Pattern PLAIN_HOST_PORT = Pattern.compile("(\\[[^\\]]*]|[^:\\[\\]]*)(:\\d*)?");

  private PgUrl() {}

  static PgParts parse(String url, String source) {
    Origin where = mayHoldPassword(url)
        ? new Origin(source + " (not quoted: it may hold a password)", false)
        : Origin.of(source + " '" + url + "'");
    PgParts parts = new PgParts();
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
      throw DossierException.usage(where.name() + ": not a PostgreSQL URL; write postgresql://user@host:port/database, "
          + "jdbc:postgresql://host:port/database or service=name");
    }
    return parts;
  }

  /**
   * Whether a password may be anywhere in {@code url}, erring on the side of yes: a parameter or
   * keyword with "password" in its name, a ':' before the last '@' of what follows {@code ://}
   * (a user name and password, however malformed), or an authority that is not a host and a port
   * of digits ({@code postgresql://user:password} without {@code @host} reads as a host and a port).
   */
  static boolean mayHoldPassword(String url) {
    if (url.toLowerCase(Locale.ROOT).contains("password")) {
      return true;
    }
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return false;
    }
    String rest = url.substring(scheme + 3);
    int at = rest.lastIndexOf('@');
    if (rest.substring(0, Math.max(at, 0)).indexOf(':') >= 0) {
      return true;
    }
    String authority = rest.substring(at + 1).split("[/?]", 2)[0];
    return !PLAIN_HOST_PORT.matcher(authority).matches();
  }

  /** {@code [user[:password]@][host][:port][/dbname][?key=value&...]}, after the scheme. */
  private static void uri(String rest, PgParts parts, Origin where, boolean jdbc) {
    int i = 0;
    int at = indexOfAny(rest, "@/", 0);
    if (at >= 0 && rest.charAt(at) == '@') { // as libpq: credentials end at the first '@' before any '/'
      String userinfo = rest.substring(0, at);
      int colon = userinfo.indexOf(':');
      parts.set("user", decode(colon < 0 ? userinfo : userinfo.substring(0, colon), "the user name", where), where);
      if (colon >= 0) {
        parts.set("password", decode(userinfo.substring(colon + 1), "the password", where), where);
      }
      i = at + 1;
    }
    int query = rest.indexOf('?', i);
    if (rest.substring(i, query < 0 ? rest.length() : query).indexOf('@') >= 0) {
      // libpq would read the rest of a password that holds '@' or '/' as a host, port or database,
      // and the tool would name them in its messages; '@' has no other use there.
      throw DossierException.usage(where.name() + ": an '@' after the user name and password, or after a '/'; "
          + "in a user name, password or database name write '@' as %40, ':' as %3A and '/' as %2F");
    }
    String host;
    if (rest.startsWith("[", i)) { // an IPv6 address
      int close = rest.indexOf(']', i);
      if (close < 0) {
        throw DossierException.usage(where.name() + ": unclosed '[' in the host");
      }
      host = rest.substring(i + 1, close);
      i = close + 1;
    } else {
      int end = indexOfAny(rest, ":/?", i);
      end = end < 0 ? rest.length() : end;
      host = decode(rest.substring(i, end), "the host", where);
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
      parts.set("dbname", decode(rest.substring(i + 1, end), "the database name", where), where);
      i = end;
    }
    if (rest.startsWith("?", i)) {
      query(rest.substring(i + 1), parts, where, jdbc);
    } else if (i < rest.length()) {
      // Only after an IPv6 address: mayHoldPassword takes that for a password, so nothing is quoted.
      throw DossierException.usage(where.name() + ": unexpected text after the host; "
          + "write postgresql://user@host:port/database?key=value");
    }
  }

  private static void query(String query, PgParts parts, Origin where, boolean jdbc) {
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw DossierException.usage(where.name() + ": a parameter" + where.quote(pair) + " has no '=value'"
            + (where.quoted() ? "" : "; write '&' in a password as %26"));
      }
      String key = decode(pair.substring(0, eq), "a parameter's name", where);
      String value = decode(pair.substring(eq + 1), "a parameter's value", where);
      if (jdbc) {
        jdbcParameter(key, value, parts, where);
      } else if (!parts.set(key, value, where)) {
        throw unknown(key, where);
      }
    }
  }

  /** A {@code jdbc:} URL names the driver's parameters; the few libpq shares are read as such. */
  private static void jdbcParameter(String key, String value, PgParts parts, Origin where) {
    switch (key) {
      case "user", "password", "service", "passfile", "sslmode" -> parts.set(key, value, where);
      default -> {
        if (!PgSettings.FORCED.contains(key) && PgSettings.given(value)) {
          parts.params.put(key, value);
        }
      }
    }
  }

  /** libpq's {@code key=value key='quoted value'} form, such as {@code service=name}. */
  private static void keywords(String text, PgParts parts, Origin where) {
    int i = 0;
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        i++;
        continue;
      }
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        throw DossierException.usage(where.name() + ": a keyword" + where.quote(text.substring(i))
            + " has no '=value'" + (where.quoted() ? "" : "; quote a password that holds a space: password='a b'"));
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
          throw DossierException.usage(where.name() + ": the quoted value of a keyword" + where.quote(key)
              + " has no closing quote");
        }
        i++;
      }
      if (!parts.set(key, value.toString(), where)) {
        throw unknown(key, where);
      }
    }
  }

  private static DossierException unknown(String key, Origin where) {
    return DossierException.usage(String.format(Locale.ROOT,
        "%s: unknown parameter%s; known: host, hostaddr, port, dbname, user, password, service, passfile, %s",
        where.name(), where.quote(key), PgParts.LIBPQ_TO_JDBC.keySet().stream().sorted().collect(Collectors.joining(", "))));
  }

  private static int indexOfAny(String text, String chars, int from) {
    for (int i = from; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** Percent-decoding as libpq does it: UTF-8 bytes, and '+' stays a '+'; {@code part} names the text in an error. */
  private static String decode(String text, String part, Origin where) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[in.length];
    int n = 0;
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%') {
        int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
        int lo = hi >= 0 ? Character.digit(in[i + 2], 16) : -1;
        if (lo < 0) {
          throw DossierException.usage(where.name() + ": invalid percent-encoding in " + part + where.quote(text)
              + "; write % as %25");
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
