package org.asyncio4j.internal.process;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.asyncio4j.EventLoop;
import org.asyncio4j.internal.net.StreamReaderProtocol;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.StreamWriter;
import org.asyncio4j.net.Transport;
import org.jspecify.annotations.Nullable;

/**
 * Makes a {@link StreamWriter} over a child's stdin pipe. Its constructor is package-private to
 * {@code org.asyncio4j.net} (its parameter types are hidden ones), and the streams code offers no
 * hidden factory yet; a private lookup is allowed inside one module, so this reaches it without
 * widening the public API. Replace it with a call to such a factory once {@code internal.net} has
 * one.
 */
final class StreamWriters {
  private static final MethodHandle CONSTRUCTOR;

  static {
    try {
      CONSTRUCTOR =
          MethodHandles.privateLookupIn(StreamWriter.class, MethodHandles.lookup())
              .findConstructor(
                  StreamWriter.class,
                  MethodType.methodType(
                      void.class,
                      EventLoop.class,
                      Transport.class,
                      StreamReaderProtocol.class,
                      StreamReader.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private StreamWriters() {}

  static StreamWriter create(
      EventLoop loop,
      Transport transport,
      StreamReaderProtocol protocol,
      @Nullable StreamReader reader) {
    try {
      return (StreamWriter) CONSTRUCTOR.invokeExact(loop, transport, protocol, reader);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("StreamWriter's constructor threw " + e, e);
    }
  }
}
