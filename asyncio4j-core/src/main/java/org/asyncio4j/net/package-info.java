/**
 * Non-blocking network I/O on the event loop's own selector and thread: transports and protocols
 * (asyncio's {@code transports.py} and {@code protocols.py}), servers, and streams ({@code
 * streams.py}).
 *
 * <p>Everything here is loop-confined: call it from a task or callback of the loop that owns the
 * transport. Methods that wait (connecting, {@code drain}, reading a stream) suspend the calling
 * task, as an {@code await} does in asyncio.
 */
@NullMarked
package org.asyncio4j.net;

import org.jspecify.annotations.NullMarked;
