package org.asyncio4j.internal.net;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.EventLoop;

/**
 * Name resolution off the loop: the JDK's resolver blocks, so it runs in the loop's default
 * executor, as asyncio's {@code getaddrinfo} does; a literal address needs no lookup.
 */
final class Resolver {
  private Resolver() {}

  static List<InetAddress> resolve(EventLoop loop, String host) {
    if (isLiteral(host)) {
      return List.of(InetAddress.ofLiteral(stripBrackets(host)));
    }
    try {
      InetAddress[] all =
          loop.<InetAddress[]>runInExecutor(null, () -> InetAddress.getAllByName(host)).await();
      return List.of(all);
    } catch (UncheckedIOException e) {
      throw e;
    } catch (RuntimeException e) {
      if (e.getCause() instanceof UnknownHostException u) {
        throw new UncheckedIOException(
            "cannot resolve host '" + host + "': the name is not known (" + u.getMessage() + ")",
            u);
      }
      throw e;
    }
  }

  private static boolean isLiteral(String host) {
    String h = stripBrackets(host);
    if (h.isEmpty()) {
      return false;
    }
    if (h.indexOf(':') >= 0) {
      return true; // IPv6 literal; a host name cannot hold a colon
    }
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  private static String stripBrackets(String host) {
    return host.length() > 1 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']'
        ? host.substring(1, host.length() - 1)
        : host;
  }

  /**
   * asyncio's {@code _interleave_addrinfos}: group by family in first-seen order, then take {@code
   * firstFamilyCount} of the first family, then alternate one by one.
   */
  static List<InetAddress> interleave(List<InetAddress> addrs, int firstFamilyCount) {
    if (firstFamilyCount <= 0 || addrs.size() < 2) {
      return addrs;
    }
    List<InetAddress> first = new ArrayList<>();
    List<InetAddress> other = new ArrayList<>();
    Class<?> firstFamily = addrs.get(0).getClass();
    for (InetAddress a : addrs) {
      (a.getClass() == firstFamily ? first : other).add(a);
    }
    List<InetAddress> out = new ArrayList<>(addrs.size());
    int take = Math.min(firstFamilyCount - 1, first.size());
    out.addAll(first.subList(0, take));
    List<InetAddress> restFirst = first.subList(take, first.size());
    int i = 0;
    int j = 0;
    while (i < restFirst.size() || j < other.size()) {
      if (i < restFirst.size()) {
        out.add(restFirst.get(i++));
      }
      if (j < other.size()) {
        out.add(other.get(j++));
      }
    }
    return out;
  }
}
