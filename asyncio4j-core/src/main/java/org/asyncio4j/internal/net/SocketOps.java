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
        "recv");
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
          "send");
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
      whenReady(loop, ch, false, () -> ch.finishConnect() ? Boolean.TRUE : null, "connect");
    } catch (UncheckedIOException e) {
      throw e.getCause() != null ? IoErrors.connect(e.getCause(), to) : e;
    }
  }

  public static SocketChannel accept(EventLoop loop, ServerSocketChannel listener) {
    requireNonBlocking(listener);
    SocketChannel conn = whenReady(loop, listener, true, listener::accept, "accept");
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

  private static <T> T whenReady(
      EventLoop loop, SelectableChannel ch, boolean read, Attempt<T> attempt, String what) {
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
