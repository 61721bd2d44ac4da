package org.asyncio4j.internal.net;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Future;
import org.asyncio4j.net.BaseProtocol;
import org.asyncio4j.net.DatagramProtocol;
import org.asyncio4j.net.DatagramTransport;
import org.asyncio4j.net.WriteBufferLimits;
import org.jspecify.annotations.Nullable;

/**
 * A datagram transport over a non-blocking {@link DatagramChannel}: CPython's {@code
 * _SelectorDatagramTransport}. A send error or an ICMP error on a connected endpoint goes to the
 * protocol's {@code errorReceived} and the endpoint stays open, as in asyncio.
 */
final class DatagramSocketTransport implements DatagramTransport, LoopNet.Releasable {
  private static final System.Logger LOG = System.getLogger("org.asyncio4j.net");

  /** The largest UDP payload: a datagram is never cut short. */
  private static final int MAX_DATAGRAM_BYTES = 65_536;

  private record Pending(ByteBuffer data, @Nullable SocketAddress address) {}

  private final EventLoop loop;
  private final LoopNet net;
  private final DatagramChannel channel;
  private final DatagramProtocol protocol;
  private final @Nullable SocketAddress remote;
  private final @Nullable SocketAddress sockname;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private long queuedBytes;
  private final WriteBufferLimits limits = WriteBufferLimits.DEFAULT;
  private boolean protocolPaused;
  private boolean closing;
  private boolean released;
  private int connLost;
  private final Runnable readReady = this::onReadable;
  private final Runnable writeReady = this::onWritable;

  DatagramSocketTransport(
      EventLoop loop,
      DatagramChannel channel,
      DatagramProtocol protocol,
      @Nullable SocketAddress remote) {
    this.loop = loop;
    this.net = LoopNet.of(loop);
    this.channel = channel;
    this.protocol = protocol;
    this.remote = remote;
    SocketAddress local = null;
    try {
      local = channel.getLocalAddress();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "getLocalAddress failed", e);
    }
    this.sockname = local;
    net.opened(this);
  }

  void start(Future<@Nullable Void> waiter) {
    loop.callSoon(() -> {
      try {
        protocol.connectionMade(this);
      } catch (RuntimeException | Error e) {
        fatalError(e, "Fatal error: protocol.connectionMade() call failed.");
      }
    });
    loop.callSoon(() -> {
      if (!closing) {
        loop.addReader(channel, readReady);
      }
    });
    loop.callSoon(() -> {
      if (!waiter.isDone()) {
        waiter.setResult(null);
      }
    });
  }

  private void onReadable() {
    if (connLost > 0) {
      return;
    }
    ByteBuffer buf = net.readBuffer;
    buf.clear().limit(MAX_DATAGRAM_BYTES);
    SocketAddress from;
    try {
      from = remote != null ? readConnected(buf) : channel.receive(buf);
    } catch (IOException e) {
      errorReceived(e);
      return;
    }
    if (from == null) {
      return;
    }
    byte[] data = new byte[buf.flip().remaining()];
    buf.get(data);
    try {
      protocol.datagramReceived(data, from);
    } catch (RuntimeException | Error e) {
      fatalError(e, "Fatal error: protocol.datagramReceived() call failed.");
    }
  }

  /**
   * {@code receive}, not {@code read}: a connected channel's {@code read} returns 0 both for an
   * empty datagram and for none at all (a wake-up with nothing to read), so it would either drop
   * empty datagrams or invent them; {@code receive} returns null only when there is none. It still
   * reports the peer's ICMP port-unreachable as {@link PortUnreachableException}.
   */
  private @Nullable SocketAddress readConnected(ByteBuffer buf) throws IOException {
    return channel.receive(buf) == null ? null : remote;
  }

  private void errorReceived(IOException e) {
    Exception exc =
        e instanceof PortUnreachableException
            ? new org.asyncio4j.net.ConnectionRefusedException(
                "the peer's port is unreachable (ICMP)", e)
            : IoErrors.connection(e, "datagram");
    try {
      protocol.errorReceived(exc);
    } catch (RuntimeException | Error t) {
      fatalError(t, "Fatal error: protocol.errorReceived() call failed.");
    }
  }

  @Override
  public void sendto(byte[] data, @Nullable SocketAddress addr) {
    Objects.requireNonNull(data, "data");
    SocketAddress target = addr;
    if (remote != null) {
      if (addr != null && !addr.equals(remote)) {
        throw new IllegalArgumentException(
            "Invalid address: must be null or " + remote + ", got " + addr);
      }
      target = null;
    } else if (addr == null) {
      throw new IllegalArgumentException(
          "an unconnected datagram endpoint needs an address to send to");
    }
    if (connLost > 0) {
      if (connLost >= 5) {
        LOG.log(System.Logger.Level.WARNING, "socket.sendto() raised exception.");
      }
      connLost++;
      return;
    }
    ByteBuffer b = ByteBuffer.wrap(data);
    if (queue.isEmpty()) {
      try {
        int sent = target == null ? channel.write(b) : channel.send(b, target);
        if (sent > 0 || data.length == 0) {
          return;
        }
      } catch (IOException e) {
        errorReceived(e);
        return;
      }
      loop.addWriter(channel, writeReady);
    }
    queue.addLast(new Pending(ByteBuffer.wrap(data.clone()), target));
    queuedBytes += data.length;
    maybePauseProtocol();
  }

  private void onWritable() {
    while (!queue.isEmpty()) {
      Pending p = queue.peekFirst();
      int sent;
      try {
        sent = p.address() == null ? channel.write(p.data()) : channel.send(p.data(), p.address());
      } catch (IOException e) {
        queue.pollFirst();
        queuedBytes -= p.data().capacity();
        errorReceived(e);
        continue;
      }
      if (sent == 0 && p.data().capacity() > 0) {
        return; // the socket is full again: wait for the next writable turn
      }
      queue.pollFirst();
      queuedBytes -= p.data().capacity();
    }
    maybeResumeProtocol();
    loop.removeWriter(channel);
    if (closing) {
      callConnectionLostSoon(null);
    }
  }

  private void maybePauseProtocol() {
    if (queuedBytes > limits.high() && !protocolPaused) {
      protocolPaused = true;
      try {
        protocol.pauseWriting();
      } catch (RuntimeException | Error e) {
        report("protocol.pauseWriting() failed", e);
      }
    }
  }

  private void maybeResumeProtocol() {
    if (protocolPaused && queuedBytes <= limits.low()) {
      protocolPaused = false;
      try {
        protocol.resumeWriting();
      } catch (RuntimeException | Error e) {
        report("protocol.resumeWriting() failed", e);
      }
    }
  }

  @Override
  public int getWriteBufferSize() {
    return (int) Math.min(Integer.MAX_VALUE, queuedBytes);
  }

  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    loop.removeReader(channel);
    if (queue.isEmpty()) {
      callConnectionLostSoon(null);
    }
  }

  @Override
  public void abort() {
    forceClose(null);
  }

  private void forceClose(@Nullable Exception exc) {
    if (connLost > 0) {
      return;
    }
    if (!queue.isEmpty()) {
      queue.clear();
      queuedBytes = 0;
      loop.removeWriter(channel);
    }
    if (!closing) {
      closing = true;
      loop.removeReader(channel);
    }
    callConnectionLostSoon(exc);
  }

  private void callConnectionLostSoon(@Nullable Exception exc) {
    if (connLost > 0) {
      return;
    }
    connLost++;
    loop.callSoon(() -> {
      try {
        protocol.connectionLost(exc);
      } catch (RuntimeException | Error e) {
        report("protocol.connectionLost() failed", e);
      } finally {
        release();
      }
    });
  }

  private void release() {
    if (released) {
      return;
    }
    released = true;
    loop.removeReader(channel);
    loop.removeWriter(channel);
    closeChannel();
    net.closed(this);
  }

  private void closeChannel() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing a datagram socket failed", e);
    }
  }

  @Override
  public void releaseAtLoopClose() {
    closing = true;
    connLost++;
    if (!released) {
      released = true;
      closeChannel();
    }
  }

  private void fatalError(Throwable exc, String message) {
    report(message, exc);
    forceClose(exc instanceof Exception e ? e : new RuntimeException(message, exc));
    if (exc instanceof VirtualMachineError vme) {
      throw vme;
    }
  }

  private void report(String message, Throwable exc) {
    loop.callExceptionHandler(
        new ExceptionContext(
            message, exc, null, null, null, Map.of("transport", this, "protocol", protocol)));
  }

  @Override
  public boolean isClosing() {
    return closing;
  }

  @Override
  public @Nullable Object getExtraInfo(String name) {
    return switch (name) {
      case PEERNAME -> remote;
      case SOCKNAME -> sockname;
      case SOCKET -> released ? null : channel;
      default -> null;
    };
  }

  @Override
  public BaseProtocol<?> getProtocol() {
    return protocol;
  }

  @Override
  public String toString() {
    return "<DatagramTransport"
        + (released ? " closed" : closing ? " closing" : "")
        + " local="
        + sockname
        + (remote != null ? " remote=" + remote : "")
        + ">";
  }
}
