package org.asyncio4j.http.internal.codec;

import org.asyncio4j.http.Headers;
import org.asyncio4j.http.HttpVersion;

/**
 * A parsed response head.
 *
 * @param version the version
 * @param status the status code (three digits)
 * @param reason the reason phrase as sent (empty when none)
 * @param headers the header fields, values stripped of surrounding whitespace
 * @param keepAlive whether the connection may carry another exchange after this one
 * @param framing how the body is delimited
 * @param contentLength the declared length when {@code framing} is {@link BodyFraming#LENGTH}
 */
public record ResponseHead(
    HttpVersion version,
    int status,
    String reason,
    Headers headers,
    boolean keepAlive,
    BodyFraming framing,
    long contentLength) {}
