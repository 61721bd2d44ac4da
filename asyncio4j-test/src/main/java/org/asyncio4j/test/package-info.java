/**
 * Test support for asyncio4j users: {@link org.asyncio4j.test.TestLoop}, an event loop on virtual
 * time, and {@link org.asyncio4j.test.TestLoopExtension}, its JUnit 5 extension.
 *
 * <p>Null-marked: a parameter or result may be null only where it says {@code @Nullable}.
 */
@NullMarked
package org.asyncio4j.test;

import org.jspecify.annotations.NullMarked;
