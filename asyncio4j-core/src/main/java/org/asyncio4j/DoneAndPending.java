package org.asyncio4j;

import java.util.Set;

/**
 * What {@link Asyncio#wait} returns: the futures that are done and those still pending, each in the
 * order they were given.
 *
 * <pre>{@code
 * DoneAndPending<Task<String>> r = Asyncio.wait(tasks, Duration.ofSeconds(1), ReturnWhen.ALL_COMPLETED);
 * r.pending().forEach(Future::cancel);
 * }</pre>
 *
 * <p>asyncio: the {@code (done, pending)} tuple of {@code asyncio.wait}
 *
 * @param done the futures that are done
 * @param pending the futures that are not
 * @param <F> the type of the futures given
 */
public record DoneAndPending<F extends Future<?>>(Set<F> done, Set<F> pending) {}
