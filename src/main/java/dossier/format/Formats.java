package dossier.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Every number of a dossier goes through here, in the house precision and always with Locale.ROOT
 * (a '.' decimal point whatever the machine). A value that is not finite prints as {@code n/a}.
 */
public final class Formats {
  public static final String NA = "n/a";

  private static final Pattern NEGATIVE_ZERO = Pattern.compile("-0(\\.0*)?");

  private Formats() {}

  /** {@code 0.4560}, {@code -0.0697}: f1_buy, ECE, mean Δ, CI bounds of the results layout. */
  public static String f4(double v) {
    return fixed(v, 4, false);
  }

  /** {@link #f4(double)} of a statistic that may be undefined: {@code n/a} then. */
  public static String f4(OptionalDouble v) {
    return v.isPresent() ? f4(v.getAsDouble()) : NA;
  }

  /** {@code 0.021}, {@code [-0.098, -0.049]}, sortino, Cohen's d in the results layout. */
  public static String f3(double v) {
    return fixed(v, 3, false);
  }

  public static String f3(OptionalDouble v) {
    return v.isPresent() ? f3(v.getAsDouble()) : NA;
  }

  /** {@code -1.11}: Cohen's d in the gate-decision layout. */
  public static String f2(double v) {
    return fixed(v, 2, false);
  }

  public static String f2(OptionalDouble v) {
    return v.isPresent() ? f2(v.getAsDouble()) : NA;
  }

  /** {@code +68.52}, {@code -1.19}: return, Δmax_drawdown, Δsortino. */
  public static String signed2(double v) {
    return fixed(v, 2, true);
  }

  /** {@code 47.4}: mean trades. */
  public static String f1(double v) {
    return fixed(v, 1, false);
  }

  /**
   * One decimal, rounded away from the inside of a range so that the printed range still holds
   * every value: {@code down} floors (the low end), otherwise ceils. -1.598 → -1.6, -1.240 → -1.2.
   */
  public static String f1Outward(double v, boolean down) {
    if (!Double.isFinite(v)) {
      return NA;
    }
    double scaled = new BigDecimal(Double.toString(v)).movePointRight(1).doubleValue();
    return f1((down ? Math.floor(scaled) : Math.ceil(scaled)) / 10);
  }

  /** {@code +10.7}: Δexpectancy. */
  public static String signed1(double v) {
    return fixed(v, 1, true);
  }

  /** {@code 6.10e-08}: p-values, three significant digits. */
  public static String p(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2e", v) : NA;
  }

  public static String p(OptionalDouble v) {
    return v.isPresent() ? p(v.getAsDouble()) : NA;
  }

  /** {@code 36}: trades, rounded half up. */
  public static String integer(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f", v) : NA;
  }

  /** {@code 10,000}. */
  public static String grouped(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  /** A threshold as written in a plan: {@code 0.015}, {@code 1}, {@code 0.05}. */
  public static String plain(double v) {
    if (v == 0) {
      return "0";
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /** {@code +0.015}, {@code 0}. */
  public static String plainSigned(double v) {
    return v > 0 ? "+" + plain(v) : plain(v);
  }

  /** {@code v} with {@code decimals} places, rounded half up, with a + before a positive value when {@code signed}. */
  public static String fixed(double v, int decimals, boolean signed) {
    if (!Double.isFinite(v)) {
      return NA;
    }
    String s = halfUp(v, decimals);
    return signed && !s.startsWith("-") ? "+" + s : s;
  }

  /**
   * A finite {@code v} with {@code decimals} places as {@code String.format(Locale.ROOT, "%.Nf")}
   * prints it (the digits of Double.toString rounded half up, as {@link #decimal} rounds them),
   * except that a value rounding to zero has no sign: -0.0000 would be a rounding artefact, not a
   * negative number.
   */
  public static String halfUp(double v, int decimals) {
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    return NEGATIVE_ZERO.matcher(s).matches() ? s.substring(1) : s;
  }

  /**
   * A finite {@code v} as the dossier prints it with {@code decimals} places: the shortest decimal
   * that reads back as {@code v} (Double.toString), rounded half up. A gate compares this with its
   * threshold, so that its verdict agrees with the decimal data and with the figure beside it.
   */
  public static BigDecimal decimal(double v, int decimals) {
    return new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP);
  }

  /**
   * {@code 0.866}, {@code ≤ 0.001}, {@code ≥ 0.999}: a posterior probability, 3 decimals; a mass
   * that would print 0.000 or 1.000 is shown as a bound, since it is neither impossible nor certain
   * (≤ rather than <, which Markdown would need escaped).
   */
  public static String probability(double v) {
    if (!Double.isFinite(v)) {
      return NA;
    }
    if (v < 0.0005) {
      return "≤ 0.001";
    }
    return v >= 0.9995 ? "≥ 0.999" : fixed(v, 3, false);
  }

  /** {@code 0.25}, {@code 0.111}, {@code 1}: a setting such as r, at most 3 decimals, no trailing zeros. */
  public static String upTo3(double v) {
    if (!Double.isFinite(v)) {
      return NA;
    }
    return decimal(v, 3).stripTrailingZeros().toPlainString();
  }
}
