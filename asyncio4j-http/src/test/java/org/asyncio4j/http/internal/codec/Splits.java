package org.asyncio4j.http.internal.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** The ways a vector is fed: whole, split in two at every byte boundary, one byte at a time. */
final class Splits {
  private Splits() {}

  static List<byte[]> whole(byte[] b) {
    return List.of(b);
  }

  static List<byte[]> at(byte[] b, int k) {
    return List.of(Arrays.copyOfRange(b, 0, k), Arrays.copyOfRange(b, k, b.length));
  }

  static List<byte[]> bytewise(byte[] b) {
    List<byte[]> out = new ArrayList<>(b.length);
    for (byte x : b) {
      out.add(new byte[] {x});
    }
    return out;
  }

  /**
   * Runs {@code run} over every feeding of {@code b} and returns the first feeding whose transcript
   * differs from the whole one's, as "split at k: transcript", or null when all agree.
   */
  static @org.jspecify.annotations.Nullable String firstDisagreement(
      byte[] b, Function<List<byte[]>, String> run) {
    String whole = run.apply(whole(b));
    for (int k = 1; k < b.length; k++) {
      String t = run.apply(at(b, k));
      if (!t.equals(whole)) {
        return "split at " + k + ": " + t + "\n  whole: " + whole;
      }
    }
    String t = run.apply(bytewise(b));
    if (!t.equals(whole)) {
      return "one byte at a time: " + t + "\n  whole: " + whole;
    }
    return null;
  }
}
