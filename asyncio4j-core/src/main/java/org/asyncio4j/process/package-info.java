/**
 * Child processes driven by the event loop: {@link org.asyncio4j.process.Subprocesses#exec} and
 * {@link org.asyncio4j.process.Subprocesses#shell} start one and return a {@link
 * org.asyncio4j.process.Subprocess} whose pipes are streams; the low-level {@link
 * org.asyncio4j.process.Subprocesses#subprocessExec} hands its pipes to a {@link
 * org.asyncio4j.process.SubprocessProtocol}.
 *
 * <p>The JDK's process pipes only block, so each pipe is read or written by a thread of its own
 * ({@code asyncio4j-pipe-<pid>-<fd>}), which hands the bytes to the loop through {@code
 * callSoonThreadsafe}, with back-pressure both ways. asyncio: {@code asyncio.subprocess} and {@code
 * asyncio.base_subprocess}.
 */
@NullMarked
package org.asyncio4j.process;

import org.jspecify.annotations.NullMarked;
