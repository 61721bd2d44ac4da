package org.asyncio4j.net;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.jspecify.annotations.Nullable;

/**
 * The receiving half of a byte stream: a buffer that a protocol feeds ({@link #feedData}, {@link
 * #feedEof}, {@link #setException}) and tasks read from, suspending until enough data is there.
 * {@code Streams.openConnection} and {@code Streams.startServer} make one per connection; one made
 * with {@code new} serves tests and custom protocols.
 *
 * <p>Loop-confined: feed and read it only from tasks and callbacks of one loop. Only one task may
 * wait for data at a time: a second one gets an {@link IllegalStateException}, as asyncio raises
 * {@code RuntimeError}, because it could not be known which of them the next bytes are for.
 *
 * <p>Cancellation: every read that waits may be cancelled, and then nothing is consumed: the bytes
 * that arrived meanwhile stay in the buffer for the next read.
 *
 * <p>Flow control: when the buffer holds more than twice the {@code limit}, the transport given to
 * {@link #setTransport} is paused ({@code pauseReading}); it is resumed once reads bring the buffer
 * down to the limit, or when a read must wait while it is paused (a {@code readexactly(n)} with
 * {@code n} beyond the limit would otherwise wait forever).
 *
 * <pre>{@code
 * StreamPair conn = Streams.openConnection("example.com", 80);
 * conn.writer().write("HEAD / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
 * for (byte[] line : conn.reader()) {  // readline() until the end of the stream
 *   System.out.print(new String(line, StandardCharsets.ISO_8859_1));
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.StreamReader}. Where Java differs: reads return {@code byte[]}; {@link
 * #feedData} keeps the array it is given instead of copying it (the transport hands over a fresh
 * array per read); {@link #read(int) read(-1)} keeps the bytes in the buffer until the end comes,
 * so a cancelled {@code read(-1)} loses nothing (asyncio's drops the blocks it collected); {@link
 * #readline()} past the limit throws {@link LimitOverrunException} where asyncio raises {@code
 * ValueError}; an exception given to {@link #setException} that is checked reaches readers wrapped
 * in a {@link CompletionException}, as {@link Future#await()} does with one.
 */
public final class StreamReader implements Iterable<byte[]> {
  /** The default limit: the longest line or separated chunk, and half the buffer's pause mark. */
  public static final int DEFAULT_LIMIT_BYTES = 64 * 1024;

  private static final byte[] NEWLINE = {'\n'};
  private static final byte[] EMPTY = {};

  private final int limit;
  private final ChunkBuffer buffer = new ChunkBuffer();
  private boolean eof;
  private @Nullable Future<@Nullable Void> waiter;
  private @Nullable Exception exception;
  private @Nullable ReadTransport transport;
  private boolean paused;

  /** The loop whose task first waited; waits from another loop are refused. */
  private @Nullable EventLoop loop;

  /**
   * Creates a reader with the default limit of {@value #DEFAULT_LIMIT_BYTES} bytes.
   *
   * <p>asyncio: {@code asyncio.StreamReader()}
   */
  public StreamReader() {
    this(DEFAULT_LIMIT_BYTES);
  }

  /**
   * Creates a reader whose lines and separated chunks may be at most {@code limit} bytes long (not
   * counting the separator), and whose transport is paused above twice that.
   *
   * <p>asyncio: {@code asyncio.StreamReader(limit=limit)}
   *
   * @param limit the limit in bytes
   * @throws IllegalArgumentException if {@code limit} is not positive
   */
  public StreamReader(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException(
          "Limit cannot be <= 0: a StreamReader needs a positive limit (bytes), got " + limit);
    }
    this.limit = limit;
  }

  // ---------------------------------------------------------------- the feeding side

  /**
   * Returns the exception given to {@link #setException}, if any.
   *
   * <p>asyncio: {@code StreamReader.exception()}
   *
   * @return the exception, or null
   */
  public @Nullable Exception exception() {
    return exception;
  }

  /**
   * Makes every later read throw {@code exc}, and the read waiting now (if any) at once. Bytes
   * already buffered stay, but are not read any more.
   *
   * <p>asyncio: {@code StreamReader.set_exception}
   *
   * @param exc what broke the stream
   */
  public void setException(Exception exc) {
    exception = exc;
    Future<@Nullable Void> w = waiter;
    if (w != null) {
      waiter = null;
      if (!w.isCancelled()) {
        w.setException(exc);
      }
    }
  }

  /**
   * Sets the transport to pause and resume for flow control. Once only.
   *
   * <p>asyncio: {@code StreamReader.set_transport}
   *
   * @param transport the transport that feeds this reader
   * @throws IllegalStateException if a transport was set already
   */
  public void setTransport(ReadTransport transport) {
    if (this.transport != null) {
      throw new IllegalStateException(
          "Transport already set: "
              + this
              + " is fed by "
              + this.transport
              + "; one reader per"
              + " transport");
    }
    this.transport = transport;
  }

  /**
   * Marks the end of the stream: reads return what is buffered, then empty arrays (or throw {@link
   * IncompleteReadException} when they need more). Wakes the waiting read.
   *
   * <p>asyncio: {@code StreamReader.feed_eof}
   */
  public void feedEof() {
    eof = true;
    wakeupWaiter();
  }

  /**
   * Returns whether the end was fed and every byte has been read.
   *
   * <p>asyncio: {@code StreamReader.at_eof}
   *
   * @return true when nothing more can be read
   */
  public boolean atEof() {
    return eof && buffer.size() == 0;
  }

  /**
   * Appends {@code data} to the buffer and wakes the waiting read; pauses the transport when the
   * buffer passes twice the limit. The reader keeps the array itself (no copy), so the caller must
   * not change it afterwards; a read may return that same array.
   *
   * <p>asyncio: {@code StreamReader.feed_data} (which copies)
   *
   * @param data the bytes; an empty array does nothing
   * @throws IllegalStateException after {@link #feedEof()}
   */
  public void feedData(byte[] data) {
    if (eof) {
      throw new IllegalStateException(
          "feedData() after feedEof(): " + this + " has ended; feed no data after the end");
    }
    if (data.length == 0) {
      return;
    }
    buffer.append(data);
    wakeupWaiter();
    ReadTransport t = transport;
    if (t != null && !paused && buffer.size() > 2L * limit) {
      try {
        t.pauseReading();
        paused = true;
      } catch (UnsupportedOperationException e) {
        // The transport cannot be paused: buffer everything, and stop trying (as asyncio does on
        // NotImplementedError).
        transport = null;
      }
    }
  }

  private void wakeupWaiter() {
    Future<@Nullable Void> w = waiter;
    if (w != null) {
      waiter = null;
      if (!w.isCancelled()) {
        w.setResult(null);
      }
    }
  }

  private void maybeResumeTransport() {
    ReadTransport t = transport;
    if (paused && t != null && buffer.size() <= limit) {
      paused = false;
      t.resumeReading();
    }
  }

  /**
   * Suspends the calling task until data or the end is fed, or an exception set (which it throws).
   * Resumes a paused transport first: waiting while paused would wait forever.
   */
  private void waitForData(String funcName) {
    // One waiter links feedData to one read: with two, nobody could tell which of them the next
    // bytes are for.
    if (waiter != null) {
      throw new IllegalStateException(
          funcName + "() called while another task is already waiting for incoming data");
    }
    if (eof) {
      throw new IllegalStateException(funcName + "() waits for data after EOF; " + this);
    }
    EventLoop running = Asyncio.getRunningLoop();
    EventLoop bound = loop;
    if (bound == null) {
      loop = running;
    } else if (bound != running) {
      throw new IllegalStateException(
          this
              + " is bound to a different event loop ("
              + bound
              + "); read a stream only from tasks of the loop of its connection");
    }
    ReadTransport t = transport;
    if (paused && t != null) {
      paused = false;
      t.resumeReading();
    }
    Future<@Nullable Void> w = running.createFuture();
    waiter = w;
    try {
      w.await();
    } finally {
      // Only our own waiter: after feedData woke us, another task may have started waiting
      // before we ran again (asyncio clears it unconditionally and would lose that one).
      if (waiter == w) {
        waiter = null;
      }
    }
  }

  private void throwIfFailed() {
    Exception e = exception;
    if (e != null) {
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new CompletionException(e);
    }
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads up to {@code n} bytes: waits until at least one byte (or the end) is there, then returns
   * at most {@code n} of those buffered. With {@code n} negative, reads until the end and returns
   * everything; with 0, returns an empty array at once. Not bounded by the limit.
   *
   * <p>Cancellation: if the task is cancelled while it waits, nothing is consumed.
   *
   * <p>asyncio: {@code await StreamReader.read(n)}
   *
   * @param n the most bytes to return, or -1 for all until the end
   * @return the bytes; empty at the end of the stream
   * @throws IllegalStateException if another task is waiting for data of this reader
   * @throws org.asyncio4j.CancelledException if the calling task is cancelled while it waits
   */
  public byte[] read(int n) {
    throwIfFailed();
    if (n == 0) {
      return EMPTY;
    }
    if (n < 0) {
      // asyncio loops on read(limit), which would lose the blocks already read if cancelled: here
      // they stay buffered until the end comes. The buffer grows as asyncio's list of blocks does;
      // each wait resumes the transport that the growth paused.
      while (!eof) {
        throwIfFailed();
        waitForData("read");
      }
      byte[] all = buffer.take(buffer.size());
      maybeResumeTransport();
      return all;
    }
    if (buffer.size() == 0 && !eof) {
      waitForData("read");
    }
    byte[] data = buffer.take(Math.min(n, buffer.size()));
    maybeResumeTransport();
    return data;
  }

  /**
   * Reads a line: the bytes up to and including the next {@code '\n'}. At the end of the stream
   * returns the last, unterminated bytes, then empty arrays.
   *
   * <p>Cancellation: if the task is cancelled while it waits, nothing is consumed.
   *
   * <p>asyncio: {@code await StreamReader.readline()}
   *
   * @return the line with its {@code '\n'}, the partial last line, or an empty array at the end
   * @throws LimitOverrunException if the line (without the {@code '\n'}) is longer than the limit;
   *     as asyncio, the line is then dropped from the buffer up to and including its {@code '\n'},
   *     or the whole buffer when no {@code '\n'} was found (asyncio raises {@code ValueError})
   * @throws IllegalStateException if another task is waiting for data of this reader
   * @throws org.asyncio4j.CancelledException if the calling task is cancelled while it waits
   */
  public byte[] readline() {
    try {
      return readuntil(NEWLINE);
    } catch (IncompleteReadException e) {
      return e.partial();
    } catch (LimitOverrunException e) {
      if (buffer.startsWith(NEWLINE, e.consumed())) {
        buffer.discard(e.consumed() + NEWLINE.length);
      } else {
        buffer.clear();
      }
      maybeResumeTransport();
      throw e;
    }
  }

  /**
   * Reads up to and including the next {@code '\n'}, as {@link #readuntil(byte[])} with it.
   *
   * <p>asyncio: {@code await StreamReader.readuntil()} (its default separator)
   *
   * @return the bytes, ending with {@code '\n'}
   */
  public byte[] readuntil() {
    return readuntil(NEWLINE);
  }

  /**
   * Reads up to and including the next {@code separator}.
   *
   * <p>Cancellation: if the task is cancelled while it waits, nothing is consumed.
   *
   * <p>asyncio: {@code await StreamReader.readuntil(separator)}
   *
   * @param separator what ends the chunk, at least one byte
   * @return the bytes, ending with the separator
   * @throws IncompleteReadException if the stream ends first; its {@code partial()} holds what was
   *     buffered, which is consumed
   * @throws LimitOverrunException if the chunk before the separator is longer than the limit, or no
   *     separator is found within it; the data stays buffered
   * @throws IllegalArgumentException if {@code separator} is empty
   * @throws IllegalStateException if another task is waiting for data of this reader
   * @throws org.asyncio4j.CancelledException if the calling task is cancelled while it waits
   */
  public byte[] readuntil(byte[] separator) {
    return readuntilSorted(new byte[][] {separator});
  }

  /**
   * Reads up to and including the first of {@code separators} to be found: the shortest result that
   * ends with any of them. For the limit, the separator that matched counts.
   *
   * <p>asyncio: {@code await StreamReader.readuntil((sep1, sep2, ...))} (3.13)
   *
   * @param separators what may end the chunk, each at least one byte
   * @return the bytes, ending with one of the separators
   * @throws IncompleteReadException if the stream ends first; its {@code partial()} holds what was
   *     buffered, which is consumed
   * @throws LimitOverrunException if the chunk before the separator is longer than the limit, or no
   *     separator is found within it; the data stays buffered
   * @throws IllegalArgumentException if there is no separator or one is empty
   * @throws IllegalStateException if another task is waiting for data of this reader
   * @throws org.asyncio4j.CancelledException if the calling task is cancelled while it waits
   */
  public byte[] readuntil(byte[]... separators) {
    byte[][] sorted = separators.clone();
    // Stable: of equally long separators the first given is tried first, as asyncio's sorted().
    Arrays.sort(sorted, Comparator.comparingInt(s -> s.length));
    return readuntilSorted(sorted);
  }

  private byte[] readuntilSorted(byte[][] separators) {
    if (separators.length == 0) {
      throw new IllegalArgumentException(
          "Separator should contain at least one element: pass readuntil() one or more separators");
    }
    int minSepLen = separators[0].length;
    int maxSepLen = separators[separators.length - 1].length;
    if (minSepLen == 0) {
      throw new IllegalArgumentException(
          "Separator should be at least one-byte string: readuntil() got an empty separator");
    }
    throwIfFailed();

    // `offset` is how many bytes from the start of the buffer are known to hold no separator: all
    // but the last (maxSepLen - 1) bytes scanned, which may begin one that is still arriving.
    int offset = 0;
    int matchStart = -1;
    int matchEnd = -1;
    while (true) {
      int buflen = buffer.size();
      if (buflen - offset >= minSepLen) {
        for (byte[] sep : separators) {
          int isep = buffer.indexOf(sep, offset);
          if (isep != -1) {
            int end = isep + sep.length;
            if (matchEnd == -1 || end < matchEnd) {
              matchEnd = end;
              matchStart = isep;
            }
          }
        }
        if (matchEnd != -1) {
          break;
        }
        offset = Math.max(0, buflen + 1 - maxSepLen);
        if (offset > limit) {
          throw new LimitOverrunException(
              "Separator is not found, and chunk exceed the limit", offset);
        }
      }
      // A complete separator may have come with the last chunk before the end, so the end is
      // checked only after the buffer was searched.
      if (eof) {
        throw new IncompleteReadException(buffer.take(buffer.size()), null);
      }
      waitForData("readuntil");
    }
    if (matchStart > limit) {
      throw new LimitOverrunException(
          "Separator is found, but chunk is longer than limit", matchStart);
    }
    byte[] chunk = buffer.take(matchEnd);
    maybeResumeTransport();
    return chunk;
  }

  /**
   * Reads exactly {@code n} bytes, waiting as long as it takes. Not bounded by the limit.
   *
   * <p>Cancellation: if the task is cancelled while it waits, nothing is consumed.
   *
   * <p>asyncio: {@code await StreamReader.readexactly(n)}
   *
   * @param n how many bytes
   * @return exactly {@code n} bytes
   * @throws IncompleteReadException if the stream ends first; its {@code partial()} holds what was
   *     buffered, which is consumed
   * @throws IllegalArgumentException if {@code n} is negative
   * @throws IllegalStateException if another task is waiting for data of this reader
   * @throws org.asyncio4j.CancelledException if the calling task is cancelled while it waits
   */
  public byte[] readexactly(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("readexactly size can not be less than zero, got " + n);
    }
    throwIfFailed();
    if (n == 0) {
      return EMPTY;
    }
    while (buffer.size() < n) {
      if (eof) {
        throw new IncompleteReadException(buffer.take(buffer.size()), n);
      }
      waitForData("readexactly");
    }
    byte[] data = buffer.take(n);
    maybeResumeTransport();
    return data;
  }

  /**
   * Iterates over the lines of the stream, as {@link #readline()} returns them, until the end. The
   * iterator's {@code hasNext()} is where it reads (and suspends the calling task); it throws what
   * {@code readline()} throws.
   *
   * <p>asyncio: {@code async for line in reader}
   *
   * @return an iterator over the remaining lines
   */
  @Override
  public Iterator<byte[]> iterator() {
    return new Iterator<>() {
      private byte @Nullable [] next;

      @Override
      public boolean hasNext() {
        byte[] line = next;
        if (line == null) {
          line = readline();
          next = line;
        }
        return line.length > 0;
      }

      @Override
      public byte[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException(StreamReader.this + " has no more lines");
        }
        byte[] line = Objects.requireNonNull(next);
        next = null;
        return line;
      }
    };
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<StreamReader");
    int size = buffer.size();
    if (size > 0) {
      sb.append(' ').append(size).append(" bytes");
    }
    if (eof) {
      sb.append(" eof");
    }
    if (limit != DEFAULT_LIMIT_BYTES) {
      sb.append(" limit=").append(limit);
    }
    if (waiter != null) {
      sb.append(" waiter=").append(waiter);
    }
    if (exception != null) {
      sb.append(" exception=").append(exception);
    }
    if (transport != null) {
      sb.append(" transport=").append(transport);
    }
    if (paused) {
      sb.append(" paused");
    }
    return sb.append('>').toString();
  }
}
