/**
 * The HTTP vocabulary shared by asyncio4j's client and server: {@link org.asyncio4j.http.Headers}
 * (aiohttp's {@code CIMultiDict}), {@link org.asyncio4j.http.HttpMethod}, {@link
 * org.asyncio4j.http.HttpStatus} and {@link org.asyncio4j.http.HttpVersion}.
 *
 * <p>Every type here is null-marked: a parameter or result may be null only where it says
 * {@code @Nullable}.
 *
 * <p>aiohttp: {@code aiohttp.hdrs}, {@code multidict}, {@code http.HTTPStatus}
 */
@NullMarked
package org.asyncio4j.http;

import org.jspecify.annotations.NullMarked;
