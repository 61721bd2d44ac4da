package org.asyncio4j.examples;

import java.io.PrintStream;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One program of the {@link Demo}: its name on the command line, where it comes from, how the demo
 * shortens it (if at all), and how to run it.
 *
 * @param name the name on the demo's command line
 * @param title the seed and Python program it mirrors
 * @param note how the demo's run differs from the original, or empty
 * @param body runs it
 */
record Example(String name, String title, String note, Body body) {
  /** Runs the program, printing to {@code out}. */
  @FunctionalInterface
  interface Body {
    /**
     * Runs the program.
     *
     * @param out where it prints
     * @return what its synchronous version would take (the sum of its sleeps), or null when the
     *     program is synchronous itself or does not wait at all
     * @throws Exception whatever the program throws
     */
    @Nullable Duration run(PrintStream out) throws Exception;
  }
}
