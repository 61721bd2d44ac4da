package org.asyncio4j.http.internal.json;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.asyncio4j.http.JsonCodec;
import org.jspecify.annotations.Nullable;

/**
 * Finds the {@link JsonCodec} through {@link ServiceLoader} once and keeps it. A missing codec is
 * not remembered: a later call looks again (it only ever fails, so the cost does not matter).
 */
public final class JsonCodecLookup {
  /** Coordinates of the jar that provides a codec, for the message when none is found. */
  public static final String JACKSON_ARTIFACT = "org.asyncio4j:asyncio4j-http-jackson";

  // Written once by whichever loop thread looks first; a race only loads the same provider twice.
  private static volatile @Nullable JsonCodec codec;

  private JsonCodecLookup() {}

  /**
   * The codec, found on the first call.
   *
   * @return the codec
   * @throws IllegalStateException if no jar provides one
   */
  public static JsonCodec codec() {
    JsonCodec c = codec;
    if (c == null) {
      // The loader that defined JsonCodec: the same answer whichever thread asks first (a context
      // class loader would make the kept codec depend on the first caller).
      c = load(JsonCodec.class.getClassLoader());
      codec = c;
    }
    return c;
  }

  /**
   * Looks for a codec in the providers that {@code loader} sees, without keeping it.
   *
   * @param loader where to look
   * @return the first provider
   * @throws IllegalStateException if there is none, or the first cannot be created
   */
  public static JsonCodec load(@Nullable ClassLoader loader) {
    Iterator<JsonCodec> providers = ServiceLoader.load(JsonCodec.class, loader).iterator();
    try {
      if (providers.hasNext()) {
        return providers.next();
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException(
          "The JsonCodec provider on the class path or module path could not be loaded: "
              + e.getMessage(),
          e);
    }
    throw new IllegalStateException(
        "No JsonCodec found: JSON needs a codec beside asyncio4j-http. Add the jar "
            + JACKSON_ARTIFACT
            + " (Jackson 3) to the class path or module path, or implement "
            + JsonCodec.class.getName()
            + " and register it with ServiceLoader (META-INF/services/"
            + JsonCodec.class.getName()
            + ", or `provides` in module-info.java)");
  }
}
