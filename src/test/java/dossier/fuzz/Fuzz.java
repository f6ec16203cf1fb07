package dossier.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.opentest4j.AssertionFailedError;

/**
 * The seeded fuzzing loop shared by {@link CsvFuzzTest}, {@link SpecFuzzTest} and
 * {@link BlocksFuzzTest}, and the mutations they share.
 *
 * <p>Determinism: a target's cases come from {@code new SplittableRandom(seed)} (the JDK pins its
 * algorithm, SplitMix64), which draws one seed per case; case {@code i} is generated from its own
 * {@code SplittableRandom(caseSeed)}, so a failure names the case seed and the input, and the same
 * seed and count always give the same inputs.
 *
 * <p>Hangs: the whole batch runs under {@code assertTimeoutPreemptively} with a generous limit
 * (scaled with the case count), and a timeout names the case that was running. The limit only
 * catches hangs; it is not a performance assertion.
 *
 * <p>A longer campaign: {@code mvn -o test -Dtest='*FuzzTest' -Dfuzz.cases=1000000} (cases per
 * test method), with {@code -Dfuzz.seed=12345} (or {@code 0x…}) for other inputs than CI's. One
 * case again, from the case seed a failure names: {@code -Dtest=SpecFuzzTest -Dfuzz.replay=-42…}.
 */
final class Fuzz {
  /** The hang guard of a batch of the default size; it grows with {@code -Dfuzz.cases}. */
  static final Duration LIMIT = Duration.ofSeconds(120);

  /** {@code -Dfuzz.replay=<case seed>}: run that one case only. */
  private static final String REPLAY = System.getProperty("fuzz.replay");

  private Fuzz() {}

  /** The seed of a campaign: {@code -Dfuzz.seed}, or the test's fixed seed. */
  static long seed(long fixed) {
    String value = System.getProperty("fuzz.seed");
    return value == null || value.isBlank() ? fixed : Long.decode(value.strip());
  }

  /** The number of cases of a test method: {@code -Dfuzz.cases}, or the test's fixed count. */
  static int cases(int fixed) {
    String value = System.getProperty("fuzz.cases");
    return value == null || value.isBlank() ? fixed : Integer.parseInt(value.strip().replace("_", ""));
  }

  /** One fuzz target: how to make an input, and what must hold for it. */
  interface Target<T> {
    T generate(SplittableRandom r);

    /**
     * Runs the code under test on {@code input}; returns normally when it accepted the input,
     * throws the {@link DossierException} it refused the input with, and anything else is a bug.
     * Properties of the outcome are asserted here.
     */
    void check(T input) throws Exception;

    /** What a DossierException must look like for this target (file named, …). */
    default void checkError(T input, DossierException e) {}

    /** The input as a Java string literal for the failure message. */
    String show(T input);
  }

  /** Counts of one batch. */
  record Outcome(int cases, int accepted, int refused, long millis, long cpuMillis, long slowestMillis) {}

  /**
   * Runs {@code cases} cases of {@code target} from {@code seed}; fails if a case throws anything
   * but a DossierException or breaks a property (reporting the first case of each kind of failure,
   * after the batch or after 20 kinds), or if the batch hangs.
   */
  static <T> Outcome run(String name, long seed, int requested, int fixedCases, Target<T> target) {
    int cases = REPLAY == null ? requested : 1;
    Duration limit = LIMIT.multipliedBy(Math.max(1, (cases + fixedCases - 1) / fixedCases));
    java.util.concurrent.atomic.AtomicReference<String> running = new java.util.concurrent.atomic.AtomicReference<>();
    Outcome o = assertTimeoutPreemptively(limit, () -> loop(name, seed, cases, target, running),
        () -> name + ": the batch did not finish in " + limit + "; " + running.get() + " hangs");
    System.out.printf(Locale.ROOT, "fuzz %s: %d cases, seed %d, %d accepted, %d refused (DossierException),"
        + " %.1f s (%.1f s of CPU), slowest case %d ms%n", name, o.cases(), seed, o.accepted(), o.refused(),
        o.millis() / 1000.0, o.cpuMillis() / 1000.0, o.slowestMillis());
    if (cases >= 1000) {
      // Not a property of the code: a guard that the generator still reaches both outcomes.
      assertTrue(o.accepted() >= cases / 100, name + ": under 1 % of the inputs were accepted: " + o);
      assertTrue(o.refused() >= cases / 100, name + ": under 1 % of the inputs were refused: " + o);
    }
    return o;
  }

  private static <T> Outcome loop(String name, long seed, int cases, Target<T> target,
      java.util.concurrent.atomic.AtomicReference<String> running) {
    SplittableRandom master = new SplittableRandom(seed);
    int accepted = 0;
    int refused = 0;
    long slowest = 0;
    // The first failure of each kind (exception class and where it was thrown), reported together.
    java.util.Map<String, AssertionFailedError> failures = new java.util.LinkedHashMap<>();
    int failed = 0;
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = 0; i < cases && failures.size() < 20; i++) {
      long caseSeed = REPLAY == null ? master.nextLong() : Long.decode(REPLAY);
      T input = target.generate(new SplittableRandom(caseSeed));
      running.set(String.format(Locale.ROOT, "case %d (campaign seed %d, case seed %d)", i, seed, caseSeed));
      long t0 = System.nanoTime();
      Throwable bad = null;
      try {
        target.check(input);
        accepted++;
      } catch (DossierException e) {
        try {
          target.checkError(input, e);
          refused++;
        } catch (Throwable t) {
          bad = t;
        }
      } catch (Throwable t) {
        bad = t;
      }
      if (bad != null) {
        failed++;
        if (!failures.containsKey(kind(bad))) {
          failures.put(kind(bad), failure(name, seed, i, caseSeed, target.show(input), bad));
        }
      }
      slowest = Math.max(slowest, (System.nanoTime() - t0) / 1_000_000);
    }
    if (!failures.isEmpty()) {
      AssertionFailedError first = failures.values().iterator().next();
      AssertionFailedError all = new AssertionFailedError(String.format(Locale.ROOT,
          "%s: %d failing case(s) of %d kind(s); the first of each kind follows%n%n%s", name, failed,
          failures.size(), String.join(String.format("%n%n"), failures.values().stream()
              .map(Throwable::getMessage).toList())), first.getCause());
      throw all;
    }
    return new Outcome(cases, accepted, refused, (System.nanoTime() - start) / 1_000_000,
        (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000, slowest);
  }

  /** A failure's kind: the property broken, or the exception's class and where it was thrown. */
  private static String kind(Throwable t) {
    if (t instanceof AssertionError) { // a property: its message's first three words
      String[] words = String.valueOf(t.getMessage()).split(" ", 4);
      return "property: " + String.join(" ", java.util.Arrays.copyOf(words, Math.min(3, words.length)));
    }
    StackTraceElement[] frames = t.getStackTrace();
    return t.getClass().getName() + (frames.length == 0 ? "" : " at " + frames[0]);
  }

  private static AssertionFailedError failure(String name, long seed, int i, long caseSeed, String input,
      Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    String stack = printable(trace.toString());
    if (stack.length() > 4000) {
      stack = stack.substring(0, 4000) + "\n\t…";
    }
    return new AssertionFailedError(String.format(Locale.ROOT,
        "%s: case %d (campaign seed %d, case seed %d) threw %s%ninput: %s%n%s", name, i, seed, caseSeed,
        t.getClass().getName(), input, stack), t);
  }

  // ---- inputs ------------------------------------------------------------------------------------

  static final Path REPO = Path.of("").toAbsolutePath();

  static byte[] bytes(String repoPath) {
    try {
      return Files.readAllBytes(REPO.resolve(repoPath));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code content} over {@code file} in place. Not {@code Files.write}: on ext4, truncating
   * a file to zero and writing it again makes close() flush it to disk, 20 times slower.
   */
  static void overwrite(Path file, byte[] content) throws IOException {
    try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(file,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(content);
      while (b.hasRemaining()) {
        c.write(b);
      }
      c.truncate(content.length);
    }
  }

  static String text(String repoPath) {
    return new String(bytes(repoPath), StandardCharsets.UTF_8);
  }

  /** A Java string literal of {@code s}, cut to {@code max} characters. */
  static String literal(String s, int max) {
    StringBuilder out = new StringBuilder("\"");
    int n = Math.min(s.length(), max);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
    if (s.length() > max) {
      out.append(" + … (").append(s.length()).append(" chars)");
    }
    return out.toString();
  }

  /**
   * {@code s} with control characters other than line breaks and tabs, and lone surrogates,
   * escaped: an exception's message may quote the input, and surefire cuts a report at a
   * character it cannot encode.
   */
  static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      if (pair) {
        out.append(c).append(s.charAt(++i));
      } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || Character.isSurrogate(c)) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Bytes as a Java {@code new byte[] {…}}-style list, cut to {@code max} bytes, UTF-8 shown as text. */
  static String literal(byte[] b, int max) {
    // Most inputs are UTF-8 text with a few bad bytes: show the text, and the bytes if it is not exact.
    String asText = new String(b, StandardCharsets.UTF_8);
    if (java.util.Arrays.equals(asText.getBytes(StandardCharsets.UTF_8), b)) {
      return literal(asText, max) + ".getBytes(UTF_8)";
    }
    StringBuilder out = new StringBuilder("bytes{");
    int n = Math.min(b.length, max);
    for (int i = 0; i < n; i++) {
      out.append(i == 0 ? "" : ",").append(b[i]);
    }
    return out.append(b.length > max ? ",… (" + b.length + " bytes)}" : "}").toString();
  }

  // ---- shared mutations --------------------------------------------------------------------------

  static <E> E pick(SplittableRandom r, List<E> from) {
    return from.get(r.nextInt(from.size()));
  }

  @SafeVarargs
  static <E> E pick(SplittableRandom r, E... from) {
    return from[r.nextInt(from.length)];
  }

  /** Splits into lines, each keeping its line break ({@code \n}, {@code \r\n} or {@code \r}). */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        out.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

  /** A random run of whole lines (at least one, at most {@code max}), the first one kept first if asked. */
  static List<String> window(SplittableRandom r, List<String> lines, int max, boolean keepFirst) {
    List<String> out = new ArrayList<>();
    if (keepFirst) {
      out.add(lines.get(0));
    }
    int n = 1 + r.nextInt(Math.min(max, lines.size()));
    int from = (keepFirst ? 1 : 0) + r.nextInt(Math.max(1, lines.size() - n - (keepFirst ? 1 : 0) + 1));
    for (int i = from; i < Math.min(lines.size(), from + n); i++) {
      out.add(lines.get(i));
    }
    return out;
  }

  /** Deletes, duplicates, swaps, moves or blanks a line. */
  static void mutateLines(SplittableRandom r, List<String> lines) {
    if (lines.isEmpty()) {
      lines.add("\n");
      return;
    }
    int i = r.nextInt(lines.size());
    int j = r.nextInt(lines.size());
    switch (r.nextInt(6)) {
      case 0 -> lines.remove(i);
      case 1 -> lines.add(i, lines.get(i));
      case 2 -> {
        String t = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, t);
      }
      case 3 -> lines.add(j, lines.remove(i));
      case 4 -> lines.add(i, pick(r, "\n", "\r\n", "\r", "", " \n", "\t\n"));
      default -> {
        // join a line with the next one: drop its line break
        String t = lines.get(i);
        lines.set(i, t.replaceAll("[\r\n]+$", ""));
      }
    }
  }

  static String join(List<String> lines) {
    return String.join("", lines);
  }

  /** Inserts {@code piece} at a random place of {@code s}. */
  static String insert(SplittableRandom r, String s, String piece) {
    int at = r.nextInt(s.length() + 1);
    return s.substring(0, at) + piece + s.substring(at);
  }

  /** Replaces a random span of {@code s} (up to {@code max} chars) with {@code piece}. */
  static String replaceSpan(SplittableRandom r, String s, String piece, int max) {
    int at = r.nextInt(s.length() + 1);
    int end = Math.min(s.length(), at + r.nextInt(max + 1));
    return s.substring(0, at) + piece + s.substring(end);
  }

  /** Cuts {@code s} at a random point. */
  static String cut(SplittableRandom r, String s) {
    return s.substring(0, r.nextInt(s.length() + 1));
  }

  /** Characters that trip up text formats. */
  static final List<String> NASTY_CHARS = List.of("\"", "'", ",", "\n", "\r", "\r\n", "\t", " ", "\uFEFF", "\0",
      "\\", "#", ":", "-", "`", "<", ">", "|", "\u2028", "\u0085", "\uD800", "\uDC00", "\uD83D\uDE00", "é", "γ",
      "\u00A0", "\u200B", "\u202E", "\u0007", "\u001B", "\uFFFF", "\uFFFE");

  /** Byte-level damage: one of bit flips, bad UTF-8, NUL, BOM, CR/LF, cutting, duplicating a span. */
  static byte[] mutateBytes(SplittableRandom r, byte[] in) {
    byte[][] bad = {
        {(byte) 0xC3}, {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80},
        {0}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {'\r'}, {'\n'}, {'\r', '\n'}, {'"'}, {','},
        {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}};
    int at = r.nextInt(in.length + 1);
    return switch (r.nextInt(6)) {
      case 0 -> {
        if (in.length == 0) {
          yield in;
        }
        byte[] out = in.clone();
        int i = r.nextInt(out.length);
        out[i] ^= (byte) (1 << r.nextInt(8));
        yield out;
      }
      case 1, 2 -> splice(in, at, at, bad[r.nextInt(bad.length)]);
      case 3 -> java.util.Arrays.copyOf(in, at); // cut
      case 4 -> { // delete a span
        int end = Math.min(in.length, at + r.nextInt(64));
        yield splice(in, at, end, new byte[0]);
      }
      default -> { // duplicate a span
        int end = Math.min(in.length, at + r.nextInt(64));
        yield splice(in, at, at, java.util.Arrays.copyOfRange(in, at, end));
      }
    };
  }

  static byte[] splice(byte[] in, int from, int to, byte[] piece) {
    byte[] out = new byte[in.length - (to - from) + piece.length];
    System.arraycopy(in, 0, out, 0, from);
    System.arraycopy(piece, 0, out, from, piece.length);
    System.arraycopy(in, to, out, from + piece.length, in.length - to);
    return out;
  }
}
