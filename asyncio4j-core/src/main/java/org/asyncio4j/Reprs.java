package org.asyncio4j;

import org.jspecify.annotations.Nullable;

/** Short, bounded renderings of values for {@code toString()} and error messages. */
final class Reprs {
  /** Longest rendering of a result in a repr; CPython's reprlib keeps about as much. */
  private static final int MAX_REPR_CHARS = 60;

  private Reprs() {}

  static String shortRepr(@Nullable Object value) {
    String s;
    if (value instanceof String str) {
      s = "'" + str + "'";
    } else {
      s = String.valueOf(value);
    }
    if (s.length() > MAX_REPR_CHARS) {
      s = s.substring(0, MAX_REPR_CHARS - 3) + "...";
    }
    return s;
  }

  /**
   * A length of time for a message, as people write it: "1.5 s", "10 ms", "2 s" (never a raw clock
   * reading).
   */
  static String seconds(long nanos) {
    if (nanos < 0) {
      nanos = 0;
    }
    if (nanos < 1_000_000_000L) {
      long micros = nanos / 1_000;
      return micros % 1_000 == 0 || micros >= 100_000
          ? (micros + 500) / 1_000 + " ms"
          : java.math.BigDecimal.valueOf(micros, 3).stripTrailingZeros().toPlainString() + " ms";
    }
    long millis = (nanos + 500_000) / 1_000_000;
    return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
  }
}
