/** Finding the {@link org.asyncio4j.http.JsonCodec} at run time. Not exported. */
@NullMarked
package org.asyncio4j.http.internal.json;

import org.jspecify.annotations.NullMarked;
