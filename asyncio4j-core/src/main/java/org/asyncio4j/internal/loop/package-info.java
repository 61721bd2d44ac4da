/**
 * Internals of the event loop that are not API: the hook into the JDK's virtual thread scheduler
 * and the watchdog that reports a task holding the loop's thread too long. Not exported by the
 * module; may change in any release.
 */
@NullMarked
package org.asyncio4j.internal.loop;

import org.jspecify.annotations.NullMarked;
