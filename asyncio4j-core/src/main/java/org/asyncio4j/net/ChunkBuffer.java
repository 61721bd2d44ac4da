package org.asyncio4j.net;

import java.util.Arrays;

/**
 * The bytes a {@link StreamReader} holds: the arrays it was fed, kept as they came (no copy on the
 * way in), in a ring. asyncio copies each chunk into one {@code bytearray} and copies again on the
 * way out; this buffer copies only on the way out, and not at all when a read takes exactly the
 * chunks it was fed.
 *
 * <p>Positions are absolute (bytes since the stream began), so a search can resume where the last
 * one stopped after more chunks arrived, finding its chunk by binary search: a line of {@code n}
 * bytes fed one byte at a time costs O(n log n) to find, not O(n²) as rescanning from the first
 * chunk would.
 *
 * <p>Loop-confined, as its reader.
 */
final class ChunkBuffer {
  private static final int INITIAL_CHUNKS = 8;

  /** What a freed slot holds, so that the buffer keeps no reference to a consumed chunk. */
  private static final byte[] FREED = {};

  /** The chunks, oldest at {@link #head}; a power-of-two ring. */
  private byte[][] chunks = new byte[INITIAL_CHUNKS][];

  /** The absolute position of each chunk's first byte, parallel to {@link #chunks}. */
  private long[] starts = new long[INITIAL_CHUNKS];

  private int head;
  private int count;

  /** How many bytes of the head chunk were consumed already. */
  private int headOffset;

  /** The absolute position of the first byte still buffered. */
  private long startPos;

  /** The absolute position just past the last byte buffered. */
  private long endPos;

  /** Returns how many bytes are buffered. */
  int size() {
    return (int) (endPos - startPos);
  }

  /** Appends {@code chunk}, which the buffer keeps: the caller must not change it afterwards. */
  void append(byte[] chunk) {
    if (chunk.length == 0) {
      return;
    }
    if ((long) size() + chunk.length > Integer.MAX_VALUE) {
      throw new IllegalStateException(
          "a stream buffer holds at most 2 GiB; read from the stream before feeding it more");
    }
    if (count == chunks.length) {
      grow();
    }
    int slot = (head + count) & (chunks.length - 1);
    chunks[slot] = chunk;
    starts[slot] = endPos;
    count++;
    endPos += chunk.length;
  }

  private void grow() {
    int n = chunks.length;
    byte[][] newChunks = new byte[n * 2][];
    long[] newStarts = new long[n * 2];
    for (int i = 0; i < count; i++) {
      int slot = (head + i) & (n - 1);
      newChunks[i] = chunks[slot];
      newStarts[i] = starts[slot];
    }
    chunks = newChunks;
    starts = newStarts;
    head = 0;
  }

  private int slot(int logical) {
    return (head + logical) & (chunks.length - 1);
  }

  /**
   * The logical index of the chunk holding absolute position {@code pos} (startPos <= pos <
   * endPos).
   */
  private int chunkOf(long pos) {
    int lo = 0;
    int hi = count - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (starts[slot(mid)] <= pos) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /**
   * Returns the index (relative to the first buffered byte) of the first occurrence of {@code sep}
   * that starts at or after {@code from}, or -1.
   */
  int indexOf(byte[] sep, int from) {
    int size = size();
    if (from < 0 || sep.length == 0 || size - from < sep.length) {
      return -1;
    }
    long pos = startPos + from;
    long lastStart = endPos - sep.length; // the last absolute position a match can start at
    byte first = sep[0];
    int ci = chunkOf(pos);
    while (ci < count && pos <= lastStart) {
      int s = slot(ci);
      byte[] chunk = chunks[s];
      int off = (int) (pos - starts[s]);
      int stop = (int) Math.min(chunk.length, lastStart - starts[s] + 1);
      for (int i = off; i < stop; i++) {
        if (chunk[i] == first && matchesAt(ci, i, sep)) {
          return (int) (starts[s] + i - startPos);
        }
      }
      pos = starts[s] + chunk.length;
      ci++;
    }
    return -1;
  }

  /**
   * Whether {@code sep} is at offset {@code off} of logical chunk {@code ci}, maybe across chunks.
   */
  private boolean matchesAt(int ci, int off, byte[] sep) {
    byte[] chunk = chunks[slot(ci)];
    if (off + sep.length <= chunk.length) {
      return Arrays.equals(chunk, off, off + sep.length, sep, 0, sep.length);
    }
    int matched = 0;
    while (matched < sep.length) {
      if (ci >= count) {
        return false;
      }
      chunk = chunks[slot(ci)];
      int n = Math.min(chunk.length - off, sep.length - matched);
      if (!Arrays.equals(chunk, off, off + n, sep, matched, matched + n)) {
        return false;
      }
      matched += n;
      ci++;
      off = 0;
    }
    return true;
  }

  /** Whether the buffered bytes at relative index {@code at} begin with {@code prefix}. */
  boolean startsWith(byte[] prefix, int at) {
    if (at < 0 || size() - at < prefix.length) {
      return false;
    }
    if (prefix.length == 0) {
      return true;
    }
    long pos = startPos + at;
    int ci = chunkOf(pos);
    return matchesAt(ci, (int) (pos - starts[slot(ci)]), prefix);
  }

  /**
   * Removes the first {@code n} bytes and returns them (0 <= n <= size). When they are exactly the
   * head chunk as it was fed, that array itself is returned, without a copy.
   */
  byte[] take(int n) {
    if (n == 0) {
      return new byte[0];
    }
    byte[] headChunk = chunks[head];
    if (headOffset == 0 && headChunk.length == n) {
      popHead();
      return headChunk;
    }
    byte[] out = new byte[n];
    int copied = 0;
    while (copied < n) {
      byte[] chunk = chunks[head];
      int k = Math.min(chunk.length - headOffset, n - copied);
      System.arraycopy(chunk, headOffset, out, copied, k);
      copied += k;
      advanceHead(k);
    }
    return out;
  }

  /** Drops the first {@code n} bytes (0 <= n <= size). */
  void discard(int n) {
    while (n > 0) {
      int k = Math.min(chunks[head].length - headOffset, n);
      advanceHead(k);
      n -= k;
    }
  }

  /** Drops everything. */
  void clear() {
    discard(size());
  }

  private void advanceHead(int k) {
    headOffset += k;
    startPos += k;
    if (headOffset == chunks[head].length) {
      popHead();
    }
  }

  private void popHead() {
    startPos = starts[head] + chunks[head].length;
    chunks[head] = FREED;
    head = (head + 1) & (chunks.length - 1);
    count--;
    headOffset = 0;
  }
}
