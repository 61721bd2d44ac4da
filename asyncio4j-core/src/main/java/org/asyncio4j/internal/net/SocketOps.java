package org.asyncio4j.internal.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.jspecify.annotations.Nullable;

/**
 * asyncio's low-level socket coroutines ({@code sock_recv}, {@code sock_sendall}, ...): try the
 * operation at once; if the channel would block, wait for readiness with a one-shot reader or
 * writer, removed however the wait ends (also when the task is cancelled, so that a later call on
 * the same channel starts clean, as CPython's {@code test_sock_client_racing} checks).
 */
public final class SocketOps {
  private SocketOps() {}

  /** A channel operation that may throw, for {@link #whenReady}. */
  private interface Attempt<T> {
    /** Returns the result, or null if the channel would block. */
    @Nullable T tryOnce() throws IOException;
  }

  public static byte[] recv(EventLoop loop, SocketChannel ch, int nbytes) {
    if (nbytes < 0) {
      throw new IllegalArgumentException("nbytes must not be negative, got " + nbytes);
    }
    ByteBuffer buf = ByteBuffer.allocate(nbytes);
    int n = recvInto(loop, ch, buf);
    byte[] out = new byte[n];
    buf.flip().get(out);
    return out;
  }

  public static int recvInto(EventLoop loop, SocketChannel ch, ByteBuffer buf) {
    requireNonBlocking(ch);
    if (!buf.hasRemaining()) {
      return 0;
    }
    return whenReady(
        loop,
        ch,
        true,
        () -> {
          int n = ch.read(buf);
          return n == 0 ? null : Math.max(n, 0); // -1 (end of stream) reads as 0 bytes, as recv
        },
        "recv",
        null);
  }

  public static void sendall(EventLoop loop, SocketChannel ch, ByteBuffer data) {
    requireNonBlocking(ch);
    while (data.hasRemaining()) {
      whenReady(
          loop,
          ch,
          false,
          () -> {
            int n = ch.write(data);
            return n == 0 && data.hasRemaining() ? null : n;
          },
          "send",
          null);
    }
  }

  public static void connect(EventLoop loop, SocketChannel ch, SocketAddress address) {
    requireNonBlocking(ch);
    SocketAddress target = address;
    if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
      InetAddress first = Resolver.resolve(loop, inet.getHostString()).get(0);
      target = new InetSocketAddress(first, inet.getPort());
    }
    SocketAddress to = target;
    try {
      if (ch.connect(to)) {
        return;
      }
    } catch (IOException e) {
      throw IoErrors.connect(e, to);
    }
    try {
      whenReady(loop, ch, false, () -> ch.finishConnect() ? Boolean.TRUE : null, "connect", null);
    } catch (UncheckedIOException e) {
      throw e.getCause() != null ? IoErrors.connect(e.getCause(), to) : e;
    }
  }

  public static SocketChannel accept(EventLoop loop, ServerSocketChannel listener) {
    requireNonBlocking(listener);
    // A connection accepted just before a cancellation would be nobody's: the JDK never closes a
    // lost channel (CPython's socket would at least be closed when collected).
    SocketChannel conn =
        whenReady(loop, listener, true, listener::accept, "accept", Connector::closeQuietly);
    try {
      conn.configureBlocking(false); // asyncio: the accepted socket is non-blocking
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the accepted socket non-blocking", e);
    }
    return conn;
  }

  public static List<InetSocketAddress> getaddrinfo(EventLoop loop, String host, int port) {
    Objects.requireNonNull(host, "host");
    Connector.checkPort(port);
    List<InetSocketAddress> out = new ArrayList<>();
    for (InetAddress a : Resolver.resolve(loop, host)) {
      out.add(new InetSocketAddress(a, port));
    }
    return out;
  }

  /**
   * Tries {@code attempt} at once, then each time the channel is ready, until it has a result.
   *
   * @param unclaimed releases a result the operation produced when the wait for it ended otherwise
   *     (a cancellation that came after the result, before the task resumed); null: nothing to do
   */
  private static <T> T whenReady(
      EventLoop loop,
      SelectableChannel ch,
      boolean read,
      Attempt<T> attempt,
      String what,
      java.util.function.@Nullable Consumer<T> unclaimed) {
    try {
      T first = attempt.tryOnce();
      if (first != null) {
        return first;
      }
    } catch (IOException e) {
      throw IoErrors.connection(e, what);
    }
    Future<T> done = loop.createFuture();
    Runnable onReady =
        () -> {
          if (done.isDone()) {
            return;
          }
          try {
            T r = attempt.tryOnce();
            if (r != null) {
              done.setResult(r);
            }
          } catch (IOException e) {
            done.setException(IoErrors.connection(e, what));
          }
        };
    if (read) {
      loop.addReader(ch, onReady);
    } else {
      loop.addWriter(ch, onReady);
    }
    try {
      return done.await();
    } catch (RuntimeException | Error e) {
      if (unclaimed != null && done.isDone() && !done.isCancelled() && done.exception() == null) {
        unclaimed.accept(done.result());
      }
      throw e;
    } finally {
      if (read) {
        loop.removeReader(ch);
      } else {
        loop.removeWriter(ch);
      }
    }
  }

  private static void requireNonBlocking(SelectableChannel ch) {
    Objects.requireNonNull(ch, "channel");
    if (ch.isBlocking()) {
      throw new IllegalArgumentException(
          "the channel must be non-blocking: call configureBlocking(false) first (a blocking"
              + " channel would stop the whole loop)");
    }
  }
}
