package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The daemon against a process of its own: the same runs, on two copies of a project, one in this
 * JVM as a process runs them and one through a daemon's socket, must print the same, exit the same
 * and leave the same files. The daemon runs in this JVM, on a thread, with the JVM's working folder
 * (the repository) elsewhere than the client's: a path resolved against the wrong one shows.
 */
class DaemonTest {
  @TempDir Path tmp;
  @TempDir Path home;

  private final StringWriter log = new StringWriter();
  private final List<Daemon.Server> servers = new ArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(Daemon.Server::stop);
  }

  private Daemon.Place place() throws IOException {
    Path dir = tmp.resolve("sockets");
    assertNull(Daemon.privateDir(dir));
    return new Daemon.Place(dir, "0123456789abcdef");
  }

  /** Starts a daemon on {@code place}, without warm-up, whose jar's key is {@code currentKey}; returns its thread. */
  private Thread serve(Daemon.Place place, long idleMillis, String currentKey) throws InterruptedException {
    Daemon.Server server = new Daemon.Server(place, idleMillis, () -> currentKey, new PrintWriter(log, true));
    servers.add(server);
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        server.serve(() -> { });
      } catch (Throwable e) {
        failed.set(e);
      }
    }, "test-daemon");
    t.setDaemon(true);
    t.start();
    // Not the socket file's existence: one left by a killed daemon is there before this one listens.
    String listening = "serving " + place.socket();
    for (int i = 0; i < 500 && !log.toString().contains(listening) && t.isAlive(); i++) {
      Thread.sleep(10);
    }
    assertNull(failed.get());
    assertTrue(log.toString().contains(listening), log.toString());
    return t;
  }

  /** What a run printed, and its exit code; null as exit when no daemon took it. */
  private record Result(Integer exit, String out, String err) {}

  private static Result cold(Path cwd, Path home, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(env, home, cwd, new PrintWriter(out, true), new PrintWriter(err, true),
        CommandLine.Help.Ansi.OFF, args);
    return new Result(exit, out.toString(), err.toString());
  }

  private static Result served(Daemon.Client client, byte kind, Path cwd, Path home, Map<String, String> env,
      String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Integer exit = client.run(kind, env, home, cwd, args, StandardCharsets.UTF_8, StandardCharsets.UTF_8, false, out,
        err);
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void changeARow(Path project) throws IOException {
    Path csv = project.resolve("dossiers/data/track6-focal-loss.csv");
    List<String> lines = Files.readAllLines(csv);
    lines.set(4, lines.get(4).replaceFirst(",completed,0\\.[0-9]+,", ",completed,0.5,"));
    Files.write(csv, lines);
  }

  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> files = new java.util.TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readString(p));
      }
    }
    return files;
  }

  @Test
  void everyRunPrintsExitsAndWritesAsInAProcessOfItsOwn() throws Exception {
    Path alone = Projects.copy(tmp.resolve("alone"));
    Path daemon = Projects.copy(tmp.resolve("daemon"));
    Daemon.Place place = place();
    serve(place, 60_000, place.key());
    Daemon.Client client = new Daemon.Client(place);
    Map<String, String> none = Map.of();
    Map<String, String> unreachable = Map.of("PGHOST", "127.0.0.1", "PGPORT", "1", "PGDATABASE", "x", "PGUSER", "u");
    List<Object[]> runs = List.of(
        new Object[] {none, "", new String[] {"generate", "track6", "--force"}},
        new Object[] {none, "", new String[] {"stats", "track6", "--format", "json"}},
        new Object[] {none, "", new String[] {"list"}},
        new Object[] {none, "changeARow", new String[] {"check"}},
        new Object[] {none, "", new String[] {"refresh"}},
        new Object[] {none, "", new String[] {"check"}},
        new Object[] {none, "", new String[] {"generate", "track9"}},
        new Object[] {none, "", new String[] {"generate", "track6", "--bogus"}},
        // Relative to where the command runs (dossiers/), not to the daemon's folder nor the project.
        new Object[] {none, "dossiers", new String[] {"-C", "..", "generate", "track6", "--out", "sub/t6.md"}},
        new Object[] {unreachable, "", new String[] {"stats", "track6"}});
    List<Integer> exits = new ArrayList<>();
    for (Object[] run : runs) {
      @SuppressWarnings("unchecked")
      Map<String, String> env = (Map<String, String>) run[0];
      String step = (String) run[1];
      String[] args = (String[]) run[2];
      if (step.equals("changeARow")) {
        changeARow(alone);
        changeARow(daemon);
      }
      String sub = step.equals("dossiers") ? "dossiers" : "";
      Result expected = cold(alone.resolve(sub), home, env, args);
      Result actual = served(client, Daemon.RUN, daemon.resolve(sub), home, env, args);
      assertEquals(expected, actual, String.join(" ", args));
      exits.add(actual.exit());
    }
    // The runs above cover each way a run ends: ok, stale, usage, and the work failed.
    assertEquals(List.of(0, 0, 0, 1, 0, 0, 2, 2, 0, 1), exits);
    assertTrue(Files.exists(daemon.resolve("dossiers/sub/t6.md")));
    assertFalse(Files.exists(Projects.REPO.resolve("sub")), "written in the daemon's folder");
    assertEquals(tree(alone), tree(daemon));
  }

  @Test
  void aDaemonWhoseJarChangedSendsClientsAwayAndStops() throws Exception {
    Daemon.Place place = place();
    Thread t = serve(place, 60_000, "a rebuilt jar");
    Result r = served(new Daemon.Client(place), Daemon.RUN, tmp, home, Map.of(), "list");
    assertEquals(new Result(null, "", ""), r, "the client runs the command itself");
    t.join(10_000);
    assertFalse(t.isAlive());
    assertFalse(Files.exists(place.socket()));
  }

  @Test
  void statusAndStop() throws Exception {
    Daemon.Place place = place();
    Thread t = serve(place, 60_000, place.key());
    Daemon.Client client = new Daemon.Client(place);
    Result status = served(client, Daemon.STATUS, tmp, home, Map.of());
    assertEquals(0, status.exit());
    assertTrue(status.out().startsWith("dossier daemon: pid " + ProcessHandle.current().pid() + ", serving "
        + place.socket()), status.out());
    Result stop = served(client, Daemon.STOP, tmp, home, Map.of());
    assertEquals(0, stop.exit(), stop.err());
    t.join(10_000);
    assertFalse(t.isAlive());
    assertNull(served(client, Daemon.STATUS, tmp, home, Map.of()).exit(), "nobody listens");
    assertTrue(log.toString().contains("stopped after 0 runs"), log.toString());
  }

  @Test
  void anIdleDaemonStopsAndOnlyOneServesAPlace() throws Exception {
    Daemon.Place place = place();
    Thread first = serve(place, 300, place.key());
    // A second daemon for the same jar, started while the first runs, leaves at once.
    new Daemon.Server(place, 60_000, place::key, new PrintWriter(log, true)).serve(() -> { });
    assertTrue(log.toString().contains("another daemon holds " + place.lock()), log.toString());
    first.join(10_000);
    assertFalse(first.isAlive(), "idle for 0.3 s");
    assertTrue(log.toString().contains("idle; stopping"), log.toString());
    assertFalse(Files.exists(place.socket()));
  }

  @Test
  void aSocketLeftByAKilledDaemonIsReplaced() throws Exception {
    Daemon.Place place = place();
    Files.writeString(place.socket(), "left over");
    serve(place, 60_000, place.key());
    assertEquals(0, served(new Daemon.Client(place), Daemon.STATUS, tmp, home, Map.of()).exit());
  }

  @Test
  void theSocketsFolderMustBeTheUsersAlone() throws IOException {
    Path open = tmp.resolve("open");
    Files.createDirectory(open, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    String problem = Daemon.privateDir(open);
    assertNotNull(problem);
    assertTrue(problem.contains("has mode rwxr-xr-x; make it rwx------"), problem);
    Path fresh = tmp.resolve("a/b/fresh");
    assertNull(Daemon.privateDir(fresh));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
  }

  @Test
  void noDaemonMeansTheClientRunsTheCommandItself() throws IOException {
    Result r = served(new Daemon.Client(place()), Daemon.RUN, tmp, home, Map.of(), "list");
    assertEquals(new Result(null, "", ""), r);
  }

  @Test
  void onlyWhenAskedForAndNeverForHelpVersionOrItself() {
    String[] generate = {"-C", "p", "generate", "track6"};
    assertTrue(Daemon.Client.wanted("on", Map.of(), generate));
    assertTrue(Daemon.Client.wanted("on", Map.of("DOSSIER_DAEMON", "on"), new String[] {"hook", "run"}));
    assertFalse(Daemon.Client.wanted(null, Map.of(), generate), "not asked for");
    assertFalse(Daemon.Client.wanted("on", Map.of("DOSSIER_DAEMON", "off"), generate));
    assertFalse(Daemon.Client.wanted("on", Map.of(), new String[] {"generate", "--help"}));
    assertFalse(Daemon.Client.wanted("on", Map.of(), new String[] {"check", "-V"}));
    assertFalse(Daemon.Client.wanted("on", Map.of(), new String[] {"--version"}));
    assertFalse(Daemon.Client.wanted("on", Map.of(), new String[] {"daemon", "stop"}));
    assertFalse(Daemon.Client.wanted("on", Map.of(), new String[] {"frobnicate"}), "usage: said here, in colour");
    // Tests run from target/classes, not a jar: there is no daemon for them.
    assertNull(Daemon.jar());
  }

  @Test
  void theWarmUpRunsEveryCommandItUsesWithoutAFailure() {
    StringWriter warm = new StringWriter();
    Daemon.warmUp(0, new PrintWriter(warm, true));
    assertEquals("warmed up: 1 rounds, all ok\n", warm.toString());
  }

  @Test
  void theKeyNamesTheJarItsSizeAndTime() throws IOException {
    Path jar = tmp.resolve("x.jar");
    Files.writeString(jar, "one");
    String k1 = Daemon.keyOf(jar);
    assertEquals(k1, Daemon.keyOf(jar));
    assertTrue(k1.matches("[0-9a-f]{16}"), k1);
    Files.writeString(jar, "other");
    assertFalse(k1.equals(Daemon.keyOf(jar)), "rebuilt");
  }
}
