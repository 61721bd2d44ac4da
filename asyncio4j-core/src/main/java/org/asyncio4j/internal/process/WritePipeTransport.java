package org.asyncio4j.internal.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.asyncio4j.EventLoop;
import org.asyncio4j.net.BaseProtocol;
import org.asyncio4j.net.ConnectionResetException;
import org.asyncio4j.net.Protocol;
import org.asyncio4j.net.Transport;
import org.asyncio4j.net.WriteBufferLimits;
import org.jspecify.annotations.Nullable;

/**
 * The write end of a child's stdin pipe. {@link #write} never blocks: it queues a copy, and a
 * thread of its own writes the queue to the pipe, telling the loop how much went out; the
 * watermarks on the bytes not yet written drive the protocol's {@code pauseWriting} and {@code
 * resumeWriting}, so that {@code StreamWriter.drain()} waits while the child reads slowly.
 *
 * <p>It is a {@link Transport} so that a {@code StreamWriter} can write to it; it never reads:
 * {@link #isReading()} is false and pausing or resuming reading does nothing.
 *
 * <p>A write to a child that no longer reads (it closed its stdin or exited) fails with a broken
 * pipe: the transport is then lost with a {@link ConnectionResetException}. asyncio also watches
 * the pipe for its reader going away while nothing is written; the JDK cannot, so here the child's
 * exit stands for that (see {@link #readerGone}).
 *
 * <p>Threads: every public method is loop-confined; the pipe thread touches only the shared queue
 * and abort flag, which the loop side writes without blocking and follows with {@link
 * LockSupport#unpark} of the thread (see {@link ReadPipeTransport} for why no lock).
 *
 * <p>asyncio: {@code unix_events._UnixWritePipeTransport}
 */
final class WritePipeTransport implements Transport {
  private static final Object EOF = new Object();

  /** Writes to a lost pipe after which a warning is logged once (asyncio's constant). */
  private static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

  private static final System.Logger LOG = System.getLogger("org.asyncio4j");

  private final EventLoop loop;
  private final OutputStream out;
  private final int fd;
  private final String threadName;
  private BaseProtocol<Transport> protocol;

  // ---- shared with the pipe thread: the loop offers and aborts, the thread polls
  private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
  private volatile boolean abortShared;
  private @Nullable Thread thread;

  // ---- loop-confined
  private long bufferSize;
  private WriteBufferLimits limits = WriteBufferLimits.DEFAULT;
  private boolean protocolPaused;
  private boolean closing;
  private boolean eofWritten;
  private boolean lost;
  private int connLostWrites;

  WritePipeTransport(EventLoop loop, OutputStream out, long pid, int fd, Protocol protocol) {
    this.loop = loop;
    this.out = out;
    this.fd = fd;
    this.protocol = protocol;
    this.threadName = "asyncio4j-pipe-" + pid + "-" + fd;
  }

  void start() {
    Thread t = Thread.ofPlatform().daemon().name(threadName).unstarted(this::pump);
    thread = t; // before start(): the loop's unparks see it
    t.start();
  }

  // ---------------------------------------------------------------- the pipe thread

  @SuppressWarnings("ReferenceEquality") // identity: the EOF marker object
  private void pump() {
    List<byte[]> batch = new ArrayList<>();
    try (out) {
      while (true) {
        boolean eof = false;
        while (queue.isEmpty() && !abortShared) {
          LockSupport.park(this);
          if (Thread.interrupted()) {
            return; // nobody interrupts this thread but the JVM at exit
          }
        }
        if (abortShared) {
          return;
        }
        // Take everything queued: one hand-back to the loop per batch, not per write().
        for (Object o; (o = queue.poll()) != null; ) {
          if (o == EOF) {
            eof = true;
            break;
          }
          batch.add((byte[]) o);
        }
        long written = 0;
        for (byte[] chunk : batch) {
          out.write(chunk);
          written += chunk.length;
        }
        batch.clear();
        if (written > 0) {
          out.flush();
          long n = written;
          if (!post(() -> onWritten(n))) {
            return;
          }
        }
        if (eof) {
          out.close();
          post(() -> connectionLost(null));
          return;
        }
      }
    } catch (IOException e) {
      post(() -> onError(e));
    }
  }

  private boolean post(Runnable r) {
    try {
      loop.callSoonThreadsafe(r);
      return true;
    } catch (IllegalStateException loopClosed) {
      return false;
    }
  }

  // ---------------------------------------------------------------- the loop side

  private void onWritten(long n) {
    if (lost) {
      return;
    }
    bufferSize -= n;
    maybeResumeProtocol();
  }

  private void onError(IOException e) {
    if (lost) {
      return;
    }
    // EPIPE: the child closed its stdin or exited (asyncio: BrokenPipeError, a ConnectionError).
    fail(
        new ConnectionResetException(
            "write to the child's stdin failed: "
                + e.getMessage()
                + " (the child closed its stdin or exited)",
            e));
  }

  private void fail(@Nullable Exception exc) {
    closing = true;
    stopThread();
    connectionLost(exc);
  }

  private void stopThread() {
    abortShared = true;
    queue.clear();
    unparkThread();
  }

  private void enqueue(Object o) {
    queue.offer(o);
    unparkThread();
  }

  private void unparkThread() {
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  @Override
  public void write(byte[] data) {
    writeCopy(data.clone(), data.length);
  }

  @Override
  public void write(ByteBuffer data) {
    byte[] copy = new byte[data.remaining()];
    data.get(copy);
    writeCopy(copy, copy.length);
  }

  private void writeCopy(byte[] copy, int n) {
    if (eofWritten) {
      throw new IllegalStateException(
          "Cannot call write() after write_eof(): "
              + this
              + " is closing; write before writeEof()");
    }
    if (n == 0) {
      return;
    }
    if (lost || closing) {
      if (++connLostWrites == LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
        LOG.log(
            System.Logger.Level.WARNING,
            "pipe closed by peer or os.write(pipe, data) raised exception.");
      }
      return;
    }
    bufferSize += n;
    enqueue(copy);
    maybePauseProtocol();
  }

  @Override
  public void writelines(Iterable<byte[]> chunks) {
    for (byte[] c : chunks) {
      write(c);
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

  @Override
  public void writeEof() {
    if (closing) {
      return;
    }
    closing = true;
    eofWritten = true;
    enqueue(EOF);
  }

  @Override
  public boolean canWriteEof() {
    return true;
  }

  /** As asyncio's: closing a write pipe is ending it once the queue is written. */
  @Override
  public void close() {
    writeEof();
  }

  @Override
  public void abort() {
    if (lost) {
      return;
    }
    closing = true;
    stopThread();
    // A thread blocked in write() cannot be woken by the JDK: it ends when the child reads or
    // exits (a broken pipe). The protocol hears of the loss now, as asyncio's _force_close.
    loop.callSoon(() -> connectionLost(null));
  }

  /**
   * The child has exited, so nobody reads the pipe any more: asyncio's "pipe closed by peer". Lost
   * with a broken pipe if data was still waiting, else cleanly.
   */
  void readerGone() {
    if (lost) {
      return;
    }
    if (bufferSize > 0) {
      fail(
          new ConnectionResetException(
              "Broken pipe: the child exited before reading "
                  + bufferSize
                  + " bytes written to its stdin"));
    } else if (!eofWritten) {
      fail(null);
    }
    // else the queued end is being written: the thread reports it.
  }

  private void connectionLost(@Nullable Exception exc) {
    if (lost) {
      return;
    }
    lost = true;
    closing = true;
    bufferSize = 0;
    protocol.connectionLost(exc);
  }

  @Override
  public boolean isClosing() {
    return closing;
  }

  /** The loop closes: stop the thread; nothing is delivered now. */
  void stopAtLoopClose() {
    closing = true;
    lost = true;
    stopThread();
  }

  boolean isDisconnected() {
    return lost;
  }

  @Override
  public int getWriteBufferSize() {
    return (int) Math.min(Integer.MAX_VALUE, bufferSize);
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
  public void pauseReading() {}

  @Override
  public void resumeReading() {}

  @Override
  public boolean isReading() {
    return false;
  }

  @Override
  public void setProtocol(BaseProtocol<Transport> protocol) {
    this.protocol = protocol;
  }

  @Override
  public @Nullable Object getExtraInfo(String name) {
    return null;
  }

  @Override
  public BaseProtocol<?> getProtocol() {
    return protocol;
  }

  @Override
  public String toString() {
    return "<WritePipeTransport fd="
        + fd
        + (lost ? " closed" : closing ? " closing" : " open")
        + " bufsize="
        + bufferSize
        + ">";
  }
}
