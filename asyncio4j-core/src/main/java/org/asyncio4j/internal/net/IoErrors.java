package org.asyncio4j.internal.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import org.asyncio4j.net.ConnectionAbortedException;
import org.asyncio4j.net.ConnectionException;
import org.asyncio4j.net.ConnectionRefusedException;
import org.asyncio4j.net.ConnectionResetException;

/** The JDK's checked I/O errors, as the unchecked exceptions of asyncio's families. */
final class IoErrors {
  private IoErrors() {}

  /** An error of an established connection's read or write. */
  static ConnectionException connection(IOException e, String operation) {
    String m = String.valueOf(e.getMessage());
    String lower = m.toLowerCase(Locale.ROOT);
    if (lower.contains("reset") || lower.contains("broken pipe")) {
      return new ConnectionResetException(m + " (during " + operation + ")", e);
    }
    if (e instanceof ClosedChannelException) {
      return new ConnectionAbortedException("the socket was closed (during " + operation + ")", e);
    }
    return new ConnectionException(m + " (during " + operation + ")", e);
  }

  /** A failed connect to {@code address}. */
  static UncheckedIOException connect(IOException e, SocketAddress address) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String m = "Connect call failed to " + address + ": " + why;
    if (e instanceof ConnectException && why.toLowerCase(Locale.ROOT).contains("refused")) {
      return new ConnectionRefusedException(m, e);
    }
    if (e instanceof ConnectException) {
      return new ConnectionException(m, e);
    }
    return new UncheckedIOException(m, e);
  }
}
