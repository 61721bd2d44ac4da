package org.asyncio4j.net;

/**
 * A connection's transport and protocol, as {@code createConnection} and {@code
 * createDatagramEndpoint} return them.
 *
 * <pre>{@code
 * Endpoint<Transport, Echo> endpoint = loop.createConnection(Echo::new, "localhost", 8888);
 * endpoint.transport().write(new byte[] {1, 2, 3});
 * }</pre>
 *
 * <p>asyncio: the {@code (transport, protocol)} tuple
 *
 * @param transport the transport
 * @param protocol the protocol the transport calls
 * @param <T> the transport type
 * @param <P> the protocol type
 */
public record Endpoint<T extends BaseTransport, P>(T transport, P protocol) {}
