package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import dossier.source.PgSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, defect 5: no error shows any part of a password, whatever form it was given in (the
 * user info of a URL, {@code ?password=}, a {@code jdbc:} URL's {@code &password=}, libpq's
 * {@code password=} keyword, a service file, {@code PGPASSWORD}, {@code .pgpass}) and however
 * malformed the URL around it. Each probe runs the CLI in-process and checks standard output,
 * standard error and the exception's message for the password as written, percent-decoded and
 * percent-encoded, and for every 4-character piece of each.
 */
class PasswordNeverShownTest {
  @TempDir Path home;
  private int closedPort;

  @BeforeEach
  void aPortNothingListensAt() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
  }

  private static final List<String[]> MALFORMED_URLS = List.of(
      // {URL, the password as it is written in it}
      new String[] {"postgresql://u:Secret%zz@host/db", "Secret%zz"},
      new String[] {"postgresql://u:S3cr3t%@host/db", "S3cr3t%"},
      new String[] {"postgres://u:Tr4p%4@host/db", "Tr4p%4"},
      new String[] {"postgresql://u:p@ss:w/rd@host/db", "p@ss:w/rd"},
      new String[] {"postgresql://u:Pw12/Xy34@host/db", "Pw12/Xy34"},
      new String[] {"postgresql://u:4821/9736@host/db", "4821/9736"},
      new String[] {"postgresql://u:Qx7;Zk9", "Qx7;Zk9"},
      new String[] {"postgresql://u:Zq%41x%7Ek@host:port/db", "Zq%41x%7Ek"},
      new String[] {"postgresql://u:Zq%41x%7Ek@host/db?sslmode=sometimes", "Zq%41x%7Ek"},
      new String[] {"postgresql://u:Zq%41x%7Ek@h1,h2/db", "Zq%41x%7Ek"},
      new String[] {"postgresql://u:Zq%41x%7Ek@host/db?colour=blue", "Zq%41x%7Ek"},
      new String[] {"postgresql://u:Zq%41x%7Ek@[::1/db", "Zq%41x%7Ek"},
      new String[] {"mysql://u:Vb8%Nm3@host/db", "Vb8%Nm3"},
      new String[] {"postgresql://host/db?password=Secret%zz", "Secret%zz"},
      new String[] {"postgresql://host/db?user=u&password=S3cr3t%&sslmode=require", "S3cr3t%"},
      new String[] {"postgresql://host/db?password=Ab12&Cd34&sslmode=require", "Ab12&Cd34"},
      new String[] {"postgresql://host/db?PASSWORD=Gh56%g7", "Gh56%g7"},
      new String[] {"jdbc:postgresql://host/db?user=u&password=Secret%zz", "Secret%zz"},
      new String[] {"jdbc:postgresql://host/db?user=u&password=Jk78&Lm90", "Jk78&Lm90"},
      new String[] {"jdbc:postgresql://h1,h2/db?password=Rt5%Yu6", "Rt5%Yu6"},
      new String[] {"jdbc:postgresql://u:Wd3%x@host/db", "Wd3%x"},
      new String[] {"host=h password=Fz4%q port=x", "Fz4%q"},
      new String[] {"host=h password=Quux Frob4", "Quux Frob4"},
      new String[] {"host=h password='Unshut9", "Unshut9"},
      new String[] {"host=h password=Mn3'Bv7 sslmode=bogus", "Mn3'Bv7"});

  @Test
  void malformedUrlsShowNoPartOfThePassword() {
    assertAll(MALFORMED_URLS.stream().map(probe -> () -> {
      String url = probe[0];
      String password = probe[1];
      Run run = Run.of(Map.of(), home, "stats", "--db", url, "--factor", "f", "--run", "r", "--baseline", "none");
      assertEquals(2, run.exit(), url + ": " + run.err());
      assertTrue(run.err().startsWith("dossier: --db"), url + ": " + run.err());
      assertNotShown(password, url, run.out(), run.err(), message(url, Map.of()));

      Run viaEnv = Run.of(Map.of("DOSSIER_DB_URL", url), home, "stats", "--factor", "f", "--run", "r",
          "--baseline", "none");
      assertEquals(2, viaEnv.exit(), url + ": " + viaEnv.err());
      assertTrue(viaEnv.err().startsWith("dossier: DOSSIER_DB_URL"), url + ": " + viaEnv.err());
      assertNotShown(password, url, viaEnv.out(), viaEnv.err());
    }));
  }

  @Test
  void wellFormedPasswordsAreNotShownWhenTheConnectionFails() {
    for (String[] probe : List.of(
        new String[] {"postgresql://u:Zq%41x%7Ek@127.0.0.1:" + closedPort + "/db", "Zq%41x%7Ek"},
        new String[] {"postgresql://u:p%40ss%3Aw%2Frd@127.0.0.1:" + closedPort + "/db", "p%40ss%3Aw%2Frd"},
        new String[] {"jdbc:postgresql://127.0.0.1:" + closedPort + "/db?user=u&password=Hy6%25Uj7", "Hy6%25Uj7"},
        new String[] {"host=127.0.0.1 port=" + closedPort + " user=u password='Ty7 Ui8'", "Ty7 Ui8"})) {
      Run run = Run.of(Map.of(), home, "stats", "--db", probe[0], "--factor", "f", "--run", "r", "--baseline", "none");
      assertEquals(1, run.exit(), probe[0] + ": " + run.err());
      assertTrue(run.err().startsWith("dossier: cannot connect to PostgreSQL at postgresql://127.0.0.1:"), run.err());
      assertNotShown(probe[1], probe[0], run.out(), run.err(), message(probe[0], Map.of()));
    }
  }

  @Test
  void passwordsFromTheEnvironmentAServiceFileOrPgpassAreNotShown() throws IOException {
    String port = Integer.toString(closedPort);
    Path service = home.resolve("services.conf");
    Files.writeString(service, "[bad]\nhost=127.0.0.1\npassword=Secret%zz\nport=Op9%kl\n"
        + "[badline]\nhost=127.0.0.1\npassword=p@ss:w/rd\nnot a setting\n"
        + "[down]\nhost=127.0.0.1\nport=" + port + "\nuser=u\npassword=Kl4%Jh5\n");
    Path pgpass = home.resolve(".pgpass");
    Files.writeString(pgpass, "*:*:*:*:Pp9%Ll0\n");
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
    Path openPgpass = home.resolve("open.pgpass");
    Files.writeString(openPgpass, "*:*:*:*:Oo8%Ii7\n");
    Files.setPosixFilePermissions(openPgpass, PosixFilePermissions.fromString("rw-r--r--"));

    Map<String, String> pgPassword = Map.of("PGHOST", "127.0.0.1", "PGPASSWORD", "Secret%zz");
    Map<String, String> withService = Map.of("PGSERVICEFILE", service.toString());
    List<Probe> probes = List.of(
        new Probe("Secret%zz", 2, plus(pgPassword, "PGPORT", "Er5%tz")),
        new Probe("Secret%zz", 2, plus(pgPassword, "PGSSLMODE", "sometimes")),
        new Probe("Secret%zz", 1, plus(pgPassword, "PGPORT", port)),
        new Probe("Secret%zz", 2, plus(withService, "PGSERVICE", "bad")),
        new Probe("p@ss:w/rd", 2, plus(withService, "PGSERVICE", "badline")),
        new Probe("Kl4%Jh5", 1, plus(withService, "PGSERVICE", "down")),
        new Probe("Pp9%Ll0", 1, Map.of("PGHOST", "127.0.0.1", "PGPORT", port, "PGUSER", "u")),
        new Probe("Pp9%Ll0", 2, Map.of("PGHOST", "127.0.0.1", "PGPORT", "x", "PGUSER", "u")),
        new Probe("Oo8%Ii7", 1, Map.of("PGHOST", "127.0.0.1", "PGPORT", port, "PGPASSFILE", openPgpass.toString())));
    for (Probe probe : probes) {
      Run run = Run.of(probe.env(), home, "stats", "--factor", "f", "--run", "r", "--baseline", "none");
      assertEquals(probe.exit(), run.exit(), probe + ": " + run.err());
      assertTrue(run.err().startsWith("dossier: ") || run.err().startsWith("warning: "), probe + ": " + run.err());
      assertNotShown(probe.password(), probe.toString(), run.out(), run.err(), message(null, probe.env()));
    }
  }

  private record Probe(String password, int exit, Map<String, String> env) {}

  /** The message of what resolving the settings throws, or what the settings show when it does not. */
  private String message(String url, Map<String, String> env) {
    List<String> warnings = new ArrayList<>();
    try {
      PgSettings settings = PgSettings.resolve(Optional.ofNullable(url), env, home, warnings::add);
      return String.join("\n", settings.describe(), settings.jdbcUrl(), settings.toString(), String.join("\n", warnings));
    } catch (DossierException e) {
      return e.getMessage() + "\n" + String.join("\n", warnings);
    }
  }

  /** No 4-character piece of the password, as written, percent-decoded or percent-encoded, in any of {@code shown}. */
  private static void assertNotShown(String password, String probe, String... shown) {
    Set<String> forms = new LinkedHashSet<>(List.of(password, decoded(password),
        URLEncoder.encode(password, StandardCharsets.UTF_8), URLEncoder.encode(decoded(password), StandardCharsets.UTF_8)));
    for (String form : forms) {
      for (int i = 0; i + 4 <= form.length(); i++) {
        String piece = form.substring(i, i + 4);
        for (String text : shown) {
          assertFalse(text.contains(piece), probe + ": '" + piece + "' of the password is shown in: " + text);
        }
      }
    }
  }

  /** Percent-decoding as far as it goes: a '%' without two hex digits stays as it is. */
  private static String decoded(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      int hi = in[i] == '%' && i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
      int lo = hi >= 0 ? Character.digit(in[i + 2], 16) : -1;
      if (lo >= 0) {
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Map<String, String> plus(Map<String, String> env, String key, String value) {
    Map<String, String> more = new HashMap<>(env);
    more.put(key, value);
    return more;
  }
}
