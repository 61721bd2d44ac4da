/**
 * asyncio4j: Python's asyncio for Java. An {@link org.asyncio4j.EventLoop} per thread, {@link
 * org.asyncio4j.Task}s that are virtual threads scheduled by their loop, {@link
 * org.asyncio4j.Future}s, timeouts, task groups, and the functions of {@link
 * org.asyncio4j.Asyncio}.
 *
 * <p>Every type here is null-marked: a parameter, result or type argument may be null only where it
 * says {@code @Nullable}. A result or value may be null where its type argument is nullable: the
 * generic types {@link org.asyncio4j.Coroutine}, {@link org.asyncio4j.Future}, {@link
 * org.asyncio4j.Task}, {@link org.asyncio4j.ContextVar} and {@link org.asyncio4j.AsyncGenerator}
 * accept one, so a {@code Task<String>}'s result is never null and a {@code Task<@Nullable
 * String>}'s may be. A {@link org.asyncio4j.VoidCoroutine}'s task is a {@code Task<Void>}, as the
 * JDK's {@code CompletableFuture<Void>}: its result is always null.
 *
 * <p>asyncio: {@code asyncio}
 */
@NullMarked
package org.asyncio4j;

import org.jspecify.annotations.NullMarked;
