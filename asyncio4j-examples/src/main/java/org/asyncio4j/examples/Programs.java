package org.asyncio4j.examples;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.VoidCoroutine;
import org.asyncio4j.net.Server;
import org.jspecify.annotations.Nullable;

/**
 * What the ported programs share: Python's clocks and number formats, and a timed {@code
 * asyncio.run}.
 *
 * <p>Clocks read the running loop's clock rather than {@code System.nanoTime()}, so a program run
 * on a virtual-time loop prints exact figures ("executed in 1.00 seconds.") and its tests can
 * assert them.
 */
final class Programs {
  /** {@code time.strftime('%X')} in the C locale. */
  private static final DateTimeFormatter STRFTIME_X = DateTimeFormatter.ofPattern("HH:mm:ss");

  private static final double NANOS_PER_SECOND = 1e9;

  private Programs() {}

  /**
   * Runs {@code main} with {@code Asyncio.run} on a loop built from {@code settings}, and returns
   * how long its body took on the loop's clock.
   */
  static Duration runTimed(VoidCoroutine main, EventLoop.Builder settings) {
    return Asyncio.run(
        () -> {
          EventLoop loop = Asyncio.getRunningLoop();
          long start = loop.timeNanos();
          main.run();
          return Duration.ofNanos(loop.timeNanos() - start);
        },
        settings);
  }

  /** {@code time.perf_counter()}: the running loop's clock, in seconds. */
  static double perfCounter() {
    return Asyncio.getRunningLoop().timeNanos() / NANOS_PER_SECOND;
  }

  /** Python's {@code f"{x:0.2f}"}. */
  static String twoDecimals(double x) {
    return String.format(Locale.ROOT, "%.2f", x);
  }

  /** Python's {@code f"{d:0.2f}"} of a duration in seconds. */
  static String twoDecimals(Duration d) {
    return twoDecimals(seconds(d));
  }

  /** A duration in seconds, as Python measures time. */
  static double seconds(Duration d) {
    return d.toNanos() / NANOS_PER_SECOND;
  }

  /** The wall clock in the local time zone, the one {@code time.strftime} uses. */
  static Clock localClock() {
    return Clock.system(ZoneId.systemDefault());
  }

  /**
   * Returns {@code time.strftime('%X')} for the running program: the time of day of {@code wall}
   * when this is called, moved on by the running loop's clock. On a real-time loop that is the time
   * of day; on a virtual-time loop with a fixed {@code wall} it is exact.
   */
  static Supplier<String> strftimeX(Clock wall) {
    EventLoop loop = Asyncio.getRunningLoop();
    LocalTime start = LocalTime.now(wall);
    long startNanos = loop.timeNanos();
    return () -> start.plusNanos(loop.timeNanos() - startNanos).format(STRFTIME_X);
  }

  /**
   * Python's {@code repr()} of a str: single quotes unless the text holds a single quote and no
   * double one, backslash escapes for the quote, the backslash and control characters.
   */
  static String repr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder(s.length() + 2).append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c == quote) {
            b.append('\\').append(c);
          } else if (c < 0x20 || c == 0x7f) {
            b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append(quote).toString();
  }

  /**
   * A socket address as Python prints the tuple of {@code getsockname()} or {@code
   * get_extra_info('peername')}: {@code ('127.0.0.1', 8888)}, or {@code ('::1', 8888, 0, 0)} for
   * IPv6; any other address (a Unix socket's path) as its {@code toString()}.
   */
  static String sockaddr(@Nullable Object address) {
    if (address instanceof InetSocketAddress a && a.getAddress() != null) {
      return a.getAddress() instanceof Inet6Address v6
          ? "(" + repr(ipv6(v6)) + ", " + a.getPort() + ", 0, 0)"
          : "(" + repr(a.getAddress().getHostAddress()) + ", " + a.getPort() + ")";
    }
    return String.valueOf(address);
  }

  /**
   * An IPv6 address in the short form Python prints (RFC 5952: the longest run of two or more zero
   * groups, the first of equals, as "::"); Java prints every group ("0:0:0:0:0:0:0:1").
   */
  private static String ipv6(Inet6Address address) {
    List<String> groups = List.of(address.getHostAddress().replaceFirst("%.*$", "").split(":", -1));
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < groups.size(); ) {
      int j = i;
      while (j < groups.size() && groups.get(j).equals("0")) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = Math.max(j, i + 1);
    }
    if (bestStart < 0) {
      return String.join(":", groups);
    }
    return String.join(":", groups.subList(0, bestStart))
        + "::"
        + String.join(":", groups.subList(bestStart + bestLength, groups.size()));
  }

  /**
   * The server's listening addresses as the docs' {@code ', '.join(str(sock.getsockname()) for sock
   * in server.sockets)} prints them.
   */
  static String addrs(Server server) {
    StringBuilder b = new StringBuilder();
    for (ServerSocketChannel sock : server.sockets()) {
      if (!b.isEmpty()) {
        b.append(", ");
      }
      b.append(sockaddr(sock.socket().getLocalSocketAddress()));
    }
    return b.toString();
  }

  /** The port a server listens on (its first socket's): the free one it took for port 0. */
  static int port(Server server) {
    return server.sockets().getFirst().socket().getLocalPort();
  }
}
