package org.asyncio4j.internal.tls;

import java.util.Objects;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.Handle;
import org.asyncio4j.net.BaseProtocol;
import org.asyncio4j.net.Transport;
import org.jspecify.annotations.Nullable;

/** {@code loop.startTls}: upgrades a connection that is already open to TLS. */
public final class StartTls {
  private StartTls() {}

  /**
   * asyncio's {@code loop.start_tls}: reading is paused, an {@link SslProtocol} takes the
   * transport's protocol slot, and the call returns the new transport once the handshake is done.
   * {@code protocol}'s connectionMade is not called again. On failure or cancellation the old
   * transport is closed.
   *
   * @param loop the loop, running the calling task
   * @param transport the plain transport; not to be used afterwards
   * @param protocol the protocol of the TLS transport (usually the one the plain transport had)
   * @param config the TLS settings
   * @return the TLS transport
   */
  public static Transport startTls(
      EventLoop loop, Transport transport, BaseProtocol<Transport> protocol, TlsConfig config) {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(protocol, "protocol");
    if (transport.isClosing()) {
      throw new IllegalStateException(
          "startTls() needs an open transport, and " + transport + " is closing");
    }
    Future<@Nullable Void> waiter = loop.createFuture();
    SslProtocol ssl = new SslProtocol(loop, protocol, config, waiter, false);
    // Nothing may reach the old protocol between now and the handshake: what arrives is the
    // peer's first TLS record, and it is the SslProtocol's.
    transport.pauseReading();
    transport.setProtocol(ssl);
    Handle conmade = loop.callSoon(() -> ssl.connectionMade(transport));
    Handle resume = loop.callSoon(transport::resumeReading);
    try {
      waiter.await();
    } catch (RuntimeException | Error e) {
      transport.close();
      conmade.cancel();
      resume.cancel();
      throw e;
    }
    return ssl.appTransport();
  }
}
