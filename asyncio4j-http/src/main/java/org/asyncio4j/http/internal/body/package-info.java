/**
 * Bodies apart from the wire: request bodies made from forms and files ({@link
 * org.asyncio4j.http.internal.body.ChunkedBody}), and the content decoders of gzip and deflate
 * responses ({@link org.asyncio4j.http.internal.body.ContentDecoder}). Named {@code body}, not
 * {@code codec}: {@code internal.codec} is the HTTP/1.1 message codec's. Not exported.
 */
@NullMarked
package org.asyncio4j.http.internal.body;

import org.jspecify.annotations.NullMarked;
