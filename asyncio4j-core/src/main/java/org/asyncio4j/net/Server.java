package org.asyncio4j.net;

import java.nio.channels.ServerSocketChannel;
import java.util.List;
import org.asyncio4j.EventLoop;

/**
 * A listening server, made by {@code EventLoop.createServer} or {@code Streams.startServer}.
 * Closing it stops accepting; the connections already accepted go on until they close (or {@link
 * #closeClients()} / {@link #abortClients()} ends them), and {@link #waitClosed()} waits for them,
 * as in asyncio 3.12+.
 *
 * <pre>{@code
 * try (Server server = loop.createServer(Echo::new, "127.0.0.1", 0)) {
 *   System.out.println("listening on " + server.sockets().get(0).getLocalAddress());
 *   server.serveForever();
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.Server}
 */
public interface Server extends AutoCloseable {
  /**
   * Returns the loop the server runs on.
   *
   * <p>asyncio: {@code Server.get_loop}
   *
   * @return its loop
   */
  EventLoop getLoop();

  /**
   * Returns the listening channels (one per address bound); empty once closed. Read their local
   * address; do not accept on them.
   *
   * <p>asyncio: {@code Server.sockets}
   *
   * @return the listening channels
   */
  List<ServerSocketChannel> sockets();

  /**
   * Returns whether the server accepts connections.
   *
   * <p>asyncio: {@code Server.is_serving}
   *
   * @return true between {@link #startServing()} and {@link #close()}
   */
  boolean isServing();

  /**
   * Starts accepting, if it does not already. Idempotent.
   *
   * <p>asyncio: {@code await Server.start_serving()}
   */
  void startServing();

  /**
   * Accepts until the server is closed or the calling task is cancelled (which closes the server
   * and waits for it). Suspends the calling task.
   *
   * <p>asyncio: {@code await Server.serve_forever()}
   *
   * @throws IllegalStateException if another task already serves forever, or the server is closed
   */
  void serveForever();

  /**
   * Stops accepting and closes the listening channels; connections already accepted go on. The
   * socket file of a Unix server is removed. Idempotent.
   *
   * <p>asyncio: {@code Server.close}
   */
  @Override
  void close();

  /**
   * Closes every connection the server accepted (as their transports' {@code close()}).
   *
   * <p>asyncio: {@code Server.close_clients} (3.13)
   */
  void closeClients();

  /**
   * Aborts every connection the server accepted (as their transports' {@code abort()}).
   *
   * <p>asyncio: {@code Server.abort_clients} (3.13)
   */
  void abortClients();

  /**
   * Waits until the server is closed and every connection it accepted has closed. Suspends the
   * calling task; returns at once if both are already so.
   *
   * <p>asyncio: {@code await Server.wait_closed()} (3.12+: it waits for the connections too)
   */
  void waitClosed();
}
