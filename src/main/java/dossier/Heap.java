package dossier;

/** The JVM's heap limit, as an out-of-memory message states it and says how to raise it. */
public final class Heap {
  private static final long MIB = 1 << 20;

  private Heap() {}

  /** The limit, rounded: "Java's heap is limited to 64 MB (-Xmx)". */
  public static String limit() {
    return "Java's heap is limited to " + Math.round((double) Runtime.getRuntime().maxMemory() / MIB) + " MB (-Xmx)";
  }

  /**
   * A setting with four times the heap, which src/bin/dossier passes to Java: "JAVA_OPTS=-Xmx256m",
   * or in gigabytes from 1 GB up: "JAVA_OPTS=-Xmx2g".
   */
  public static String more() {
    long mb = 4 * Math.round((double) Runtime.getRuntime().maxMemory() / MIB);
    return "JAVA_OPTS=-Xmx" + (mb >= 1024 ? (mb + 1023) / 1024 + "g" : mb + "m");
  }
}
