package dossier.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.cli.JavaProcess;
import dossier.cli.Projects;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The build step that turns a library's invokedynamic string concatenations into StringBuilder
 * calls (src/build/java/dossier/build/InlineConcat.java), run as the build runs it: a fixture
 * compiled by javac with invokedynamic concatenation, jarred, rewritten, then run both ways.
 */
class InlineConcatTest {
  static final Path PROGRAM = Projects.REPO.resolve("src/build/java/dossier/build/InlineConcat.java");

  @TempDir Path tmp;

  // The recipes javac writes: literals around and between arguments, literals with \1 and \2 in
  // them (passed as constants), no literal at all, an interface's methods, a constructor, a
  // lambda, and a concatenation of 60 values. (javac turns an argument that is neither a String nor
  // a primitive into a String before the call site; call sites that take objects themselves, as
  // flexmark's do, are written with ASM below.)
  private static final String FIXTURE = """
      package fixture;

      import java.util.ArrayList;
      import java.util.List;
      import java.util.function.Supplier;

      public class Concat {
        interface Named {
          static String twice(String s) { return s + "|" + s; }
          default String name(int i) { return "named-" + i + "-" + this.getClass().getSimpleName(); }
        }
        static final class Thing implements Named {
          final String text;
          Thing(long id) { text = "thing#" + id + "/" + (id * 2); }
          @Override public String toString() { return text; }
        }
        static final class NullToString { @Override public String toString() { return null; } }

        public static List<String> all() {
          List<String> out = new ArrayList<>();
          boolean z = true; char c = 'é'; byte b = -7; short s = 300; int i = Integer.MIN_VALUE;
          long l = Long.MAX_VALUE; float f = -0.0f; double d = Double.NaN;
          String nul = null; Object none = null; char[] chars = {'a', 'b'}; int[] ints = {1};
          out.add("z=" + z + " c=" + c + " b=" + b + " s=" + s + " i=" + i + " l=" + l + " f=" + f + " d=" + d);
          out.add(1.0e-7 + "/" + 3.4028235e38f + "/" + (float) 1 / 3 + "/" + 0.1 + 0.2);
          out.add("null string: " + nul + ", null object: " + none + ", toString null: " + new NullToString());
          out.add("chars as an object: " + (chars.getClass() == char[].class) + " " + (("" + chars).startsWith("[C@")));
          out.add("ints: " + (("" + ints).startsWith("[I@")));
          out.add("" + i);
          out.add(nul + nul);
          out.add(z + "" + c);
          out.add("marks \\u0001 and \\u0002 in a literal: \\u0001" + i + "\\u0002" + c + "\\u0001\\u0002");
          out.add(Named.twice("x" + b) + new Thing(42).name(s) + new Thing(-1));
          Supplier<String> lambda = () -> "in a lambda " + l + c;
          out.add(lambda.get());
          StringBuilder sb = new StringBuilder("builder");
          out.add("a CharSequence " + sb + " and an enum " + Thread.State.NEW);
          out.add("many " + z + c + b + s + i + l + f + d + nul + none + z + c + b + s + i + l + f + d + nul + none
              + z + c + b + s + i + l + f + d + nul + none + z + c + b + s + i + l + f + d + nul + none
              + z + c + b + s + i + l + f + d + nul + none + z + c + b + s + i + l + f + d + nul + none + " end");
          String acc = "";
          for (int k = 0; k < 3; k++) { acc += k + ","; }
          out.add(acc);
          return out;
        }
      }
      """;

  @Test
  void theRewrittenClassesGiveTheSameStringsWithoutAnyConcatenationCallSite() throws Exception {
    for (String strategy : List.of("indyWithConstants", "indy")) {
      Path jar = compile(strategy);
      Map<String, byte[]> before = classes(jar);
      int sitesBefore = before.values().stream().mapToInt(InlineConcatTest::concatSites).sum();
      assertTrue(sitesBefore > 10, strategy + ": the fixture has concatenation call sites: " + sitesBefore);
      List<String> expected = run(jar);

      Path rewritten = tmp.resolve(strategy + "-rewritten.jar");
      Files.copy(jar, rewritten);
      String out = runProgram(rewritten);
      assertTrue(out.startsWith("InlineConcat: " + sitesBefore + " string concatenations in "), out);

      Map<String, byte[]> after = classes(rewritten);
      assertEquals(before.keySet(), after.keySet(), "the same entries");
      for (Map.Entry<String, byte[]> e : after.entrySet()) {
        assertEquals(0, concatSites(e.getValue()), strategy + ": " + e.getKey() + " has no call site left");
      }
      assertEquals(expected, run(rewritten), strategy);
    }
  }

  /** A value whose text is known only at run time, as flexmark's nodes and sequences are. */
  public static final class Shown {
    private final String text;

    public Shown(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      if (text.equals("throw")) {
        throw new IllegalStateException("toString failed");
      }
      return text.equals("null") ? null : text;
    }
  }

  // Call sites as flexmark has them (objects, sequences, arrays, null) and constants of every kind
  // a recipe may take, written with ASM: javac would not emit them. Each method returns its
  // concatenation of its arguments.
  private static final String OBJECTS = "(Ljava/lang/Object;[C[ILjava/lang/CharSequence;Ljava/lang/Object;"
      + "Ljava/lang/Thread$State;Ljava/lang/Object;)Ljava/lang/String;";
  private static final Object[][] BUILT = {
      // name, descriptor, bootstrap (recipe and constants; none for makeConcat)
      {"objects", OBJECTS, new Object[] {"a=\1 b=\1 c=\1 d=\1 e=\1 f=\1 g=\1"}},
      {"objectsNoRecipe", OBJECTS, null},
      {"constants", "(Ljava/lang/Object;I)Ljava/lang/String;",
          new Object[] {"\2|\1|\2|\2|\2|\2|\1|\2", "s\u0001t\u0002", 7, -3L, -0.0f, Double.NaN, ""}},
      {"onlyConstants", "()Ljava/lang/String;", new Object[] {"\2\2", Float.MIN_VALUE, Long.MIN_VALUE}},
      {"wide", "(JLjava/lang/Object;DLjava/lang/Object;)Ljava/lang/String;", new Object[] {"\1-\1-\1-\1"}},
      {"returnsCharSequence", "(Ljava/lang/Object;)Ljava/lang/CharSequence;", new Object[] {"<\1>"}},
  };

  @Test
  void callSitesThatTakeObjectsAndConstantsGiveTheSameStringsAndExceptions() throws Exception {
    Path jar = tmp.resolve("built.jar");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("fixture/Built.class"));
      out.write(built());
      out.closeEntry();
    }
    Path rewritten = tmp.resolve("built-rewritten.jar");
    Files.copy(jar, rewritten);
    String out = runProgram(rewritten);
    assertTrue(out.startsWith("InlineConcat: " + BUILT.length + " string concatenations in 1 classes"), out);
    assertEquals(0, concatSites(classes(rewritten).get("fixture/Built.class")));

    char[] chars = {'a', 'b'};
    int[] ints = {1, 2};
    List<Object[]> argumentSets = List.of(
        new Object[] {new Shown("x"), chars, ints, new StringBuilder("sb"), null, Thread.State.NEW, new Shown("null")},
        new Object[] {null, null, null, null, new Shown(""), null, "plain"},
        new Object[] {new Shown("throw"), chars, ints, "cs", null, null, null});
    try (URLClassLoader before = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        URLClassLoader after = new URLClassLoader(new URL[] {rewritten.toUri().toURL()}, null)) {
      Class<?> b = before.loadClass("fixture.Built");
      Class<?> a = after.loadClass("fixture.Built");
      for (Object[] args : argumentSets) {
        for (String name : List.of("objects", "objectsNoRecipe")) {
          assertSame(b, a, name, args);
        }
        assertSame(b, a, "constants", args[0], 42);
        assertSame(b, a, "wide", Long.MIN_VALUE, args[1], -0.0, args[6]);
        assertSame(b, a, "returnsCharSequence", args[0]);
      }
      assertSame(b, a, "onlyConstants");
      assertEquals("s\u0001t\u0002|x|7|-3|-0.0|NaN|42|", call(a, "constants", new Shown("x"), 42));
    }
  }

  /** The same result, or the same exception, from both versions of a method. */
  private static void assertSame(Class<?> before, Class<?> after, String name, Object... args) throws Exception {
    // (The message names the method only: an argument's toString may throw, on purpose.)
    assertEquals(call(before, name, args), call(after, name, args), name);
  }

  private static String call(Class<?> c, String name, Object... args) throws Exception {
    Method m = java.util.Arrays.stream(c.getMethods()).filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
    try {
      return String.valueOf(m.invoke(null, args));
    } catch (java.lang.reflect.InvocationTargetException e) {
      return "threw " + e.getCause();
    }
  }

  /** fixture.Built: one public static method per entry of {@link #BUILT}, its body the call site. */
  private static byte[] built() {
    org.objectweb.asm.ClassWriter cw = new org.objectweb.asm.ClassWriter(org.objectweb.asm.ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "fixture/Built", null, "java/lang/Object", null);
    String factory = "java/lang/invoke/StringConcatFactory";
    String lookup = "Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;";
    Handle withConstants = new Handle(Opcodes.H_INVOKESTATIC, factory, "makeConcatWithConstants",
        "(" + lookup + "Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;", false);
    Handle plain = new Handle(Opcodes.H_INVOKESTATIC, factory, "makeConcat",
        "(" + lookup + ")Ljava/lang/invoke/CallSite;", false);
    for (Object[] site : BUILT) {
      String name = (String) site[0];
      String descriptor = (String) site[1];
      Object[] bootstrapArgs = (Object[]) site[2];
      MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, name, descriptor, null, null);
      mv.visitCode();
      int slot = 0;
      for (org.objectweb.asm.Type t : org.objectweb.asm.Type.getArgumentTypes(descriptor)) {
        mv.visitVarInsn(t.getOpcode(Opcodes.ILOAD), slot);
        slot += t.getSize();
      }
      // The call site's own type says String even where the method returns a CharSequence.
      String siteType = descriptor.substring(0, descriptor.indexOf(')') + 1) + "Ljava/lang/String;";
      if (bootstrapArgs == null) {
        mv.visitInvokeDynamicInsn("makeConcat", siteType, plain);
      } else {
        mv.visitInvokeDynamicInsn("makeConcatWithConstants", siteType, withConstants, bootstrapArgs);
      }
      mv.visitInsn(Opcodes.ARETURN);
      mv.visitMaxs(0, 0);
      mv.visitEnd();
    }
    cw.visitEnd();
    return cw.toByteArray();
  }

  @Test
  void aClassWithoutConcatenationIsCopiedByteForByte() throws Exception {
    Path jar = compile("inline");
    Map<String, byte[]> before = classes(jar);
    assertTrue(before.values().stream().allMatch(b -> concatSites(b) == 0));
    Path rewritten = tmp.resolve("inline-rewritten.jar");
    Files.copy(jar, rewritten);
    assertTrue(runProgram(rewritten).startsWith("InlineConcat: 0 string concatenations in 0 classes"));
    Map<String, byte[]> after = classes(rewritten);
    assertEquals(before.keySet(), after.keySet());
    before.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, after.get(name)), name));
  }

  /** The fixture compiled with {@code -XDstringConcat=STRATEGY} into a jar. */
  private Path compile(String strategy) throws IOException {
    Path src = tmp.resolve(strategy + "/src/fixture/Concat.java");
    Path classes = tmp.resolve(strategy + "/classes");
    Files.createDirectories(src.getParent());
    Files.createDirectories(classes);
    Files.writeString(src, FIXTURE, StandardCharsets.UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-XDstringConcat=" + strategy, "--release", "17", "-encoding", "UTF-8",
        "-d", classes.toString(), src.toString());
    assertEquals(0, status, "javac");
    Path jar = tmp.resolve(strategy + ".jar");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
        Stream<Path> paths = Files.walk(classes)) {
      for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(p));
        out.closeEntry();
      }
    }
    return jar;
  }

  /** What {@code fixture.Concat.all()} returns, loaded from {@code jar} alone. */
  @SuppressWarnings("unchecked")
  private static List<String> run(Path jar) throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      Method all = loader.loadClass("fixture.Concat").getMethod("all");
      return new ArrayList<>((List<String>) all.invoke(null));
    }
  }

  /** The build's own invocation (pom.xml): {@code java -cp ASM InlineConcat.java JAR}. */
  static String runProgram(Path jar) throws Exception {
    String asm = Path.of(ClassReader.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    JavaProcess.Exit exit = JavaProcess.run("-cp", asm, PROGRAM.toString(), jar.toString());
    assertEquals(0, exit.code(), exit.out());
    return exit.out();
  }

  static Map<String, byte[]> classes(Path jar) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry e : file.stream().toList()) {
        if (e.getName().endsWith(".class")) {
          out.put(e.getName(), file.getInputStream(e).readAllBytes());
        }
      }
    }
    return out;
  }

  /** How many invokedynamic call sites of the class bootstrap through StringConcatFactory. */
  static int concatSites(byte[] classFile) {
    int[] count = {0};
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitInvokeDynamicInsn(String n, String d, Handle bootstrap, Object... args) {
            if (bootstrap.getOwner().equals("java/lang/invoke/StringConcatFactory")) {
              count[0]++;
            }
          }
        };
      }
    }, 0);
    return count[0];
  }
}
