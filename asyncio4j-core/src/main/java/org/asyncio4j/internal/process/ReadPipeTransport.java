package org.asyncio4j.internal.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.asyncio4j.EventLoop;
import org.asyncio4j.net.BaseProtocol;
import org.asyncio4j.net.Protocol;
import org.asyncio4j.net.ReadTransport;
import org.jspecify.annotations.Nullable;

/**
 * The read end of a child's stdout or stderr pipe. A thread of its own blocks in {@code read} and
 * hands each chunk to the loop; the loop gives it to the protocol unless reading is paused.
 *
 * <p>Back-pressure: the thread reads only while the loop side is not paused and fewer than {@link
 * #MAX_IN_FLIGHT_BYTES} bytes are on their way to the protocol (sent, not yet delivered), so a
 * paused reader stops reading from the pipe within one chunk and the child then blocks in its
 * write, as a child of asyncio does when its transport stops reading.
 *
 * <p>Threads: {@link #pauseReading}, {@link #resumeReading}, {@link #close} and every protocol call
 * are loop-confined; the pipe thread touches only the shared fields, which the loop side writes
 * without ever blocking: two volatile flags, an atomic byte count, and {@link LockSupport#unpark}
 * of the pipe thread after each change (its park loop re-reads them, so no wake-up is lost: unpark
 * before park leaves a permit). No lock: in hook mode the loop thread is also the carrier of the
 * tasks' virtual threads, and a task that held a lock while parked would deadlock the loop that
 * blocked on it.
 *
 * <p>asyncio: {@code unix_events._UnixReadPipeTransport}
 */
final class ReadPipeTransport implements ReadTransport {
  /** One read of the pipe at most: a Linux pipe's default capacity. */
  static final int READ_CHUNK_BYTES = 64 * 1024;

  /** Bytes read but not yet delivered above which the thread stops reading: four chunks. */
  static final int MAX_IN_FLIGHT_BYTES = 4 * READ_CHUNK_BYTES;

  private final EventLoop loop;
  private final InputStream in;
  private final int fd;
  private final String threadName;
  private Protocol protocol;

  // ---- shared with the pipe thread: written by the loop, read by the thread (and the count by
  // both); each write is followed by unparkThread()
  private volatile boolean pausedShared;
  private volatile boolean closedShared;
  private final AtomicLong inFlightBytes = new AtomicLong();
  private @Nullable Thread thread;

  // ---- loop-confined
  private final ArrayDeque<byte[]> held = new ArrayDeque<>();
  private boolean paused;
  private boolean closing;
  private boolean eofArrived;
  private boolean lost;
  private boolean flushScheduled;

  ReadPipeTransport(EventLoop loop, InputStream in, long pid, int fd, Protocol protocol) {
    this.loop = loop;
    this.in = in;
    this.fd = fd;
    this.protocol = protocol;
    this.threadName = "asyncio4j-pipe-" + pid + "-" + fd;
  }

  /** Starts the pipe thread. */
  void start() {
    Thread t = Thread.ofPlatform().daemon().name(threadName).unstarted(this::pump);
    thread = t; // before start(): the loop's unparks see it
    t.start();
  }

  // ---------------------------------------------------------------- the pipe thread

  private void pump() {
    byte[] buf = new byte[READ_CHUNK_BYTES];
    try (in) {
      while (true) {
        while (!closedShared && (pausedShared || inFlightBytes.get() >= MAX_IN_FLIGHT_BYTES)) {
          LockSupport.park(this);
          if (Thread.interrupted()) {
            return; // nobody interrupts this thread but the JVM at exit
          }
        }
        if (closedShared) {
          return; // closing the stream tells the child (SIGPIPE at its next write)
        }
        int n = in.read(buf);
        if (n < 0) {
          post(this::onEof);
          return;
        }
        if (n == 0) {
          continue;
        }
        byte[] data = Arrays.copyOf(buf, n);
        inFlightBytes.addAndGet(n);
        if (!post(() -> onData(data))) {
          return;
        }
      }
    } catch (IOException e) {
      post(() -> onError(e));
    }
  }

  /** Hands {@code r} to the loop; false once the loop is closed (the thread then ends). */
  private boolean post(Runnable r) {
    try {
      loop.callSoonThreadsafe(r);
      return true;
    } catch (IllegalStateException loopClosed) {
      return false;
    }
  }

  // ---------------------------------------------------------------- the loop side

  private void onData(byte[] data) {
    if (closing) {
      return; // dropped: a closed transport reads no more (the thread is told to stop)
    }
    held.addLast(data);
    flush();
  }

  private void onEof() {
    eofArrived = true;
    flush();
  }

  private void onError(IOException e) {
    if (closing) {
      return;
    }
    // A read error of a pipe (EIO): asyncio's _fatal_error, which closes with the error.
    closeWith(
        new org.asyncio4j.net.ConnectionException(
            "read from the child's fd " + fd + " failed: " + e.getMessage(), e));
  }

  /** Delivers what is held, in order, while not paused; then the end if it came. */
  private void flush() {
    flushScheduled = false;
    while (!paused && !closing) {
      byte[] data = held.pollFirst();
      if (data == null) {
        break;
      }
      credit(data.length);
      protocol.dataReceived(data);
    }
    if (eofArrived && held.isEmpty() && !paused && !closing) {
      closing = true;
      protocol.eofReceived();
      connectionLost(null);
    }
  }

  private void credit(int n) {
    if (inFlightBytes.addAndGet(-n) < MAX_IN_FLIGHT_BYTES) {
      unparkThread();
    }
  }

  private void unparkThread() {
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  @Override
  public void pauseReading() {
    if (closing || paused) {
      return;
    }
    paused = true;
    pausedShared = true; // the thread sees it before its next read
  }

  @Override
  public void resumeReading() {
    if (closing || !paused) {
      return;
    }
    paused = false;
    pausedShared = false;
    unparkThread();
    // Delivered on a later turn, never from inside resumeReading: a StreamReader resumes from
    // within a read and must not be fed re-entrantly.
    if (!flushScheduled && (!held.isEmpty() || eofArrived)) {
      flushScheduled = true;
      loop.callSoon(this::flush);
    }
  }

  @Override
  public boolean isReading() {
    return !paused && !closing;
  }

  @Override
  public void close() {
    if (closing) {
      return;
    }
    closeWith(null);
  }

  private void closeWith(@Nullable Exception exc) {
    closing = true;
    held.clear();
    closedShared = true;
    unparkThread();
    // A thread blocked in read() cannot be woken by the JDK: it ends at the pipe's next chunk or
    // end, which comes at the latest when the child exits (the child transport's close kills it).
    loop.callSoon(() -> connectionLost(exc));
  }

  private void connectionLost(@Nullable Exception exc) {
    if (lost) {
      return;
    }
    lost = true;
    protocol.connectionLost(exc);
  }

  @Override
  public boolean isClosing() {
    return closing;
  }

  @Override
  public @Nullable Object getExtraInfo(String name) {
    return null;
  }

  @Override
  public BaseProtocol<?> getProtocol() {
    return protocol;
  }

  /** The loop closes: tell the thread to stop at its next wake-up; nothing is delivered now. */
  void stopAtLoopClose() {
    closing = true;
    lost = true;
    held.clear();
    closedShared = true;
    unparkThread();
  }

  /** Whether the pipe has ended and its protocol heard so. */
  boolean isDisconnected() {
    return lost;
  }

  @Override
  public String toString() {
    return "<ReadPipeTransport fd="
        + fd
        + (lost ? " closed" : closing ? " closing" : paused ? " paused" : " reading")
        + (held.isEmpty() ? "" : " held=" + held.size())
        + ">";
  }
}
