package dossier.source;

import dossier.DossierException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The connection service file: {@code [name]} sections of libpq keywords.
 *
 * <p>Read here, though pgjdbc 42.7 reads {@code ?service=} itself (PgServiceConfParser), because
 * the driver's reading loses what libpq does and what dossier promises: it looks at one file only
 * (the user's, else PGSYSCONFDIR's; libpq tries the user's, then the system's), takes
 * {@code PGSERVICEFILE} from the process's environment and the home from {@code user.home} (libpq:
 * {@code HOME}), reports an undefined service or a bad line as "Definition of service [x] not
 * found" and a null URL, and logs a line with an unknown key whole, at SEVERE on standard error: a
 * mistyped {@code passwrd=} prints the password. And the settings must be known here, before
 * connecting, to look the password up and to name the server in errors.
 */
final class PgServiceFile {
  private PgServiceFile() {}

  static PgParts load(String service, Map<String, String> env, Path home, Consumer<String> warnings) {
    List<Path> files = new ArrayList<>();
    files.add(PgSettings.given(env.get("PGSERVICEFILE")) ? Path.of(env.get("PGSERVICEFILE")) : home.resolve(".pg_service.conf"));
    if (PgSettings.given(env.get("PGSYSCONFDIR"))) {
      files.add(Path.of(env.get("PGSYSCONFDIR"), "pg_service.conf"));
    }
    for (Path file : files) { // as libpq: the user's file first, then the system-wide one
      Optional<PgParts> parts = section(file, service, warnings);
      if (parts.isPresent()) {
        return parts.get();
      }
    }
    throw DossierException.usage(String.format(Locale.ROOT,
        "service '%s' is not defined in %s; add a [%s] section, or set PGSERVICEFILE or PGSYSCONFDIR",
        service, files.stream().map(Path::toString).collect(Collectors.joining(" or ")), service));
  }

  private static Optional<PgParts> section(Path file, String service, Consumer<String> warnings) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DossierException(file + ": cannot read the service file: " + e.getMessage(), e);
    }
    PgParts parts = null;
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
        parts = line.equals("[" + service + "]") ? new PgParts() : null;
      } else if (parts != null) {
        int eq = line.indexOf('=');
        if (eq < 0) {
          throw DossierException.usage(where + ": syntax error: expected key=value");
        }
        String key = line.substring(0, eq).strip();
        if (key.equals("service")) {
          throw DossierException.usage(where + ": nested service specifications are not supported");
        }
        if (!parts.set(key, line.substring(eq + 1).strip(), PgParts.Origin.of(where))) {
          warnings.accept("warning: " + where + ": '" + key + "' is not used by dossier; ignoring it");
        }
      }
    }
    return Optional.ofNullable(parts);
  }
}
