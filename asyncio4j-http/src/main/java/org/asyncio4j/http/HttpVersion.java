package org.asyncio4j.http;

/**
 * An HTTP protocol version. HTTP/1.0 and HTTP/1.1 are what the HTTP/1.1 codec speaks; HTTP/2 will
 * join them with its frame layer.
 *
 * <pre>{@code
 * HttpVersion v = HttpVersion.HTTP_1_1;
 * assertThat(v.text()).isEqualTo("HTTP/1.1");
 * assertThat(v.keepsAliveByDefault()).isTrue();
 * }</pre>
 */
public enum HttpVersion {
  /** HTTP/1.0: a connection closes after each exchange unless both sides say keep-alive. */
  HTTP_1_0(1, 0),
  /** HTTP/1.1: persistent connections unless {@code Connection: close}. */
  HTTP_1_1(1, 1);

  private final int major;
  private final int minor;
  private final String text;

  HttpVersion(int major, int minor) {
    this.major = major;
    this.minor = minor;
    this.text = "HTTP/" + major + "." + minor;
  }

  /** The major version: 1. */
  public int major() {
    return major;
  }

  /** The minor version: 0 or 1. */
  public int minor() {
    return minor;
  }

  /** The version as it appears on the wire: {@code HTTP/1.1}. */
  public String text() {
    return text;
  }

  /** Whether a connection stays open after a message without a {@code Connection} field. */
  public boolean keepsAliveByDefault() {
    return this == HTTP_1_1;
  }

  /**
   * The version named {@code text} exactly (case-sensitive, RFC 9112 section 2.3).
   *
   * @throws IllegalArgumentException for any other text, saying which versions there are
   */
  public static HttpVersion of(String text) {
    return switch (text) {
      case "HTTP/1.1" -> HTTP_1_1;
      case "HTTP/1.0" -> HTTP_1_0;
      default ->
          throw new IllegalArgumentException(
              "unsupported HTTP version \""
                  + text
                  + "\": this codec speaks HTTP/1.0 and HTTP/1.1 (case-sensitive)");
    };
  }

  @Override
  public String toString() {
    return text;
  }
}
