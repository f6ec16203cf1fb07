package dossier.source;

import dossier.DossierException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads the URL forms the tool accepts, as libpq (or, for {@code jdbc:}, the driver) reads them. */
final class PgUrl {
  private static final Pattern SCHEME = Pattern.compile("(?i)^(postgresql|postgres)://");
  private static final String JDBC = "jdbc:postgresql:";

  private PgUrl() {}

  static PgParts parse(String url, String source) {
    String where = source + " '" + PgSettings.redact(url) + "'";
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
      throw DossierException.usage(where + ": not a PostgreSQL URL; write postgresql://user@host:port/database, "
          + "jdbc:postgresql://host:port/database or service=name");
    }
    return parts;
  }

  /** {@code [user[:password]@][host][:port][/dbname][?key=value&...]}, after the scheme. */
  private static void uri(String rest, PgParts parts, String where, boolean jdbc) {
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
      throw DossierException.usage(where + ": unexpected '" + PgSettings.redact(rest.substring(i)) + "'");
    }
  }

  private static void query(String query, PgParts parts, String where, boolean jdbc) {
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
  private static void jdbcParameter(String key, String value, PgParts parts, String where) {
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
  private static void keywords(String text, PgParts parts, String where) {
    int i = 0;
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        i++;
        continue;
      }
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        throw DossierException.usage(where + ": '" + PgSettings.redact(text.substring(i)) + "' has no '=value'");
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
        where, key, PgParts.LIBPQ_TO_JDBC.keySet().stream().sorted().collect(Collectors.joining(", "))));
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
              + PgSettings.redact(text) + "'; write % as %25");
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
