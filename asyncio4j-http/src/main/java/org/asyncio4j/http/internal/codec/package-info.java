/**
 * The HTTP/1.1 codec: push parsers for requests (strict, RFC 9112) and responses (lenient where
 * real servers are sloppy, each leniency named), and the head and chunked writers. Not exported.
 */
@NullMarked
package org.asyncio4j.http.internal.codec;

import org.jspecify.annotations.NullMarked;
