package org.asyncio4j.http.internal.codec;

import org.asyncio4j.http.Headers;
import org.asyncio4j.http.HttpMethod;
import org.asyncio4j.http.HttpVersion;

/**
 * A parsed request head.
 *
 * @param method the method
 * @param target the request-target as sent (origin-, absolute-, authority- or asterisk-form)
 * @param version the version
 * @param headers the header fields, values stripped of surrounding whitespace
 * @param keepAlive whether the connection may carry another request after this one
 * @param upgrade whether the request asks to switch protocols ({@code Connection: upgrade} with
 *     {@code Upgrade}) or is a CONNECT: the parser stops after it
 * @param expectContinue whether the client waits for {@code 100 Continue} before the body
 * @param chunked whether the body is chunked (else its length is {@code contentLength})
 * @param contentLength the declared length, 0 when none and not chunked, -1 when chunked
 */
public record RequestHead(
    HttpMethod method,
    String target,
    HttpVersion version,
    Headers headers,
    boolean keepAlive,
    boolean upgrade,
    boolean expectContinue,
    boolean chunked,
    long contentLength) {}
