package dossier.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FormatsTest {
  /** The former definition: String.format, with the sign of a rounded zero dropped. */
  private static String reference(double v, int decimals, boolean signed) {
    if (!Double.isFinite(v)) {
      return Formats.NA;
    }
    String s = String.format(Locale.ROOT, "%" + (signed ? "+" : "") + "." + decimals + "f", v);
    String zero = "0." + "0".repeat(decimals);
    if (s.equals("-" + zero) || s.equals("+" + zero)) {
      return signed ? "+" + zero : zero;
    }
    return s;
  }

  private static void check(double v) {
    assertEquals(reference(v, 4, false), Formats.f4(v), "f4 of " + v);
    assertEquals(reference(v, 3, false), Formats.f3(v), "f3 of " + v);
    assertEquals(reference(v, 2, false), Formats.f2(v), "f2 of " + v);
    assertEquals(reference(v, 1, false), Formats.f1(v), "f1 of " + v);
    assertEquals(reference(v, 2, true), Formats.signed2(v), "signed2 of " + v);
    assertEquals(reference(v, 1, true), Formats.signed1(v), "signed1 of " + v);
  }

  /** A gate compares Formats.decimal with its threshold: it must be the figure printed beside it. */
  private static void checkDecimal(double v) {
    for (int decimals = 0; decimals <= 4; decimals++) {
      assertEquals(Formats.decimal(v, decimals).toPlainString(), Formats.halfUp(v, decimals),
          "decimal and halfUp of " + v + " to " + decimals + " places");
    }
  }

  @Test
  void fixedDecimalsAreWhatStringFormatPrints() {
    for (double v : new double[] {0, -0.0, 0.5, -0.5, 0.05, 0.25, 0.125, -0.125, 1.0005, 2.675, 1.005, 0.00005,
        -0.00005, -0.00004999, 0.99995, -0.99995, 9.99995, 47.35, 47.45, -1.595, 1e-320, Double.MIN_VALUE,
        1e20, -1e20, 123456789.123456789, Double.MAX_VALUE, -Double.MAX_VALUE, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      check(v);
      if (Double.isFinite(v)) {
        checkDecimal(v);
      }
    }
    SplittableRandom random = new SplittableRandom(20261121);
    for (int i = 0; i < 200_000; i++) {
      double v = switch (i % 4) {
        // any magnitude
        case 0 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-8, 9));
        // on or next to a rounding boundary of 1 to 5 decimals: k.xxxx5
        case 1 -> {
          double boundary = (random.nextLong(-2_000_000, 2_000_000) * 10 + 5) / Math.pow(10, random.nextInt(2, 7));
          yield random.nextBoolean() ? boundary : Math.nextAfter(boundary, random.nextBoolean() ? 1 : -1);
        }
        // micro-units, as the sample data are written
        case 2 -> random.nextLong(-100_000_000, 100_000_000) / 1e6;
        // means of a few such values
        default -> (random.nextInt(-10_000, 10_000) / 1e4 + random.nextInt(-10_000, 10_000) / 1e4
            + random.nextInt(-10_000, 10_000) / 1e4) / 3;
      };
      check(v);
      if (i % 8 < 2) { // every kind of value (i % 4), on a quarter of them
        checkDecimal(v);
      }
    }
  }
}
