/**
 * The hidden parts of {@code org.asyncio4j.net}: the protocol that feeds a stream reader and the
 * flow control behind {@code StreamWriter.drain()} (asyncio's {@code StreamReaderProtocol} and
 * {@code FlowControlMixin}), and the socket transports. Not exported.
 */
@NullMarked
package org.asyncio4j.internal.net;

import org.jspecify.annotations.NullMarked;
