package org.asyncio4j.http.internal.pool;

/** A connection of the tests: an id, a key, and flags the test flips. */
final class FakeConnection implements PoolableConnection {
  final int id;
  final ConnectionKey key;
  boolean peerClosed;
  boolean leftUnread;
  int closes;

  FakeConnection(int id, ConnectionKey key) {
    this.id = id;
    this.key = key;
  }

  @Override
  public boolean isReusable() {
    return closes == 0 && !peerClosed && !leftUnread;
  }

  @Override
  public void close() {
    closes++;
  }

  boolean isClosed() {
    return closes > 0;
  }

  @Override
  public String toString() {
    return "conn#" + id + "(" + key.host() + ")";
  }
}
