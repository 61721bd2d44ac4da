package org.asyncio4j.net;

/**
 * The two halves of a stream connection, as {@link Streams#openConnection} returns them.
 *
 * <pre>{@code
 * StreamPair conn = Streams.openConnection("127.0.0.1", 8888);
 * conn.writer().write("ping\n".getBytes(StandardCharsets.US_ASCII));
 * byte[] reply = conn.reader().readline();
 * conn.writer().close();
 * }</pre>
 *
 * <p>asyncio: the {@code (reader, writer)} tuple of {@code asyncio.open_connection}
 *
 * @param reader what the peer sends
 * @param writer what we send
 */
public record StreamPair(StreamReader reader, StreamWriter writer) {}
