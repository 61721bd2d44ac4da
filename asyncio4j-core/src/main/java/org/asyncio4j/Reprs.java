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
}
