/**
 * The asyncio tutorial programs, ported: each class is the Java twin of one Python program and
 * prints what it prints, in the same order and the same time.
 *
 * <p>How the Python constructs map:
 *
 * <ul>
 *   <li>{@code async def f()}: a plain method that may suspend; calling it in a task is {@code
 *       await f()}.
 *   <li>{@code await task}: {@code task.await()}.
 *   <li>{@code asyncio.run(main())}: {@code Asyncio.run(() -> main(out))}.
 *   <li>{@code asyncio.create_task(f())}: {@code Asyncio.createTask(() -> f(out))}.
 *   <li>{@code asyncio.gather(f(), g())}: {@code Asyncio.gather(createTask(...), ...).await()}.
 *   <li>{@code asyncio.sleep(0.25)}: {@code Asyncio.sleep(Duration.ofMillis(250))}.
 *   <li>{@code time.perf_counter()}: the loop's clock, so that tests on virtual time see exact
 *       figures.
 * </ul>
 *
 * <p>The text a program prints is the Python program's; values print the Java way ({@code false}
 * for {@code False}, {@code {data=1}} for {@code {'data': 1}}).
 *
 * <p>Each program has a {@code main(String[])} and a static {@code run} method that takes the
 * {@link java.io.PrintStream} to print to and the {@link org.asyncio4j.EventLoop.Builder} of its
 * loop, so that tests run it on virtual time and read exact output and timing.
 */
@NullMarked
package org.asyncio4j.examples;

import org.jspecify.annotations.NullMarked;
