package dossier.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The password file: {@code host:port:database:user:password} lines, first match wins.
 *
 * <p>Read here, though pgjdbc 42.7 reads {@code .pgpass} itself when no password is given
 * (PgPassParser), because the driver has no permission rule (libpq ignores a file that others may
 * read, with a warning), takes {@code PGPASSFILE} from the process's environment and the home from
 * {@code user.home} rather than {@code HOME}, and unescapes only {@code \\} and {@code \:} where
 * libpq takes a backslash before any character. {@link PgSettings#properties()} passes an empty
 * password when none is found, so that the driver never reads a passfile of its own.
 */
final class PgPassFile {
  private PgPassFile() {}

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
