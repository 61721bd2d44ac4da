package org.asyncio4j.internal.net;

import java.nio.channels.FileChannel;
import org.jspecify.annotations.Nullable;

/**
 * A transport that {@code loop.sendfile} can send a file through: CPython's {@code
 * _sendfile_compatible} (TRY_NATIVE for a socket transport, FALLBACK for TLS). A transport that is
 * not one of these cannot take a file, as CPython's UNSUPPORTED.
 */
public interface SendfileTarget {
  /** Whether {@link #sendfileNative} may be tried (the bytes go from the file to the socket). */
  boolean canSendfileNatively();

  /** Whether the transport has told its protocol to pause writing and not yet to resume. */
  boolean isWritingPaused();

  /**
   * Sends the file's range straight from the file to the socket, once the transport's buffer is
   * empty; reading is paused meanwhile and {@code write} refused.
   *
   * @throws org.asyncio4j.net.SendfileNotAvailableException if nothing was sent and the zero-copy
   *     path failed (the caller may fall back)
   * @throws UnsupportedOperationException if {@link #canSendfileNatively()} is false
   */
  long sendfileNative(FileChannel file, long offset, @Nullable Long count);
}
