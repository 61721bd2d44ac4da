package org.asyncio4j.internal.net;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Future;
import org.asyncio4j.net.BaseProtocol;
import org.asyncio4j.net.BufferedProtocol;
import org.asyncio4j.net.ConnectionAbortedException;
import org.asyncio4j.net.Protocol;
import org.asyncio4j.net.Transport;
import org.asyncio4j.net.WriteBufferLimits;
import org.jspecify.annotations.Nullable;

/**
 * A stream transport over a non-blocking {@link SocketChannel} (TCP or a Unix-domain socket) on its
 * loop's selector: CPython's {@code _SelectorSocketTransport}, behaviour for behaviour.
 *
 * <p>Reads go into the loop's shared direct buffer, then into a fresh array for a {@link Protocol}
 * (one copy, as CPython's {@code recv} makes its bytes object), or straight into the buffer of a
 * {@link BufferedProtocol}. Writes are tried at once; what the socket does not take is copied into
 * a queue that a writer callback drains with gathering writes.
 */
public final class SocketTransport implements Transport, LoopNet.Releasable, SendfileTarget {
  private static final System.Logger LOG = System.getLogger("org.asyncio4j.net");

  /** Gathering writes take at most this many queued buffers per system call. */
  private static final int MAX_GATHER = 64;

  private final EventLoop loop;
  private final LoopNet net;
  private final SocketChannel channel;
  private BaseProtocol<Transport> protocol;
  private @Nullable BufferedProtocol bufferedProtocol;
  private @Nullable Protocol streamProtocol;
  private final @Nullable SocketServer server;
  private final @Nullable SocketAddress peername;
  private final @Nullable SocketAddress sockname;

  private final Runnable readReady = this::onReadable;
  private final Runnable writeReady = this::onWritable;

  private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
  private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
  private long queuedBytes;
  private WriteBufferLimits limits = WriteBufferLimits.DEFAULT;

  private boolean closing;
  private boolean readingPaused;
  private boolean eofWritten;
  private boolean protocolPaused;
  private boolean released;
  private int connLost;
  private boolean readerAdded;

  /** True while {@code loop.sendfile} sends natively: {@code write} is refused meanwhile. */
  private boolean sendfileActive;

  /** The native sendfile's wait for the queue to empty before it starts, if it waits. */
  private @Nullable Future<@Nullable Void> emptyWaiter;

  /** The native sendfile's transfer, once started. */
  private @Nullable FileTransfer transfer;

  SocketTransport(
      EventLoop loop,
      SocketChannel channel,
      BaseProtocol<Transport> protocol,
      @Nullable SocketServer server) {
    this.loop = loop;
    this.net = LoopNet.of(loop);
    this.channel = channel;
    this.server = server;
    this.protocol = protocol;
    bindProtocol(protocol);
    this.peername = addressOrNull(channel, true);
    this.sockname = addressOrNull(channel, false);
    if (server != null) {
      server.attach(this);
    }
    net.opened(this);
  }

  /**
   * Starts the transport as CPython does: on the next turns, the protocol's connectionMade, then
   * reading, then {@code waiter} (if any) completes, each unless the transport closed first.
   */
  void start(@Nullable Future<@Nullable Void> waiter) {
    loop.callSoon(this::connectionMade);
    loop.callSoon(() -> {
      if (!closing && !readingPaused) {
        addReader();
      }
    });
    if (waiter != null) {
      loop.callSoon(() -> {
        if (!waiter.isDone()) {
          waiter.setResult(null);
        }
      });
    }
  }

  private void connectionMade() {
    try {
      protocol.connectionMade(this);
    } catch (RuntimeException | Error e) {
      fatalError(e, "Fatal error: protocol.connectionMade() call failed.");
    }
  }

  private void bindProtocol(BaseProtocol<Transport> p) {
    if (p instanceof BufferedProtocol b) {
      bufferedProtocol = b;
      streamProtocol = null;
    } else if (p instanceof Protocol s) {
      streamProtocol = s;
      bufferedProtocol = null;
    } else {
      throw new IllegalArgumentException(
          "a stream transport needs a Protocol or a BufferedProtocol, got " + p.getClass());
    }
  }

  private static @Nullable SocketAddress addressOrNull(SocketChannel ch, boolean remote) {
    try {
      return remote ? ch.getRemoteAddress() : ch.getLocalAddress();
    } catch (IOException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ reading

  private void addReader() {
    loop.addReader(channel, readReady);
    readerAdded = true;
  }

  private void removeReader() {
    if (readerAdded) {
      readerAdded = false;
      loop.removeReader(channel);
    }
  }

  private void onReadable() {
    if (connLost > 0) {
      return;
    }
    BufferedProtocol buffered = bufferedProtocol;
    if (buffered != null) {
      readIntoProtocol(buffered);
    } else {
      readAsArray(Objects.requireNonNull(streamProtocol));
    }
  }

  private void readAsArray(Protocol p) {
    ByteBuffer buf = net.readBuffer;
    buf.clear();
    int n;
    try {
      n = channel.read(buf);
    } catch (IOException e) {
      fatalError(IoErrors.connection(e, "read"), "Fatal read error on socket transport");
      return;
    }
    if (n > 0) {
      byte[] data = new byte[n];
      buf.flip();
      buf.get(data);
      try {
        p.dataReceived(data);
      } catch (RuntimeException | Error e) {
        fatalError(e, "Fatal error: protocol.dataReceived() call failed.");
      }
    } else if (n < 0) {
      onEof();
    }
  }

  private void readIntoProtocol(BufferedProtocol p) {
    ByteBuffer buf;
    try {
      buf = p.getBuffer(-1);
      if (buf == null || !buf.hasRemaining()) {
        throw new IllegalStateException(
            "getBuffer() returned " + (buf == null ? "null" : "a buffer with no room") + "");
      }
    } catch (RuntimeException | Error e) {
      fatalError(e, "Fatal error: protocol.getBuffer() call failed.");
      return;
    }
    int n;
    try {
      n = channel.read(buf);
    } catch (IOException e) {
      fatalError(IoErrors.connection(e, "read"), "Fatal read error on socket transport");
      return;
    } catch (RuntimeException e) {
      // The protocol's buffer is unfit (read-only, say): as CPython's recv_into failure, fatal.
      // Uncaught, the reader would stay registered and fail again on every turn.
      fatalError(e, "Fatal read error on socket transport");
      return;
    }
    if (n > 0) {
      try {
        p.bufferUpdated(n);
      } catch (RuntimeException | Error e) {
        fatalError(e, "Fatal error: protocol.bufferUpdated() call failed.");
      }
    } else if (n < 0) {
      onEof();
    }
  }

  private void onEof() {
    boolean keepOpen;
    try {
      keepOpen =
          bufferedProtocol != null
              ? bufferedProtocol.eofReceived()
              : Objects.requireNonNull(streamProtocol).eofReceived();
    } catch (RuntimeException | Error e) {
      fatalError(e, "Fatal error: protocol.eofReceived() call failed.");
      return;
    }
    if (keepOpen) {
      // We are done reading; the protocol keeps the transport open for writing.
      removeReader();
    } else {
      close();
    }
  }

  @Override
  public void pauseReading() {
    if (closing || readingPaused) {
      return;
    }
    readingPaused = true;
    removeReader();
  }

  @Override
  public void resumeReading() {
    if (closing || !readingPaused) {
      return;
    }
    readingPaused = false;
    addReader();
  }

  @Override
  public boolean isReading() {
    return !readingPaused && !closing;
  }

  // ------------------------------------------------------------------ writing

  @Override
  public void write(byte[] data) {
    Objects.requireNonNull(data, "data");
    write(ByteBuffer.wrap(data));
  }

  @Override
  public void write(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    if (eofWritten) {
      throw new IllegalStateException("Cannot call write() after writeEof()");
    }
    if (sendfileActive) {
      throw new IllegalStateException(
          "unable to write; sendfile is in progress: wait for loop.sendfile() to return");
    }
    if (!data.hasRemaining()) {
      return;
    }
    if (connLost > 0) {
      if (connLost >= 5) {
        LOG.log(System.Logger.Level.WARNING, "socket.send() raised exception.");
      }
      connLost++;
      data.position(data.limit());
      return;
    }
    if (queue.isEmpty()) {
      try {
        channel.write(data);
      } catch (IOException e) {
        fatalError(IoErrors.connection(e, "write"), "Fatal write error on socket transport");
        return;
      }
      if (!data.hasRemaining()) {
        return;
      }
      loop.addWriter(channel, writeReady);
    }
    enqueue(data);
    maybePauseProtocol();
  }

  /** Keeps a copy of what is left: the caller may reuse its array or buffer at once. */
  private void enqueue(ByteBuffer data) {
    int n = data.remaining();
    ByteBuffer copy = ByteBuffer.allocate(n);
    copy.put(data).flip();
    queue.addLast(copy);
    queuedBytes += n;
  }

  @Override
  public void writelines(Iterable<byte[]> chunks) {
    Objects.requireNonNull(chunks, "chunks");
    for (byte[] chunk : chunks) {
      write(chunk);
    }
  }

  private void onWritable() {
    if (connLost > 0) {
      return;
    }
    int count = 0;
    for (ByteBuffer b : queue) {
      gather[count++] = b;
      if (count == MAX_GATHER) {
        break;
      }
    }
    long written;
    try {
      written = channel.write(gather, 0, count);
    } catch (IOException e) {
      java.util.Arrays.fill(gather, 0, count, null);
      removeWriterAndClearQueue();
      fatalError(IoErrors.connection(e, "write"), "Fatal write error on socket transport");
      return;
    }
    java.util.Arrays.fill(gather, 0, count, null);
    queuedBytes -= written;
    while (!queue.isEmpty() && !queue.peekFirst().hasRemaining()) {
      queue.pollFirst();
    }
    maybeResumeProtocol();
    if (queue.isEmpty()) {
      loop.removeWriter(channel);
      Future<@Nullable Void> empty = emptyWaiter;
      if (empty != null) {
        // A native sendfile waits for the queue to empty; it closes or half-closes when it ends.
        if (!empty.isDone()) {
          empty.setResult(null);
        }
      } else if (closing) {
        callConnectionLostSoon(null);
      } else if (eofWritten) {
        shutdownOutput();
      }
    }
  }

  private void removeWriterAndClearQueue() {
    if (!queue.isEmpty()) {
      queue.clear();
      queuedBytes = 0;
      loop.removeWriter(channel);
    }
  }

  @Override
  public void writeEof() {
    if (closing || eofWritten) {
      return;
    }
    eofWritten = true;
    if (queue.isEmpty() && !sendfileActive) {
      shutdownOutput();
    }
  }

  private void shutdownOutput() {
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "shutdownOutput failed", e);
    }
  }

  @Override
  public boolean canWriteEof() {
    return true;
  }

  @Override
  public int getWriteBufferSize() {
    return (int) Math.min(Integer.MAX_VALUE, queuedBytes);
  }

  @Override
  public WriteBufferLimits getWriteBufferLimits() {
    return limits;
  }

  @Override
  public void setWriteBufferLimits(WriteBufferLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    maybePauseProtocol();
  }

  private void maybePauseProtocol() {
    if (queuedBytes <= limits.high() || protocolPaused) {
      return;
    }
    protocolPaused = true;
    try {
      protocol.pauseWriting();
    } catch (RuntimeException | Error e) {
      reportCallbackFailure("protocol.pauseWriting() failed", e);
    }
  }

  private void maybeResumeProtocol() {
    if (protocolPaused && queuedBytes <= limits.low()) {
      protocolPaused = false;
      try {
        protocol.resumeWriting();
      } catch (RuntimeException | Error e) {
        reportCallbackFailure("protocol.resumeWriting() failed", e);
      }
    }
  }

  // ------------------------------------------------------------------ sendfile

  @Override
  public boolean canSendfileNatively() {
    return true;
  }

  @Override
  public boolean isWritingPaused() {
    return protocolPaused;
  }

  /**
   * CPython's {@code _sendfile_native}: pause reading, wait for the queue to empty, then send the
   * file straight to the socket. A {@code close()} meanwhile waits for the file as for queued
   * bytes; an {@code abort()} ends the transfer with {@link ConnectionAbortedException}.
   */
  @Override
  public long sendfileNative(FileChannel file, long offset, @Nullable Long count) {
    if (sendfileActive) {
      throw new IllegalStateException(
          "another sendfile is in progress on this transport: wait for it to return first");
    }
    sendfileActive = true;
    boolean resumeReadingAfter = isReading();
    pauseReading();
    try {
      if (!queue.isEmpty()) {
        Future<@Nullable Void> empty = loop.createFuture();
        emptyWaiter = empty;
        try {
          empty.await();
        } finally {
          emptyWaiter = null;
        }
      }
      if (connLost > 0) {
        throw new ConnectionAbortedException("the transport was closed before sendfile started");
      }
      FileTransfer t = new FileTransfer(loop, channel, file, offset, count);
      transfer = t;
      try {
        return t.run();
      } finally {
        transfer = null;
      }
    } finally {
      sendfileActive = false;
      if (resumeReadingAfter) {
        resumeReading();
      }
      if (connLost == 0 && queue.isEmpty()) {
        if (closing) {
          callConnectionLostSoon(null);
        } else if (eofWritten) {
          shutdownOutput();
        }
      }
    }
  }

  private void abortSendfile(@Nullable Exception exc) {
    if (!sendfileActive) {
      return;
    }
    ConnectionAbortedException aborted =
        new ConnectionAbortedException("the transport was aborted during sendfile");
    if (exc != null) {
      aborted.addSuppressed(exc); // the cause is taken: UncheckedIOException needs an IOException
    }
    Future<@Nullable Void> empty = emptyWaiter;
    if (empty != null && !empty.isDone()) {
      empty.setException(aborted);
    }
    FileTransfer t = transfer;
    if (t != null) {
      t.abort(aborted);
    }
  }

  // ------------------------------------------------------------------ closing

  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    removeReader();
    // A file being sent counts as buffered data: the close waits for it, as for the queue.
    if (queue.isEmpty() && !sendfileActive) {
      callConnectionLostSoon(null);
    }
  }

  @Override
  public void abort() {
    forceClose(null);
  }

  @Override
  public boolean isClosing() {
    return closing;
  }

  private void forceClose(@Nullable Exception exc) {
    if (connLost > 0) {
      return;
    }
    removeWriterAndClearQueue();
    abortSendfile(exc);
    if (!closing) {
      closing = true;
      removeReader();
    }
    callConnectionLostSoon(exc);
  }

  private void callConnectionLostSoon(@Nullable Exception exc) {
    if (connLost > 0) {
      return;
    }
    connLost++;
    loop.callSoon(() -> callConnectionLost(exc));
  }

  private void callConnectionLost(@Nullable Exception exc) {
    try {
      protocol.connectionLost(exc);
    } catch (RuntimeException | Error e) {
      reportCallbackFailure("protocol.connectionLost() failed", e);
    } finally {
      release();
    }
  }

  /** Closes the channel and forgets the transport; once. */
  private void release() {
    if (released) {
      return;
    }
    released = true;
    removeReader();
    loop.removeWriter(channel);
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing a socket failed", e);
    }
    net.closed(this);
    if (server != null) {
      server.detach(this);
    }
  }

  @Override
  public void releaseAtLoopClose() {
    closing = true;
    connLost++;
    if (!released) {
      released = true;
      try {
        channel.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "closing a socket failed", e);
      }
      if (server != null) {
        server.detach(this);
      }
    }
  }

  /**
   * A failure that ends the connection: an I/O error is the connection's own business (logged at
   * debug level, handed to connectionLost); anything else is a bug in a protocol and goes to the
   * exception handler too, as CPython's {@code _fatal_error}.
   */
  private void fatalError(Throwable exc, String message) {
    if (!(exc instanceof java.io.UncheckedIOException)) {
      loop.callExceptionHandler(
          new ExceptionContext(
              message, exc, null, null, null, Map.of("transport", this, "protocol", protocol)));
    } else {
      LOG.log(System.Logger.Level.DEBUG, this + ": " + message, exc);
    }
    Exception lost = exc instanceof Exception e ? e : new RuntimeException(message, exc);
    forceClose(lost);
    if (exc instanceof VirtualMachineError vme) {
      throw vme; // out of memory or stack: not the protocol's to handle, nor ours
    }
  }

  private void reportCallbackFailure(String message, Throwable exc) {
    loop.callExceptionHandler(
        new ExceptionContext(
            message, exc, null, null, null, Map.of("transport", this, "protocol", protocol)));
  }

  // ------------------------------------------------------------------ extras

  @Override
  public @Nullable Object getExtraInfo(String name) {
    return switch (name) {
      case PEERNAME -> peername;
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
  public void setProtocol(BaseProtocol<Transport> protocol) {
    Objects.requireNonNull(protocol, "protocol");
    bindProtocol(protocol);
    this.protocol = protocol;
  }

  /** Sets TCP_NODELAY on TCP connections, as asyncio does for every TCP transport (3.7+). */
  static void setNoDelay(SocketChannel ch) {
    try {
      if (ch.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "TCP_NODELAY failed", e);
    }
  }

  EventLoop loop() {
    return loop;
  }

  boolean isReleased() {
    return released;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("<SocketTransport");
    if (released) {
      b.append(" closed");
    } else if (closing) {
      b.append(" closing");
    }
    if (peername != null) {
      b.append(" peer=").append(peername);
    }
    if (!closing) {
      b.append(readingPaused ? " read=paused" : " read=polling");
      b.append(" write=<").append(queue.isEmpty() ? "idle" : "polling");
      b.append(", bufsize=").append(queuedBytes).append('>');
    }
    return b.append('>').toString();
  }
}
