package dossier.gates;

import dossier.format.Formats;
import java.math.BigDecimal;

/**
 * A gate's input as its evidence prints it, and as the gate decides on it: the value rounded half
 * up to {@code decimals} places ({@link Formats#decimal}). Deciding on the printed decimal rather
 * than the double keeps the verdict in agreement with the data, which are decimals, and with the
 * figure beside it: a Δ of exactly +0.015 in the rows may sum to 0.01499999999999998 in binary,
 * prints "0.0150", and passes "≥ +0.015". Two sweeps with the same decimal data get the same verdict.
 *
 * @param signed whether the text has a + before a positive value
 */
public record Printed(double value, int decimals, boolean signed) {
  public static Printed of(double value, int decimals) {
    return new Printed(value, decimals, false);
  }

  public static Printed signed(double value, int decimals) {
    return new Printed(value, decimals, true);
  }

  public boolean finite() {
    return Double.isFinite(value);
  }

  /** The text beside the verdict, {@code n/a} for a value that is not finite. */
  @Override
  public String toString() {
    return Formats.fixed(value, decimals, signed);
  }

  /** The value as printed, rounded half up to its decimals: what a label such as "medium" reads. */
  public double asPrinted() {
    if (!finite()) {
      throw new IllegalStateException("a value that is not finite has no printed decimal: " + value);
    }
    return Formats.decimal(value, decimals).doubleValue();
  }

  public boolean atLeast(double threshold) {
    return compareTo(threshold) >= 0;
  }

  public boolean atMost(double threshold) {
    return compareTo(threshold) <= 0;
  }

  public boolean above(double threshold) {
    return compareTo(threshold) > 0;
  }

  public boolean below(double threshold) {
    return compareTo(threshold) < 0;
  }

  /** A threshold is a plan's decimal, read back from its shortest repr; a non-finite value compares as no number. */
  private int compareTo(double threshold) {
    if (!finite()) {
      throw new IllegalStateException("a gate compared a value that is not finite: " + value);
    }
    return Formats.decimal(value, decimals).compareTo(new BigDecimal(Double.toString(threshold)));
  }
}
