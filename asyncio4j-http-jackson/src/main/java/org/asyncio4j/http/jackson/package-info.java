/**
 * {@link org.asyncio4j.http.jackson.JacksonJsonCodec}: asyncio4j-http's JSON on Jackson 3, found by
 * {@link java.util.ServiceLoader} when this jar is present.
 */
@NullMarked
package org.asyncio4j.http.jackson;

import org.jspecify.annotations.NullMarked;
