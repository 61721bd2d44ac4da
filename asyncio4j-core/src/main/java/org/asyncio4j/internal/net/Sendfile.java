package org.asyncio4j.internal.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import org.asyncio4j.EventLoop;
import org.asyncio4j.net.SendfileNotAvailableException;
import org.asyncio4j.net.Transport;
import org.jspecify.annotations.Nullable;

/**
 * {@code loop.sendfile} and {@code loop.sock_sendfile}: CPython's {@code base_events} logic (the
 * zero-copy path where the transport has one, else read the file off the loop and write it with the
 * transport's flow control), with {@link FileChannel#transferTo} as the zero-copy path.
 */
public final class Sendfile {
  /**
   * Bytes read per step of the transport fallback. CPython reads 16 KiB; a larger block costs one
   * array and saves three quarters of the trips to the executor.
   */
  static final int TRANSPORT_FALLBACK_BLOCK = 64 * 1024;

  /** Bytes read per step of the socket fallback: CPython's SENDFILE_FALLBACK_READBUFFER_SIZE. */
  static final int SOCKET_FALLBACK_BLOCK = 256 * 1024;

  private Sendfile() {}

  public static long sendfile(
      EventLoop loop,
      Transport transport,
      FileChannel file,
      long offset,
      @Nullable Long count,
      boolean fallback) {
    Objects.requireNonNull(transport, "transport");
    checkParams(file, offset, count);
    if (transport.isClosing()) {
      throw new IllegalStateException("Transport is closing: " + transport);
    }
    if (!(transport instanceof SendfileTarget target)) {
      throw new UnsupportedOperationException(
          "sendfile is not supported for transport " + transport);
    }
    if (target.canSendfileNatively()) {
      try {
        return target.sendfileNative(file, offset, count);
      } catch (SendfileNotAvailableException e) {
        if (!fallback) {
          throw e;
        }
      }
    }
    if (!fallback) {
      throw new SendfileNotAvailableException(
          "fallback is disabled and native sendfile is not supported for transport " + transport);
    }
    return transportFallback(loop, transport, target, file, offset, count);
  }

  public static long sockSendfile(
      EventLoop loop,
      SocketChannel channel,
      FileChannel file,
      long offset,
      @Nullable Long count,
      boolean fallback) {
    Objects.requireNonNull(channel, "channel");
    checkParams(file, offset, count);
    if (channel.isBlocking()) {
      throw new IllegalArgumentException(
          "the channel must be non-blocking: call configureBlocking(false) first (a blocking"
              + " channel would stop the whole loop)");
    }
    try {
      return new FileTransfer(loop, channel, file, offset, count).run();
    } catch (SendfileNotAvailableException e) {
      if (!fallback) {
        throw e;
      }
    }
    return socketFallback(loop, channel, file, offset, count);
  }

  private static void checkParams(FileChannel file, long offset, @Nullable Long count) {
    Objects.requireNonNull(file, "file");
    if (count != null && count <= 0) {
      throw new IllegalArgumentException("count must be a positive integer (got " + count + ")");
    }
    if (offset < 0) {
      throw new IllegalArgumentException(
          "offset must be a non-negative integer (got " + offset + ")");
    }
  }

  private static long transportFallback(
      EventLoop loop,
      Transport transport,
      SendfileTarget target,
      FileChannel file,
      long offset,
      @Nullable Long count) {
    SendfileFallbackProtocol proto =
        new SendfileFallbackProtocol(loop, transport, target.isWritingPaused());
    Reader reader = new Reader(loop, file, offset, count, TRANSPORT_FALLBACK_BLOCK);
    try {
      while (true) {
        ByteBuffer chunk = reader.next();
        if (chunk == null) {
          return reader.total;
        }
        proto.drain();
        transport.write(chunk); // the transport copies whatever it keeps: the block is reused
        reader.sent(chunk.limit());
      }
    } finally {
      try {
        reader.finish();
      } finally {
        proto.restore();
      }
    }
  }

  private static long socketFallback(
      EventLoop loop, SocketChannel channel, FileChannel file, long offset, @Nullable Long count) {
    Reader reader = new Reader(loop, file, offset, count, SOCKET_FALLBACK_BLOCK);
    try {
      while (true) {
        ByteBuffer chunk = reader.next();
        if (chunk == null) {
          return reader.total;
        }
        int n = chunk.limit();
        SocketOps.sendall(loop, channel, chunk);
        reader.sent(n);
      }
    } finally {
      reader.finish();
    }
  }

  /** Reads the file's range block by block in the loop's default executor (file reads block). */
  private static final class Reader {
    private final EventLoop loop;
    private final FileChannel file;
    private final long offset;
    private final @Nullable Long count;
    private final ByteBuffer block;
    long total;

    Reader(EventLoop loop, FileChannel file, long offset, @Nullable Long count, int blockSize) {
      this.loop = loop;
      this.file = file;
      this.offset = offset;
      this.count = count;
      int size = count == null ? blockSize : (int) Math.min(count, blockSize);
      this.block = ByteBuffer.allocate(size);
    }

    /** The next block, flipped, or null at the end of the range or of the file. */
    @Nullable ByteBuffer next() {
      long want = count == null ? block.capacity() : Math.min(block.capacity(), count - total);
      if (want <= 0) {
        return null;
      }
      block.clear().limit((int) want);
      long at = offset + total;
      int n = loop.runInExecutor(null, () -> readAt(at)).await();
      if (n <= 0) {
        return null;
      }
      return block.flip();
    }

    private int readAt(long at) throws IOException {
      try {
        int n = 0;
        while (block.hasRemaining()) {
          int r = file.read(block, at + n);
          if (r < 0) {
            break;
          }
          n += r;
        }
        return n;
      } catch (NonReadableChannelException e) {
        throw new IllegalArgumentException(
            "the file is not open for reading: open it with StandardOpenOption.READ", e);
      }
    }

    void sent(int n) {
      total += n;
    }

    /** As CPython: the file's position ends just past what was sent. */
    void finish() {
      if (total > 0) {
        try {
          file.position(offset + total);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot set the file's position after sendfile", e);
        }
      }
    }
  }
}
