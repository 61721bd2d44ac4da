package org.asyncio4j.http.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The common header names as shared strings: a parsed name that is spelled exactly as one of them
 * (canonical or all lower case) costs no allocation. Other names become new strings, as spelled.
 */
public final class HeaderNames {
  private HeaderNames() {}

  public static final String HOST = "Host";
  public static final String CONNECTION = "Connection";
  public static final String CONTENT_LENGTH = "Content-Length";
  public static final String TRANSFER_ENCODING = "Transfer-Encoding";
  public static final String UPGRADE = "Upgrade";
  public static final String EXPECT = "Expect";
  public static final String DATE = "Date";

  private static final String[] COMMON = {
    HOST,
    CONNECTION,
    CONTENT_LENGTH,
    TRANSFER_ENCODING,
    UPGRADE,
    EXPECT,
    DATE,
    "Accept",
    "Accept-Encoding",
    "Accept-Language",
    "Accept-Charset",
    "Authorization",
    "Cache-Control",
    "Content-Type",
    "Content-Encoding",
    "Content-Language",
    "Content-Range",
    "Cookie",
    "Set-Cookie",
    "User-Agent",
    "Referer",
    "Origin",
    "Server",
    "Location",
    "Keep-Alive",
    "If-None-Match",
    "If-Modified-Since",
    "If-Match",
    "If-Range",
    "ETag",
    "Last-Modified",
    "Vary",
    "Pragma",
    "Range",
    "TE",
    "Trailer",
    "Via",
    "Forwarded",
    "X-Forwarded-For",
    "X-Forwarded-Proto",
    "X-Forwarded-Host",
    "X-Real-IP",
    "X-Requested-With",
    "Priority",
    "DNT",
    "Upgrade-Insecure-Requests",
    "Sec-Fetch-Site",
    "Sec-Fetch-Mode",
    "Sec-Fetch-Dest",
    "Sec-Fetch-User",
    "Sec-WebSocket-Key",
    "Sec-WebSocket-Version",
    "Sec-WebSocket-Accept",
    "Sec-WebSocket-Protocol",
    "Sec-WebSocket-Extensions",
    "Access-Control-Allow-Origin",
    "Strict-Transport-Security",
    "Age",
    "Expires",
    "Allow",
    "Retry-After",
    "WWW-Authenticate",
    "Proxy-Authorization",
    "Proxy-Connection",
    "Content-Disposition",
    "Alt-Svc",
    "Link",
  };

  /** Candidates by length: each name twice, canonical then lower case; with their bytes. */
  private static final String[][] BY_LENGTH = new String[32][];

  private static final byte[][][] BYTES_BY_LENGTH = new byte[32][][];

  static {
    List<List<String>> lists = new ArrayList<>();
    for (int i = 0; i < BY_LENGTH.length; i++) {
      lists.add(new ArrayList<>());
    }
    for (String n : COMMON) {
      lists.get(n.length()).add(n);
      String lower = n.toLowerCase(java.util.Locale.ROOT);
      if (!lower.equals(n)) {
        lists.get(n.length()).add(lower);
      }
    }
    for (int i = 0; i < BY_LENGTH.length; i++) {
      BY_LENGTH[i] = lists.get(i).toArray(String[]::new);
      BYTES_BY_LENGTH[i] = new byte[BY_LENGTH[i].length][];
      for (int j = 0; j < BY_LENGTH[i].length; j++) {
        BYTES_BY_LENGTH[i][j] = BY_LENGTH[i][j].getBytes(StandardCharsets.ISO_8859_1);
      }
    }
  }

  /** The name in {@code b[off, off+len)}: a shared string when it is a common one. */
  public static String intern(byte[] b, int off, int len) {
    if (len < BY_LENGTH.length) {
      byte[][] candidates = BYTES_BY_LENGTH[len];
      for (int j = 0; j < candidates.length; j++) {
        if (java.util.Arrays.equals(candidates[j], 0, len, b, off, off + len)) {
          return BY_LENGTH[len][j];
        }
      }
    }
    return new String(b, off, len, StandardCharsets.ISO_8859_1);
  }
}
