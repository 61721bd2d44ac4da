package org.asyncio4j;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import org.jspecify.annotations.Nullable;

/**
 * {@code sun.misc.Signal} and {@code sun.misc.SignalHandler} (module {@code jdk.unsupported}), the
 * only way the JDK offers to catch a signal, reached through method handles. Why not directly:
 * javac warns at every use of a {@code sun.*} type ("internal proprietary API") and no option or
 * annotation turns that warning off, while the build is meant to have none. The handles are the
 * public methods of an exported package: no {@code --add-opens} is needed.
 *
 * <p>A handler is an opaque object: one made by {@link #handler(Runnable)}, or one that {@link
 * #handle} returned (the JVM's default handler, say), which can be installed again. Threading: any
 * thread; the JVM runs handlers on a thread of its own. For example {@code Object previous =
 * Signals.handle("INT", Signals.handler(action))} installs a handler, and {@code
 * Signals.handle("INT", previous)} puts the old one back.
 */
final class Signals {
  private static final @Nullable Class<?> HANDLER_TYPE;
  private static final @Nullable MethodHandle NEW_SIGNAL; // (String) -> Signal
  private static final @Nullable MethodHandle HANDLE; // (Signal, SignalHandler) -> SignalHandler
  private static final @Nullable MethodHandle RAISE; // (Signal) -> void

  static {
    Class<?> handlerType = null;
    MethodHandle newSignal = null;
    MethodHandle handle = null;
    MethodHandle raise = null;
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?> signal = Class.forName("sun.misc.Signal");
      handlerType = Class.forName("sun.misc.SignalHandler");
      newSignal =
          lookup
              .findConstructor(signal, MethodType.methodType(void.class, String.class))
              .asType(MethodType.methodType(Object.class, String.class));
      handle =
          lookup
              .findStatic(signal, "handle", MethodType.methodType(handlerType, signal, handlerType))
              .asType(MethodType.methodType(Object.class, Object.class, Object.class));
      raise =
          lookup
              .findStatic(signal, "raise", MethodType.methodType(void.class, signal))
              .asType(MethodType.methodType(void.class, Object.class));
    } catch (ReflectiveOperationException | LinkageError e) {
      handlerType = null; // no jdk.unsupported in this runtime: signals are not available
    }
    HANDLER_TYPE = handlerType;
    NEW_SIGNAL = newSignal;
    HANDLE = handle;
    RAISE = raise;
  }

  private Signals() {}

  /** Whether this runtime has {@code sun.misc.Signal}. */
  static boolean available() {
    return HANDLER_TYPE != null;
  }

  /**
   * Returns a new signal handler that runs {@code action} on the JVM's signal thread.
   *
   * @param action what the handler does
   * @return the handler, for {@link #handle}
   * @throws UnsupportedOperationException if signals are not {@link #available()}
   */
  @SuppressWarnings("ReferenceEquality") // a handler equals only itself, as a lambda does
  static Object handler(Runnable action) {
    Class<?> type = require(HANDLER_TYPE);
    return Proxy.newProxyInstance(
        Signals.class.getClassLoader(),
        new Class<?>[] {type},
        (proxy, method, args) ->
            switch (method.getName()) {
              case "handle" -> {
                action.run();
                yield null;
              }
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              case "toString" -> "<signal handler " + action + ">";
              default -> throw new UnsupportedOperationException(method.toString());
            });
  }

  /**
   * Installs {@code handler} for the signal named {@code name} ("INT", "TERM", ...).
   *
   * @param name the signal's name, without "SIG"
   * @param handler a handler from {@link #handler} or from an earlier call of this method
   * @return the handler that was installed before
   * @throws IllegalArgumentException if the signal is unknown or the JVM keeps it for itself
   *     ({@code -Xrs}, or a signal the JVM uses)
   * @throws UnsupportedOperationException if signals are not {@link #available()}
   */
  static Object handle(String name, Object handler) {
    MethodHandle h = require(HANDLE);
    try {
      return (Object) h.invokeExact(signal(name), handler);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("sun.misc.Signal.handle(" + name + ") failed", t);
    }
  }

  /**
   * Raises the signal named {@code name} in this process.
   *
   * @param name the signal's name, without "SIG"
   * @throws IllegalArgumentException if the signal is unknown
   * @throws UnsupportedOperationException if signals are not {@link #available()}
   */
  static void raise(String name) {
    MethodHandle h = require(RAISE);
    try {
      h.invokeExact(signal(name));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("sun.misc.Signal.raise(" + name + ") failed", t);
    }
  }

  private static Object signal(String name) throws Throwable {
    return (Object) require(NEW_SIGNAL).invokeExact(name);
  }

  private static <T> T require(@Nullable T part) {
    if (part == null) {
      throw new UnsupportedOperationException(
          "signals need sun.misc.Signal (module jdk.unsupported), which this runtime lacks");
    }
    return part;
  }
}
