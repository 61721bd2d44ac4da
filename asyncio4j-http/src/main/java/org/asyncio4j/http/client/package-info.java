/**
 * The HTTP client's public types, as aiohttp's client: the cookie jar ({@link
 * org.asyncio4j.http.client.CookieJar}, {@link org.asyncio4j.http.client.Cookie}), request bodies
 * ({@link org.asyncio4j.http.client.FormData}), basic authentication ({@link
 * org.asyncio4j.http.client.BasicAuth}), time limits ({@link
 * org.asyncio4j.http.client.ClientTimeout}) and the exceptions under {@link
 * org.asyncio4j.http.client.ClientException}.
 *
 * <p>URLs are {@link java.net.URI}s: asyncio4j has no URL type of its own. Where aiohttp relies on
 * yarl for what {@code URI} does differently (joining a base URL keeps empty path segments, hosts
 * with {@code _} or non-ASCII letters), the client does it itself.
 *
 * <p>aiohttp: {@code aiohttp.client}, {@code aiohttp.cookiejar}, {@code aiohttp.formdata}, {@code
 * aiohttp.client_exceptions}
 */
@NullMarked
package org.asyncio4j.http.client;

import org.jspecify.annotations.NullMarked;
