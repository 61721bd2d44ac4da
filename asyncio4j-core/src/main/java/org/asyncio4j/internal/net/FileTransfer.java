package org.asyncio4j.internal.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.net.SendfileNotAvailableException;
import org.jspecify.annotations.Nullable;

/**
 * One zero-copy transfer of a file's range to a non-blocking socket: {@link FileChannel#transferTo}
 * (the kernel's sendfile on Linux) as long as the socket takes bytes, then a wait for writability.
 * CPython's {@code _sock_sendfile_native_impl}. Loop-confined; used once.
 */
final class FileTransfer {
  private final EventLoop loop;
  private final SocketChannel channel;
  private final FileChannel file;
  private final long offset;
  private final @Nullable Long count;
  private long sent;
  private @Nullable Future<@Nullable Void> writable;
  private @Nullable RuntimeException aborted;

  FileTransfer(
      EventLoop loop, SocketChannel channel, FileChannel file, long offset, @Nullable Long count) {
    this.loop = loop;
    this.channel = channel;
    this.file = file;
    this.offset = offset;
    this.count = count;
  }

  /**
   * Sends until the range is done or the file ends; leaves the file's position just past what was
   * sent (also on failure and cancellation), as CPython's {@code lseek}.
   *
   * @return the bytes sent
   */
  long run() {
    long result;
    try {
      result = send();
    } catch (RuntimeException | Error e) {
      try {
        updatePosition();
      } catch (UncheckedIOException p) {
        e.addSuppressed(p);
      }
      throw e;
    }
    updatePosition();
    return result;
  }

  private long send() {
    while (true) {
      RuntimeException abort = aborted;
      if (abort != null) {
        throw abort;
      }
      long want = count == null ? Long.MAX_VALUE : count - sent;
      if (want <= 0) {
        return sent;
      }
      long n = transferOnce(want);
      if (n > 0) {
        sent += n;
      } else if (offset + sent >= size()) {
        return sent;
      } else {
        awaitWritable();
      }
    }
  }

  private void updatePosition() {
    if (sent > 0) {
      try {
        file.position(offset + sent);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot set the file's position after sendfile", e);
      }
    }
  }

  private long transferOnce(long want) {
    try {
      return file.transferTo(offset + sent, want, channel);
    } catch (NonReadableChannelException e) {
      throw new IllegalArgumentException(
          "the file is not open for reading: open it with StandardOpenOption.READ", e);
    } catch (IOException e) {
      if (sent == 0 && !looksLikeConnectionError(e)) {
        // As CPython: a failure before any byte went means the zero-copy path is not available
        // for this pair (a file system without it, say); the caller may fall back.
        throw new SendfileNotAvailableException(
            "FileChannel.transferTo failed before sending anything: " + e.getMessage(), e);
      }
      throw IoErrors.connection(e, "sendfile");
    }
  }

  private static boolean looksLikeConnectionError(IOException e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return e instanceof ClosedChannelException
        || m.contains("reset")
        || m.contains("broken pipe")
        || m.contains("not connected");
  }

  private long size() {
    try {
      return file.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the file's size during sendfile", e);
    }
  }

  private void awaitWritable() {
    Future<@Nullable Void> ready = loop.createFuture();
    writable = ready;
    loop.addWriter(
        channel,
        () -> {
          if (!ready.isDone()) {
            ready.setResult(null);
          }
        });
    try {
      ready.await();
    } finally {
      writable = null;
      loop.removeWriter(channel);
    }
  }

  /** Ends the transfer with {@code exc} at its next step (the transport under it was aborted). */
  void abort(RuntimeException exc) {
    aborted = exc;
    Future<@Nullable Void> w = writable;
    if (w != null && !w.isDone()) {
      w.setException(exc);
    }
  }
}
