package org.asyncio4j.net;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.asyncio4j.EventLoop;
import org.jspecify.annotations.Nullable;

/**
 * One end of an in-memory connection, for tests: what one end writes reaches the other's protocol
 * on a later turn of the loop, in the chunks it was written in. Nothing sits in between (no kernel
 * buffer): while the peer has paused reading, written bytes stay in this end's write buffer, whose
 * watermarks drive {@code pauseWriting} / {@code resumeWriting} as a socket transport's do. {@link
 * #close()} sends what is buffered, then the end of the stream, then calls {@code
 * connectionLost(null)}; {@link #abort()} and {@link #breakWith} drop the buffer and reset the
 * peer. Writing to a peer that closed breaks the connection with a reset, as a socket does.
 *
 * <p>Loop-confined; on a virtual-time loop every delivery is deterministic.
 */
final class MemoryTransport implements Transport {
  /** Both ends of a connection. */
  record Pair(MemoryTransport left, MemoryTransport right) {}

  private final EventLoop loop;
  private final String name;
  private BaseProtocol<Transport> protocol;
  private @Nullable MemoryTransport peer;
  private final ArrayDeque<byte[]> outgoing = new ArrayDeque<>();
  private final Map<String, Object> extra = new HashMap<>();
  private WriteBufferLimits limits = WriteBufferLimits.DEFAULT;
  private int bufferSize;
  private boolean protocolPaused;
  private boolean reading = true;
  private boolean closing;
  private boolean eofWritten;
  private boolean eofSent;
  private boolean lost;
  private boolean flushScheduled;

  /** Whether pauseReading works (false: it throws UnsupportedOperationException). */
  boolean pausable = true;

  /** How often reading was paused and resumed, for flow-control tests. */
  int pauseCount;

  int resumeCount;

  /** How many writes were ignored because the transport was closing. */
  int writesWhileClosing;

  private MemoryTransport(EventLoop loop, String name, BaseProtocol<Transport> protocol) {
    this.loop = loop;
    this.name = name;
    this.protocol = protocol;
    extra.put(PEERNAME, "memory:" + (name.equals("left") ? "right" : "left"));
    extra.put(SOCKNAME, "memory:" + name);
  }

  /**
   * Connects {@code left} and {@code right}: each protocol's {@code connectionMade} runs on the
   * next turn, left first.
   */
  static Pair pair(EventLoop loop, BaseProtocol<Transport> left, BaseProtocol<Transport> right) {
    MemoryTransport l = new MemoryTransport(loop, "left", left);
    MemoryTransport r = new MemoryTransport(loop, "right", right);
    l.peer = r;
    r.peer = l;
    loop.callSoon(() -> left.connectionMade(l));
    loop.callSoon(() -> right.connectionMade(r));
    return new Pair(l, r);
  }

  private MemoryTransport peer() {
    MemoryTransport p = peer;
    if (p == null) {
      throw new IllegalStateException(this + " has no peer");
    }
    return p;
  }

  @Override
  public void write(byte[] data) {
    if (eofWritten) {
      throw new IllegalStateException("Cannot call write() after writeEof()");
    }
    if (closing) {
      writesWhileClosing++;
      return;
    }
    if (data.length == 0) {
      return;
    }
    outgoing.addLast(data.clone());
    bufferSize += data.length;
    maybePauseProtocol();
    scheduleFlush();
  }

  @Override
  public void write(ByteBuffer data) {
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    write(bytes);
  }

  @Override
  public void writelines(Iterable<byte[]> chunks) {
    for (byte[] c : chunks) {
      write(c);
    }
  }

  @Override
  public void writeEof() {
    if (closing || eofWritten) {
      return;
    }
    eofWritten = true;
    scheduleFlush();
  }

  @Override
  public boolean canWriteEof() {
    return true;
  }

  private void scheduleFlush() {
    if (!flushScheduled) {
      flushScheduled = true;
      loop.callSoon(this::flush);
    }
  }

  /** Hands what the peer can take to its protocol, then the end, then finishes a close. */
  private void flush() {
    flushScheduled = false;
    if (lost) {
      return;
    }
    MemoryTransport p = peer();
    if ((p.lost || p.closing) && !outgoing.isEmpty()) {
      // Nobody reads on the other side any more: as a socket writing to a closed peer gets a reset
      // (EPIPE / ECONNRESET), the connection breaks and the bytes are dropped.
      breakWith(new ConnectionResetException("Connection reset by peer"));
      return;
    }
    while (!outgoing.isEmpty() && p.reading) {
      byte[] chunk = outgoing.removeFirst();
      bufferSize -= chunk.length;
      ((Protocol) p.protocol).dataReceived(chunk);
    }
    maybeResumeProtocol();
    if (outgoing.isEmpty()) {
      if ((eofWritten || closing) && !eofSent) {
        eofSent = true;
        p.receiveEof();
      }
      if (closing) {
        finish(null);
      }
    }
  }

  private void receiveEof() {
    if (lost || closing) {
      return;
    }
    boolean keepOpen = ((Protocol) protocol).eofReceived();
    if (!keepOpen) {
      close();
    }
  }

  private void maybePauseProtocol() {
    if (!protocolPaused && bufferSize > limits.high()) {
      protocolPaused = true;
      protocol.pauseWriting();
    }
  }

  private void maybeResumeProtocol() {
    if (protocolPaused && bufferSize <= limits.low()) {
      protocolPaused = false;
      protocol.resumeWriting();
    }
  }

  private void finish(@Nullable Exception exc) {
    if (lost) {
      return;
    }
    lost = true;
    closing = true;
    reading = false;
    loop.callSoon(() -> protocol.connectionLost(exc));
  }

  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    reading = false;
    scheduleFlush();
  }

  @Override
  public void abort() {
    breakWith(null);
  }

  /**
   * Breaks the connection at once: this end's protocol gets {@code connectionLost(exc)}, the peer's
   * a {@link ConnectionResetException}; buffered bytes are dropped.
   */
  void breakWith(@Nullable Exception exc) {
    if (lost) {
      return;
    }
    outgoing.clear();
    bufferSize = 0;
    finish(exc);
    MemoryTransport p = peer();
    p.outgoing.clear();
    p.bufferSize = 0;
    p.finish(new ConnectionResetException("Connection reset by peer"));
  }

  @Override
  public boolean isClosing() {
    return closing;
  }

  @Override
  public @Nullable Object getExtraInfo(String name) {
    return extra.get(name);
  }

  void putExtraInfo(String key, Object value) {
    extra.put(key, value);
  }

  @Override
  public BaseProtocol<?> getProtocol() {
    return protocol;
  }

  @Override
  public void setProtocol(BaseProtocol<Transport> protocol) {
    this.protocol = protocol;
  }

  @Override
  public void pauseReading() {
    if (!pausable) {
      throw new UnsupportedOperationException(this + " cannot pause reading");
    }
    if (closing || !reading) {
      return;
    }
    reading = false;
    pauseCount++;
  }

  @Override
  public void resumeReading() {
    if (closing || reading) {
      return;
    }
    reading = true;
    resumeCount++;
    peer().scheduleFlush();
  }

  @Override
  public boolean isReading() {
    return reading && !closing;
  }

  @Override
  public int getWriteBufferSize() {
    return bufferSize;
  }

  @Override
  public WriteBufferLimits getWriteBufferLimits() {
    return limits;
  }

  @Override
  public void setWriteBufferLimits(WriteBufferLimits limits) {
    this.limits = limits;
    maybePauseProtocol();
  }

  @Override
  public String toString() {
    return "<MemoryTransport "
        + name
        + (closing ? " closing" : "")
        + (lost ? " lost" : "")
        + (reading ? "" : " not-reading")
        + " buffered="
        + bufferSize
        + ">";
  }
}
