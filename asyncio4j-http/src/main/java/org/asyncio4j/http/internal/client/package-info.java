/**
 * The client's wire-independent helpers: URL joining and queries, the content-type check of {@code
 * json()}, the cookie jar's parsing and storage. Not exported.
 */
@NullMarked
package org.asyncio4j.http.internal.client;

import org.jspecify.annotations.NullMarked;
