package dossier.build;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A build step (pom.xml, right after the shade plugin): in the shaded jar, every string
 * concatenation that a library compiled to {@code invokedynamic} ({@code StringConcatFactory})
 * becomes plain {@code StringBuilder} calls, as javac's {@code -XDstringConcat=inline} compiles
 * dossier's own.
 *
 * <p>Why: the first use of each such call site spins method-handle classes (lambda forms) at run
 * time, which no class-data-sharing archive of JDK 17 can hold. flexmark is compiled for Java 11,
 * with 254 such call sites in 95 classes; the 28 that a {@code generate} links (the patterns its
 * parser is built on) spun about 50 classes in every run, and the run took 7 to 9 % longer for
 * them (bench/README.md).
 *
 * <p>How: each such {@code invokedynamic} becomes an {@code invokestatic} of a private static
 * method added to the same class, with the same descriptor, that appends the recipe's pieces in
 * order (a literal, an argument, or a constant) and returns the string. The stack before and after
 * is the same, so nothing else in the method changes. The result is the same string:
 * {@code StringBuilder.append} writes each argument as {@code String.valueOf} does, which is what
 * the concatenation is specified to use ({@code null} as "null", arrays as objects). Classes
 * without such a call site are copied byte for byte.
 *
 * <p>Usage (as a source-file program, so that it is never part of the jar):
 * {@code java -cp asm.jar src/build/java/dossier/build/InlineConcat.java JAR}. The jar is replaced
 * atomically; its entries keep their order and times.
 */
public final class InlineConcat {
  private static final String FACTORY = "java/lang/invoke/StringConcatFactory";
  private static final byte[] MARK = FACTORY.getBytes(StandardCharsets.US_ASCII);
  private static final String BUILDER = "java/lang/StringBuilder";

  private InlineConcat() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java -cp asm.jar InlineConcat.java JAR");
      System.exit(2);
    }
    Path jar = Path.of(args[0]);
    int[] counts = rewriteJar(jar);
    System.out.println("InlineConcat: " + counts[0] + " string concatenations in " + counts[1]
        + " classes of " + jar.getFileName() + " now use StringBuilder");
  }

  /** Rewrites {@code jar} in place; returns {call sites, classes} rewritten. */
  static int[] rewriteJar(Path jar) throws IOException {
    Path tmp = jar.resolveSibling(jar.getFileName() + ".inline-concat.tmp");
    int sites = 0;
    int classes = 0;
    try (ZipFile in = new ZipFile(jar.toFile());
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp));
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        byte[] bytes;
        try (InputStream s = in.getInputStream(entry)) {
          bytes = s.readAllBytes();
        }
        if (entry.getName().endsWith(".class")) {
          Rewritten r = rewrite(bytes);
          if (r.sites() > 0) {
            sites += r.sites();
            classes++;
            bytes = r.bytes();
          }
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    } catch (IOException | RuntimeException ex) {
      Files.deleteIfExists(tmp);
      throw ex;
    }
    Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new int[] {sites, classes};
  }

  /** A class file and how many concatenations were rewritten in it (0: the bytes given). */
  record Rewritten(byte[] bytes, int sites) {}

  /** The class file with its {@code StringConcatFactory} call sites inlined. */
  static Rewritten rewrite(byte[] classFile) {
    if (!contains(classFile, MARK)) {
      return new Rewritten(classFile, 0); // no such call site can be in the class: leave it alone
    }
    ClassReader reader = new ClassReader(classFile);
    // COMPUTE_MAXS for the new methods; the stack-map frames of the others stay valid, since a
    // call site keeps its stack effect, and the new methods have no branch to need a frame. A new
    // constant pool (not the reader's): the bootstrap methods that no call site uses any more go.
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    Inliner inliner = new Inliner(writer);
    reader.accept(inliner, 0);
    if (inliner.sites == 0) {
      return new Rewritten(classFile, 0);
    }
    return new Rewritten(writer.toByteArray(), inliner.sites);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** One concatenation shape: its descriptor, recipe and constants (the helper's whole body). */
  private record Shape(String descriptor, String recipe, List<Object> constants) {}

  private static final class Inliner extends ClassVisitor {
    private String owner;
    private boolean isInterface;
    private final Set<String> methodNames = new HashSet<>();
    // One helper per distinct shape, in the order first met (a deterministic class file).
    private final Map<Shape, String> helpers = new LinkedHashMap<>();
    int sites;

    Inliner(ClassVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      owner = name;
      isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
      super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      methodNames.add(name);
      return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
        @Override
        public void visitInvokeDynamicInsn(String indyName, String indyDescriptor, Handle bootstrap, Object... args) {
          Shape shape = shapeOf(indyDescriptor, bootstrap, args);
          if (shape == null) {
            super.visitInvokeDynamicInsn(indyName, indyDescriptor, bootstrap, args);
            return;
          }
          String helper = helpers.computeIfAbsent(shape, s -> "concat$inline$" + helpers.size());
          sites++;
          super.visitMethodInsn(Opcodes.INVOKESTATIC, owner, helper, indyDescriptor, isInterface);
        }
      };
    }

    @Override
    public void visitEnd() {
      for (Map.Entry<Shape, String> h : helpers.entrySet()) {
        if (methodNames.contains(h.getValue())) {
          throw new IllegalStateException(owner + " already has a method named " + h.getValue());
        }
        writeHelper(h.getValue(), h.getKey());
      }
      super.visitEnd();
    }

    /** {@code new StringBuilder().append(piece)…toString()}, the pieces in the recipe's order. */
    private void writeHelper(String name, Shape shape) {
      MethodVisitor mv = super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
          name, shape.descriptor(), null, null);
      mv.visitCode();
      mv.visitTypeInsn(Opcodes.NEW, BUILDER);
      mv.visitInsn(Opcodes.DUP);
      mv.visitMethodInsn(Opcodes.INVOKESPECIAL, BUILDER, "<init>", "()V", false);
      Type[] params = Type.getArgumentTypes(shape.descriptor());
      int param = 0;
      int slot = 0;
      int constant = 0;
      StringBuilder literal = new StringBuilder();
      for (int i = 0; i < shape.recipe().length(); i++) {
        char c = shape.recipe().charAt(i);
        if (c == '\1') {
          appendLiteral(mv, literal);
          Type t = params[param++];
          mv.visitVarInsn(t.getOpcode(Opcodes.ILOAD), slot);
          slot += t.getSize();
          append(mv, t);
        } else if (c == '\2') {
          appendLiteral(mv, literal);
          Object k = shape.constants().get(constant++);
          mv.visitLdcInsn(k);
          append(mv, constantType(k));
        } else {
          literal.append(c);
        }
      }
      appendLiteral(mv, literal);
      if (param != params.length || constant != shape.constants().size()) {
        throw new IllegalStateException(owner + ": recipe " + printable(shape.recipe()) + " does not use its "
            + params.length + " arguments and " + shape.constants().size() + " constants");
      }
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, BUILDER, "toString", "()Ljava/lang/String;", false);
      mv.visitInsn(Opcodes.ARETURN);
      mv.visitMaxs(0, 0);
      mv.visitEnd();
    }

    private static void appendLiteral(MethodVisitor mv, StringBuilder literal) {
      if (literal.length() > 0) {
        mv.visitLdcInsn(literal.toString());
        append(mv, Type.getType(String.class));
        literal.setLength(0);
      }
    }

    /** The {@code append} overload that writes {@code t} as {@code String.valueOf} does. */
    private static void append(MethodVisitor mv, Type t) {
      String arg = switch (t.getSort()) {
        case Type.BOOLEAN -> "Z";
        case Type.CHAR -> "C";
        case Type.BYTE, Type.SHORT, Type.INT -> "I";
        case Type.LONG -> "J";
        case Type.FLOAT -> "F";
        case Type.DOUBLE -> "D";
        // A String appends itself ("null" for null); any other reference, arrays included,
        // goes through String.valueOf(Object) (append(char[]) would write the chars instead).
        case Type.OBJECT -> t.getInternalName().equals("java/lang/String") ? "Ljava/lang/String;" : "Ljava/lang/Object;";
        case Type.ARRAY -> "Ljava/lang/Object;";
        default -> throw new IllegalStateException("cannot append a value of type " + t);
      };
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, BUILDER, "append", "(" + arg + ")L" + BUILDER + ";", false);
    }

    private Type constantType(Object k) {
      if (k instanceof String) {
        return Type.getType(String.class);
      } else if (k instanceof Integer) {
        return Type.INT_TYPE;
      } else if (k instanceof Long) {
        return Type.LONG_TYPE;
      } else if (k instanceof Float) {
        return Type.FLOAT_TYPE;
      } else if (k instanceof Double) {
        return Type.DOUBLE_TYPE;
      }
      throw new IllegalStateException(owner + ": a concatenation constant of an unexpected kind: " + k);
    }

    /** The call site's shape when it is a string concatenation; null for any other call site. */
    private Shape shapeOf(String descriptor, Handle bootstrap, Object[] args) {
      if (!bootstrap.getOwner().equals(FACTORY)) {
        return null;
      }
      int arity = Type.getArgumentTypes(descriptor).length;
      if (bootstrap.getName().equals("makeConcat")) {
        return new Shape(descriptor, "\1".repeat(arity), List.of());
      }
      if (!bootstrap.getName().equals("makeConcatWithConstants") || args.length == 0
          || !(args[0] instanceof String recipe)) {
        throw new IllegalStateException(owner + ": a StringConcatFactory call site of an unknown kind: "
            + bootstrap.getName() + " " + Arrays.toString(args));
      }
      return new Shape(descriptor, recipe, new ArrayList<>(Arrays.asList(args).subList(1, args.length)));
    }

    private static String printable(String recipe) {
      return recipe.replace("\1", "\\1").replace("\2", "\\2");
    }
  }
}
