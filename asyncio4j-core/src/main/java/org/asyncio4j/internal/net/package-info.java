/**
 * The implementation of {@code org.asyncio4j.net}: socket transports on the loop's selector, the
 * connector (name resolution, connection attempts, Happy Eyeballs), servers and their accept loops,
 * the protocol that feeds a stream reader and the flow control behind {@code StreamWriter.drain()}
 * (asyncio's {@code StreamReaderProtocol} and {@code FlowControlMixin}). Not exported; may change
 * in any release.
 */
@NullMarked
package org.asyncio4j.internal.net;

import org.jspecify.annotations.NullMarked;
