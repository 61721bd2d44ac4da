/**
 * TLS over the net layer's transports: an {@code SSLEngine} driven by the state machine of
 * CPython's {@code asyncio/sslproto.py}. Not exported; may change in any release.
 */
@NullMarked
package org.asyncio4j.internal.tls;

import org.jspecify.annotations.NullMarked;
