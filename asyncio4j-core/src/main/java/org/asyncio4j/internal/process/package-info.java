/**
 * The implementation of {@code org.asyncio4j.process}: the child's transport, the pipe transports
 * and the threads that do their blocking reads and writes. Not exported; may change in any release.
 *
 * <p>Design: the JDK gives a child's pipes only as blocking streams, and the loop's selector cannot
 * watch them. Each pipe therefore has one daemon platform thread ({@code
 * asyncio4j-pipe-<pid>-<fd>}) that does the blocking calls and meets the loop in two places only:
 * {@code callSoonThreadsafe} (thread to loop) and a small lock-guarded hand-off (loop to thread:
 * pause, credit, close, the write queue). Platform threads rather than virtual ones: a virtual
 * thread blocked in a {@code FileInputStream.read} or {@code FileOutputStream.write} of a pipe
 * holds its carrier for the whole call (the JDK's file I/O does not unmount it; it only compensates
 * by adding a carrier to the default scheduler, up to a bound), so a quiet child would hold a
 * carrier for its lifetime.
 */
@NullMarked
package org.asyncio4j.internal.process;

import org.jspecify.annotations.NullMarked;
