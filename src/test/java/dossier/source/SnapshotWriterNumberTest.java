package dossier.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast canonical number is the plain, shortest decimal that BigDecimal would give. */
class SnapshotWriterNumberTest {
  @Test
  void fastFormEqualsTheBigDecimalForm() {
    SplittableRandom random = new SplittableRandom(20261121L);
    for (int i = 0; i < 300_000; i++) {
      double v = switch (i % 4) {
        case 0 -> random.nextDouble();
        case 1 -> Math.round(random.nextDouble() * 1e6) / 1e6 * (random.nextBoolean() ? 100 : -1);
        case 2 -> Double.longBitsToDouble(random.nextLong()); // any exponent, subnormals included
        default -> random.nextInt(100_000) / 100.0;
      };
      if (!Double.isFinite(v) || v == 0) {
        continue;
      }
      assertEquals(new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString(), SnapshotWriter.number(v),
          Double.toString(v));
    }
    assertEquals("10", SnapshotWriter.number(10.0));
    assertEquals("0.0001", SnapshotWriter.number(1e-4));
    assertEquals("12345678", SnapshotWriter.number(1.2345678e7));
    assertEquals("-0.5", SnapshotWriter.number(-0.5));
  }
}
