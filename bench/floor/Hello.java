/**
 * The reference point that issue 6 sets its start-up targets against: "a hello-world starts in
 * about 0.04 s on this 2-core machine". {@code bench/run.sh} (case {@code floor-hello}) runs it
 * with the JDK's defaults, no options, so that every run of the bench also says how fast this
 * machine starts a JVM at the time, and each case can be given as a multiple of it.
 */
public final class Hello {
  public static void main(String[] args) {
    System.out.println("hello, world");
  }
}
