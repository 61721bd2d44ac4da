package org.asyncio4j.net;

/**
 * Serves one client of a {@link Streams#startServer} server: it runs in a task of its own, one per
 * connection, and may suspend (read, drain, sleep) as long as it likes. If it throws, the failure
 * goes to the loop's exception handler ("Unhandled exception in client_connected_cb") and the
 * connection is closed; the server and its other clients go on. If its task is cancelled, the
 * connection is closed. When it returns, the connection stays as it left it: close the writer to
 * end it.
 *
 * <pre>{@code
 * ClientConnectedHandler echo = (reader, writer) -> {
 *   for (byte[] line : reader) {
 *     writer.write(line);
 *     writer.drain();
 *   }
 *   writer.close();
 * };
 * }</pre>
 *
 * <p>asyncio: the {@code client_connected_cb} of {@code asyncio.start_server}, always as a
 * coroutine (a Java method that suspends needs a task to run in)
 */
@FunctionalInterface
public interface ClientConnectedHandler {
  /**
   * Serves the client on the other end of {@code reader} and {@code writer}.
   *
   * @param reader what the client sends
   * @param writer what we send it
   * @throws Exception anything: reported to the loop's exception handler, and the connection closed
   */
  void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
