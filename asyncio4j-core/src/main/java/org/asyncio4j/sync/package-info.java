/**
 * Synchronization primitives and queues for the tasks of one event loop: {@link
 * org.asyncio4j.sync.Lock}, {@link org.asyncio4j.sync.Event}, {@link org.asyncio4j.sync.Condition},
 * {@link org.asyncio4j.sync.Semaphore}, {@link org.asyncio4j.sync.BoundedSemaphore}, {@link
 * org.asyncio4j.sync.Barrier}, and {@link org.asyncio4j.sync.Queue} with its priority and LIFO
 * variants.
 *
 * <p>They are not thread-safe, exactly as asyncio's are not: every object here is confined to the
 * loop whose task first waits on it, and is meant to be used only from tasks and callbacks of that
 * loop. Tasks of one loop take turns on one thread, so no operation here needs a memory barrier;
 * each is built, as CPython's {@code asyncio/locks.py} and {@code asyncio/queues.py} are, on {@link
 * org.asyncio4j.Future}s that wake the waiting tasks.
 *
 * <p>Every wait can be cancelled (by {@link org.asyncio4j.Task#cancel()}, a timeout or a task
 * group) and leaves no trace: a waiter that was already granted a lock, a permit or a wake-up when
 * it was cancelled passes it on to the next waiter.
 *
 * <p>asyncio: {@code asyncio.locks}, {@code asyncio.queues}
 */
@NullMarked
package org.asyncio4j.sync;

import org.jspecify.annotations.NullMarked;
