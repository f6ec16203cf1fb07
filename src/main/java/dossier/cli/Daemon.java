package dossier.cli;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import dossier.DossierException;
import picocli.CommandLine;

/**
 * A resident JVM that runs dossier's commands for the launcher and the pre-commit hook.
 *
 * <p>Why: a command's own work on a track is a few tens of milliseconds once the JIT has compiled
 * it, but a fresh JVM spends about 0.4 s setting up FreeMarker, flexmark, picocli and dossier's
 * classes and running them cold, every time. With a daemon, a run costs the client's JVM start
 * (about 0.07 s) and the work.
 *
 * <p>What it keeps between runs is code, never data: every run reads its spec, rows, templates'
 * output and files again, exactly as a process of its own would, so it can never serve a stale
 * number. The client sends everything a run depends on: its working folder, home, environment
 * (PG* variables, git's GIT_* in a hook), the arguments, its output encodings and whether usage
 * help is coloured; the server runs {@link Main#run} with them and streams back both outputs and
 * the exit code.
 *
 * <p>One daemon per user, jar and JDK: its socket lives in a folder only the user can enter
 * ({@code $XDG_RUNTIME_DIR/dossier}, else {@code java.io.tmpdir}{@code /dossier-USER}), named by a hash of the
 * jar's path, size, time and inode and of the JDK. A rebuilt jar gets a daemon of its own; the old
 * one notices that its jar changed and exits, as it does after {@link #DEFAULT_IDLE_MINUTES}
 * without a run. Runs are served one at a time.
 *
 * <p>Opt-in per process: {@code src/bin/dossier} and the hook pass {@code -Ddossier.daemon=on};
 * {@code DOSSIER_DAEMON=off} in the environment turns it off. A run that finds no daemon runs
 * in-process as before, then starts one in the background for the next run.
 */
final class Daemon {
  private Daemon() {}

  static final int MAGIC = 0x646f7301; // "dos" 1: the protocol's version
  static final int DEFAULT_IDLE_MINUTES = 30;

  // What a client asks.
  static final byte RUN = 1;
  static final byte STATUS = 2;
  static final byte STOP = 3;

  // Frames from the server: a tag, then for OUT/ERR a length and bytes, for EXIT an int.
  static final byte OUT = 1;
  static final byte ERR = 2;
  static final byte EXIT = 3;
  /** The server runs another jar or JDK than the client: the client runs the command itself. */
  static final byte GONE = 4;

  /** The arguments that a client never forwards: help and version texts, printed in the client's own JVM. */
  private static final Set<String> LOCAL = Set.of("-h", "--help", "-V", "--version");

  /** The mode of the sockets' folder: the user's alone. */
  private static final Set<java.nio.file.attribute.PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rwx------");

  /** Where one daemon keeps its socket, lock and log. */
  record Place(Path dir, String key) {
    Path socket() {
      return dir.resolve(key + ".sock");
    }

    Path lock() {
      return dir.resolve(key + ".lock");
    }

    Path log() {
      return dir.resolve(key + ".log");
    }

    /**
     * The place of this jar's daemon, or null (with the reason on {@code warnings}) when there is no
     * private folder for it or the code does not come from a jar.
     */
    static Place of(Map<String, String> env, PrintWriter warnings) {
      Path jar = jar();
      if (jar == null) {
        return null;
      }
      String runtime = env.get("XDG_RUNTIME_DIR");
      Path dir = runtime != null && !runtime.isEmpty() && Path.of(runtime).isAbsolute()
          ? Path.of(runtime, "dossier")
          : Path.of(System.getProperty("java.io.tmpdir"), "dossier-" + System.getProperty("user.name"));
      String problem = privateDir(dir);
      if (problem != null) {
        warnings.println("dossier: not using the daemon: " + problem);
        warnings.flush();
        return null;
      }
      Place place = new Place(dir, keyOf(jar));
      // A Unix socket's path has at most 107 bytes on Linux.
      return place.socket().toString().getBytes(StandardCharsets.UTF_8).length <= 100 ? place : null;
    }
  }

  /** The jar this code runs from, or null (classes from a folder, as in the tests). */
  static Path jar() {
    try {
      Path p = Path.of(Daemon.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(p) ? p : null;
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /** What names a jar and the JDK that runs it: a daemon serves clients of the same key only. */
  static String keyOf(Path jar) {
    String id;
    try {
      BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
      id = jar.toAbsolutePath() + "\0" + a.size() + "\0" + a.lastModifiedTime().toMillis() + "\0" + a.fileKey();
    } catch (IOException e) {
      id = jar.toAbsolutePath() + "\0gone";
    }
    id += "\0" + System.getProperty("java.home") + "\0" + System.getProperty("java.vm.version");
    // FNV-1a, 64 bits: a name, not a secret (the folder is what keeps others out).
    long h = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    String hex = Long.toHexString(h);
    return "0".repeat(16 - hex.length()) + hex;
  }

  /**
   * Makes {@code dir} if need be; null when it is the user's alone (mode 700, owned by the user),
   * else what is wrong with it. Anyone who could enter it could run commands as this user.
   */
  static String privateDir(Path dir) {
    try {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
      }
      // One stat: a run asks this before it sends its environment (PGPASSWORD, say) to the socket.
      PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.permissions().equals(PRIVATE)) {
        return dir + " has mode " + PosixFilePermissions.toString(a.permissions())
            + "; make it rwx------ (chmod 700) or remove it";
      }
      String owner = a.owner().getName();
      return owner.equals(System.getProperty("user.name")) ? null : dir + " belongs to " + owner + "; remove it";
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "cannot use " + dir + ": " + e;
    }
  }

  // ---- the client ----------------------------------------------------------------------------

  /** The client side, in a launcher's JVM: forwards a run to the daemon, or starts one. */
  static final class Client {
    private final Place place;

    Client(Place place) {
      this.place = place;
    }

    /**
     * The client for this process, or null when the daemon is not wanted: not asked for ({@code
     * -Ddossier.daemon=on}), turned off ({@code DOSSIER_DAEMON=off}), or {@code args} ask for help,
     * the version or the daemon itself, which run here.
     */
    static Client of(Map<String, String> env, String[] args) {
      if (!wanted(System.getProperty("dossier.daemon"), env, args)) {
        return null;
      }
      Place place = Place.of(env, new PrintWriter(System.err, true));
      return place == null ? null : new Client(place);
    }

    /** Whether a run of {@code args} goes to the daemon, given {@code -Ddossier.daemon} and the environment. */
    static boolean wanted(String property, Map<String, String> env, String[] args) {
      if (!"on".equals(property) || "off".equals(env.get("DOSSIER_DAEMON"))) {
        return false;
      }
      String named = Main.commandNamed(args);
      if (named == null || named.equals("daemon")) {
        return false;
      }
      for (String a : args) {
        if (LOCAL.contains(a)) {
          return false;
        }
      }
      return true;
    }

    /** Runs {@code args} in the daemon, with this process's environment, folders and terminal. */
    Integer serve(Map<String, String> env, Path home, Path cwd, String[] args) {
      return run(RUN, env, home, cwd, args, stdoutCharset(), stderrCharset(), null,
          new java.io.FileOutputStream(java.io.FileDescriptor.out), new java.io.FileOutputStream(java.io.FileDescriptor.err));
    }

    /**
     * Sends one request and copies what comes back to {@code out} and {@code err}.
     *
     * @return the exit code; null when no daemon took the request (none is running, or it runs
     *     another jar), so that the caller runs the command itself
     */
    Integer run(byte kind, Map<String, String> env, Path home, Path cwd, String[] args, Charset outCharset,
        Charset errCharset, Boolean ansi, OutputStream out, OutputStream err) {
      SocketChannel channel;
      try {
        channel = SocketChannel.open(UnixDomainSocketAddress.of(place.socket()));
      } catch (IOException e) {
        return null; // no daemon: its socket is missing, or nobody listens on it any more
      }
      boolean answered = false;
      try (channel) {
        DataOutputStream request = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
        request.writeInt(MAGIC);
        request.writeByte(kind);
        writeString(request, place.key());
        writeString(request, cwd.toString());
        writeString(request, home.toString());
        writeString(request, outCharset.name());
        writeString(request, errCharset.name());
        // Whether picocli would colour usage help here, on this terminal; asked only once a daemon answers.
        request.writeBoolean(ansi != null ? ansi : CommandLine.Help.Ansi.AUTO.enabled());
        request.writeInt(env.size());
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(env).entrySet()) {
          writeString(request, e.getKey());
          writeString(request, e.getValue());
        }
        request.writeInt(args.length);
        for (String a : args) {
          writeString(request, a);
        }
        request.flush();
        DataInputStream reply = new DataInputStream(Channels.newInputStream(channel));
        while (true) {
          int tag = reply.read();
          if (tag == GONE && !answered) {
            return null;
          }
          if (tag == OUT || tag == ERR) {
            answered = true;
            byte[] bytes = new byte[reply.readInt()];
            reply.readFully(bytes);
            OutputStream to = tag == OUT ? out : err;
            to.write(bytes);
            to.flush();
          } else if (tag == EXIT) {
            return reply.readInt();
          } else {
            throw new EOFException(tag == -1 ? "the connection closed" : "unknown frame " + tag);
          }
        }
      } catch (IOException e) {
        // The request reached the daemon, which may have done part of the work: running the command
        // again here could repeat it, so say what happened instead.
        PrintWriter w = new PrintWriter(new OutputStreamWriter(err, errCharset), true);
        w.println("dossier: the daemon stopped before the command finished (" + e.getMessage() + "); run the "
            + "command again (DOSSIER_DAEMON=off runs it without the daemon; its log is " + place.log() + ")");
        return DossierException.WORK_FAILED;
      }
    }

    /**
     * Starts a daemon in the background, unless one is starting already. It warms up before it
     * listens; until then runs go on in their own JVMs.
     */
    void startServer() {
      Path jar = jar();
      if (jar == null || !lockFree(place)) {
        return;
      }
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      // SerialGC, with a heap that shrinks back after a big sweep: the daemon stays small while it waits.
      command.addAll(List.of("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
          "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
      Path jsa = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "") + ".jsa");
      if (Files.isRegularFile(jsa)) {
        command.add("-XX:SharedArchiveFile=" + jsa);
      }
      String idle = System.getenv("DOSSIER_DAEMON_IDLE");
      if (idle != null && idle.matches("[0-9]{1,6}")) {
        command.add("-Ddossier.daemon.idle=" + idle);
      }
      command.addAll(List.of("-cp", jar.toString(), Main.class.getName(), "daemon", "serve"));
      ProcessBuilder builder = new ProcessBuilder(command).directory(place.dir().toFile())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(place.log().toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      try {
        builder.start();
      } catch (IOException e) {
        // No daemon then; this run is done and the next runs in its own JVM again.
      }
    }
  }

  /** Whether no daemon holds the lock of {@code place}: none is running or warming up. */
  private static boolean lockFree(Place place) {
    try (FileChannel ch = FileChannel.open(place.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = tryLock(ch);
      if (lock == null) {
        return false;
      }
      lock.release();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The lock of {@code file}, or null when a daemon holds it, in another process or (in tests) in this one. */
  private static FileLock tryLock(FileChannel file) throws IOException {
    try {
      return file.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return null;
    }
  }

  /** picocli's encoding of standard output (see {@code CommandLine.getOut}): the daemon writes in it. */
  static Charset stdoutCharset() {
    return charset(System.getProperty("sun.stdout.encoding"));
  }

  static Charset stderrCharset() {
    return charset(System.getProperty("sun.stderr.encoding"));
  }

  private static Charset charset(String name) {
    try {
      return name == null ? Charset.defaultCharset()
          : Charset.forName("cp65001".equalsIgnoreCase(name) ? "UTF-8" : name);
    } catch (RuntimeException e) {
      return Charset.defaultCharset();
    }
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 24) {
      throw new IOException("a string of " + n + " bytes");
    }
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }

  /** One warm-up run; what failed, if it did. */
  private static List<String> warmUpRun(Path project, PrintWriter quiet, List<String> args) {
    int exit = Main.run(Map.of(), project, project, quiet, quiet, CommandLine.Help.Ansi.OFF, args.toArray(String[]::new));
    return exit == 0 ? List.of() : List.of(String.join(" ", args) + " exited " + exit);
  }

  // ---- the server ----------------------------------------------------------------------------

  /** The daemon: serves runs on its socket until it is stopped, idle, or its jar changes. */
  static final class Server {
    private final Place place;
    private final long idleMillis;
    /** The key of the jar now on disk: when it differs from the place's, the daemon is out of date. */
    private final java.util.function.Supplier<String> currentKey;
    private final PrintWriter log;
    private final ReentrantLock running = new ReentrantLock(true);
    private final long started = System.currentTimeMillis();
    private volatile long lastUse = System.currentTimeMillis();
    private volatile boolean stopping;
    private volatile ServerSocketChannel socket;
    private int served;

    Server(Place place, long idleMillis, java.util.function.Supplier<String> currentKey, PrintWriter log) {
      this.place = place;
      this.idleMillis = idleMillis;
      this.currentKey = currentKey;
      this.log = log;
    }

    /**
     * Serves until stopped; returns at once when another daemon holds the place's lock. {@code
     * warmUp} runs before the socket opens, so no run ever waits for it.
     */
    void serve(Runnable warmUp) throws IOException {
      try (FileChannel lockFile = FileChannel.open(place.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           FileLock lock = tryLock(lockFile)) {
        if (lock == null) {
          log.println("another daemon holds " + place.lock());
          return;
        }
        warmUp.run();
        Files.deleteIfExists(place.socket()); // left by a daemon that was killed
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
          server.bind(UnixDomainSocketAddress.of(place.socket()));
          socket = server;
          log.println("serving " + place.socket() + " (pid " + ProcessHandle.current().pid() + ")");
          log.flush();
          Thread watchdog = new Thread(this::watch, "dossier-daemon-watchdog");
          watchdog.setDaemon(true);
          watchdog.start();
          while (!stopping) {
            SocketChannel client;
            try {
              client = server.accept();
            } catch (java.nio.channels.ClosedChannelException e) {
              break; // closed by stop()
            }
            lastUse = System.currentTimeMillis();
            Thread t = new Thread(() -> answer(client), "dossier-daemon-client");
            t.setDaemon(true);
            t.start();
          }
        } finally {
          Files.deleteIfExists(place.socket());
          log.println("stopped after " + served + " runs");
          log.flush();
        }
      }
    }

    /** Stops taking runs: the one running finishes, and {@link #serve} returns. */
    void stop() {
      stopping = true;
      ServerSocketChannel s = socket;
      try {
        if (s != null) {
          s.close();
        }
      } catch (IOException e) {
        // closing: nothing to do
      }
    }

    /** Stops the daemon when it has been idle too long or its jar changed under it. */
    private void watch() {
      while (!stopping) {
        try {
          Thread.sleep(Math.min(idleMillis, 10_000));
        } catch (InterruptedException e) {
          return;
        }
        boolean idle = !running.isLocked() && System.currentTimeMillis() - lastUse >= idleMillis;
        if (idle || !place.key().equals(currentKey.get())) {
          log.println(idle ? "idle; stopping" : "the jar changed; stopping");
          stop();
        }
      }
    }

    private void answer(SocketChannel client) {
      try (client) {
        DataInputStream in = new DataInputStream(Channels.newInputStream(client));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(client)));
        if (in.readInt() != MAGIC) {
          return; // not a client of this version: it gets nothing and runs the command itself
        }
        byte kind = in.readByte();
        String key = readString(in);
        Path cwd = Path.of(readString(in));
        Path home = Path.of(readString(in));
        Charset outCharset = Charset.forName(readString(in));
        Charset errCharset = Charset.forName(readString(in));
        boolean ansi = in.readBoolean();
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0, n = in.readInt(); i < n; i++) {
          env.put(readString(in), readString(in));
        }
        String[] args = new String[in.readInt()];
        for (int i = 0; i < args.length; i++) {
          args[i] = readString(in);
        }
        if (!key.equals(place.key()) || !key.equals(currentKey.get())) {
          out.writeByte(GONE);
          out.flush();
          stop();
          return;
        }
        Frames frames = new Frames(out);
        PrintWriter stdout = writer(frames, OUT, outCharset);
        PrintWriter stderr = writer(frames, ERR, errCharset);
        int exit;
        running.lock();
        try {
          exit = switch (kind) {
            case RUN -> run(env, home, cwd, stdout, stderr, ansi, args);
            case STATUS -> status(stdout);
            case STOP -> {
              stop();
              stdout.println("stopped the daemon (pid " + ProcessHandle.current().pid() + ")");
              yield 0;
            }
            default -> DossierException.USAGE;
          };
          stdout.flush();
          stderr.flush();
        } finally {
          lastUse = System.currentTimeMillis();
          running.unlock();
        }
        synchronized (out) {
          out.writeByte(EXIT);
          out.writeInt(exit);
          out.flush();
        }
        // After a big sweep, give the memory back while the daemon waits: once the client has its
        // exit code, not before.
        if (Runtime.getRuntime().totalMemory() > 256L << 20) {
          System.gc();
        }
      } catch (IOException | RuntimeException e) {
        log.println("a client: " + e);
        log.flush();
      }
    }

    private int run(Map<String, String> env, Path home, Path cwd, PrintWriter out, PrintWriter err, boolean ansi,
        String[] args) {
      served++;
      long start = System.nanoTime();
      int exit = DossierException.WORK_FAILED;
      try {
        exit = Main.run(env, home, cwd, out, err, ansi ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF, args);
        return exit;
      } catch (Error e) {
        // Out of memory, say: this JVM may be in no state to serve another run.
        err.println("dossier: internal error in the daemon: " + e + "; it stops (run the command again)");
        stop();
        return DossierException.WORK_FAILED;
      } finally {
        // Neither the arguments nor the folder: a --db URL may hold a password.
        log.printf(java.util.Locale.ROOT, "run %d: exit %d in %.1f ms%n", served, exit, (System.nanoTime() - start) / 1e6);
        log.flush();
      }
    }

    private int status(PrintWriter out) {
      out.println("dossier daemon: pid " + ProcessHandle.current().pid() + ", serving " + place.socket() + " for "
          + (System.currentTimeMillis() - started) / 1000 + " s, " + served + " runs, "
          + Runtime.getRuntime().totalMemory() / (1 << 20) + " MiB heap");
      return 0;
    }

    private static PrintWriter writer(Frames frames, byte tag, Charset charset) {
      // As picocli makes its own writers (CommandLine.newPrintWriter), on a stream of frames.
      return new PrintWriter(new BufferedWriter(new OutputStreamWriter(frames.stream(tag), charset)), true);
    }
  }

  /** Both outputs of a run over one connection, each write a frame. */
  private static final class Frames {
    private final DataOutputStream out;

    Frames(DataOutputStream out) {
      this.out = out;
    }

    OutputStream stream(byte tag) {
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          synchronized (out) {
            out.writeByte(tag);
            out.writeInt(len);
            out.write(b, off, len);
            out.flush();
          }
        }
      };
    }
  }

  /**
   * The daemon's warm-up, before it listens: a synthetic sweep (from the same generator as the
   * benchmarks) in a temporary project, generated, checked and refreshed until the JIT has compiled
   * the code a run goes through, for about {@code millis}. Nothing outside that project is read.
   */
  static void warmUp(long millis, PrintWriter log) {
    Path project = null;
    try {
      project = Files.createTempDirectory("dossier-warmup");
      PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream());
      String track = "big-4x25x5";
      List<List<String>> round = List.of(List.of("generate", track, "--force"), List.of("check"), List.of("refresh"),
          List.of("stats", track, "--format", "json"));
      List<String> failed = new ArrayList<>();
      failed.addAll(warmUpRun(project, quiet, List.of("sample-data", "--big", "4x25x5", "--out", project.toString())));
      long end = System.currentTimeMillis() + millis;
      int rounds = 0;
      do {
        for (List<String> args : round) {
          failed.addAll(warmUpRun(project, quiet, args));
        }
        rounds++;
      } while (System.currentTimeMillis() < end && failed.isEmpty());
      log.println("warmed up: " + rounds + " rounds, " + (failed.isEmpty() ? "all ok" : "failed: " + failed));
    } catch (IOException | RuntimeException e) {
      log.println("warm-up: " + e); // a cold daemon still serves, a little slower at first
    } finally {
      if (project != null) {
        try (Stream<Path> files = Files.walk(project)) {
          files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
          log.println("warm-up: cannot remove " + project + ": " + e);
        }
      }
      log.flush();
    }
  }

}
