package org.asyncio4j.http.internal.pool;

/**
 * Opens a new connection for a {@link ConnectionKey}: resolves the host, connects, does the TLS
 * handshake and the proxy tunnel as the key says. The pool runs it in the acquiring task, after it
 * reserved a slot for it, so it may suspend (a coroutine).
 *
 * <p>Cancellation: when the acquiring task is cancelled while the factory runs, the factory's
 * suspension point throws and the factory must close whatever it had opened before rethrowing
 * ({@code Streams.openConnection} does); the pool then frees the slot and wakes the next waiter.
 *
 * <pre>{@code
 * ConnectionFactory<StreamConnection> factory =
 *     key -> new StreamConnection(Streams.openConnection(key.host(), key.port()));
 * }</pre>
 *
 * @param <C> the connection type
 */
@FunctionalInterface
public interface ConnectionFactory<C extends PoolableConnection> {
  /**
   * Opens a connection for {@code key}.
   *
   * @param key what to connect to
   * @return the new connection, open
   * @throws RuntimeException any failure to connect (I/O errors as {@link
   *     java.io.UncheckedIOException}, as asyncio4j's own connect calls throw them); the pool
   *     passes it to the acquirer unchanged
   */
  C open(ConnectionKey key);
}
