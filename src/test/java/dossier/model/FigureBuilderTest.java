package dossier.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FigureBuilderTest {
  /** User units print as String.format's "%.1f" did, so that the committed figures stay byte for byte. */
  @Test
  void userUnitsAreWhatStringFormatPrints() {
    for (double v : new double[] {0, -0.0, 0.05, -0.05, -0.04, 0.04, 0.15, 0.25, -0.25, 1.05, 2.45, 123.456, -987.65,
        1e20, Double.MIN_VALUE, -Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertEquals(String.format(Locale.ROOT, "%.1f", v), FigureBuilder.u(v), "u(" + v + ")");
    }
    SplittableRandom random = new SplittableRandom(20261121);
    for (int i = 0; i < 200_000; i++) {
      double v = i % 2 == 0
          ? (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-3, 5))
          : (random.nextInt(-200_000, 200_000) * 2 + 1) / 20.0; // on a rounding boundary: k.k5
      assertEquals(String.format(Locale.ROOT, "%.1f", v), FigureBuilder.u(v), "u(" + v + ")");
    }
  }
}
