package org.asyncio4j.http.internal.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The {@code Date} header's value (IMF-fixdate, RFC 9110 5.6.7: {@code Sun, 06 Nov 1994 08:49:37
 * GMT}), formatted at most once per second of the clock. Safe to share between loops: the cached
 * pair is immutable and published through a volatile field; two loops that race to format the same
 * second format it twice, harmlessly.
 */
public final class DateCache {
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  /** One second's formatting (a class, not a record: it holds an array). */
  private static final class Entry {
    final long second;
    final String text;
    final byte[] bytes;

    Entry(long second, String text, byte[] bytes) {
      this.second = second;
      this.text = text;
      this.bytes = bytes;
    }
  }

  private final LongSupplier millisClock;
  private volatile Entry entry;

  /** A cache on the system clock. */
  public DateCache() {
    this(System::currentTimeMillis);
  }

  /** A cache on a clock of epoch milliseconds (tests pass their own). */
  public DateCache(LongSupplier millisClock) {
    this.millisClock = millisClock;
    this.entry = format(Math.floorDiv(millisClock.getAsLong(), 1000));
  }

  /** The current date as text. */
  public String text() {
    return current().text;
  }

  /** The current date as ISO-8859-1 bytes (shared: do not modify). */
  public byte[] bytes() {
    return current().bytes;
  }

  private Entry current() {
    long second = Math.floorDiv(millisClock.getAsLong(), 1000);
    Entry e = entry;
    if (e.second != second) {
      e = format(second);
      entry = e;
    }
    return e;
  }

  /** The IMF-fixdate of an epoch second. */
  public static String format(Instant instant) {
    return IMF_FIXDATE.format(instant);
  }

  private static Entry format(long second) {
    String text = IMF_FIXDATE.format(Instant.ofEpochSecond(second));
    return new Entry(second, text, text.getBytes(StandardCharsets.ISO_8859_1));
  }
}
