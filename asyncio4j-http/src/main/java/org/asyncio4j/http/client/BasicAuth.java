package org.asyncio4j.http.client;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.asyncio4j.http.internal.client.Urls;

/**
 * HTTP basic authentication (RFC 7617): a login and a password, sent as {@code Authorization: Basic
 * base64(login:password)}.
 *
 * <pre>{@code
 * BasicAuth auth = new BasicAuth("user", "pass");
 * String header = auth.encode(); // "Basic dXNlcjpwYXNz"
 * BasicAuth back = BasicAuth.decode(header);
 * Optional<BasicAuth> fromUrl = BasicAuth.fromUri(URI.create("http://user:pass@example.com/"));
 * }</pre>
 *
 * <p>The charset turns the text into bytes before base64. The default is UTF-8, as RFC 7617's
 * {@code charset="UTF-8"}, browsers, curl and aiohttp 4's {@code encode_basic_auth} use; aiohttp
 * 3's {@code BasicAuth} defaults to latin-1, which {@code new BasicAuth(login, password,
 * StandardCharsets.ISO_8859_1)} gives. Text the charset cannot hold is refused, not replaced by
 * {@code ?}. {@link #toString()} does not show the password.
 *
 * <p>aiohttp: {@code aiohttp.BasicAuth} ({@code encode}, {@code decode}, {@code from_url})
 *
 * @param login the user name; no {@code :} (RFC 7617 section 2)
 * @param password the password, possibly empty
 * @param charset how the text becomes bytes
 */
public record BasicAuth(String login, String password, Charset charset) {
  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if the login holds {@code :}, or the charset cannot encode the
   *     login or the password
   */
  public BasicAuth {
    if (login.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "A ':' is not allowed in the login of basic authentication (RFC 7617 section 2): it"
              + " separates the login from the password");
    }
    checkEncodable("login", login, charset);
    checkEncodable("password", password, charset);
  }

  /**
   * Credentials in UTF-8.
   *
   * @param login the user name; no {@code :}
   * @param password the password
   */
  public BasicAuth(String login, String password) {
    this(login, password, StandardCharsets.UTF_8);
  }

  private static void checkEncodable(String what, String s, Charset charset) {
    if (!charset.newEncoder().canEncode(s)) {
      throw new IllegalArgumentException(
          "The "
              + what
              + " of basic authentication has characters that "
              + charset.name()
              + " cannot encode: use new BasicAuth(login, password, StandardCharsets.UTF_8)");
    }
  }

  /**
   * The value of the Authorization header.
   *
   * @return {@code Basic} and the base64 of {@code login:password}
   */
  public String encode() {
    byte[] credentials = (login + ":" + password).getBytes(charset);
    return "Basic " + Base64.getEncoder().encodeToString(credentials);
  }

  /**
   * Reads an Authorization header, the bytes read as UTF-8 or, when they are not UTF-8, as latin-1
   * (which every byte string is), so that both kinds of clients are understood.
   *
   * @param header the header's value, as {@code Basic dXNlcjpwYXNz}
   * @return the credentials
   * @throws IllegalArgumentException if it is not basic authentication, not base64, or has no
   *     {@code :}
   */
  public static BasicAuth decode(String header) {
    byte[] bytes = credentialBytes(header);
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return split(text, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      return split(new String(bytes, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * Reads an Authorization header whose bytes are in a known charset (aiohttp's {@code
   * BasicAuth.decode(header, encoding)}).
   *
   * @param header the header's value
   * @param charset the charset of the credentials
   * @return the credentials
   * @throws IllegalArgumentException if it is not basic authentication, not base64, not text in the
   *     charset, or has no {@code :}
   */
  public static BasicAuth decode(String header, Charset charset) {
    byte[] bytes = credentialBytes(header);
    try {
      CharBuffer text =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      return split(text.toString(), charset);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "The credentials of the Authorization header are not " + charset.name() + " text", e);
    }
  }

  private static byte[] credentialBytes(String header) {
    String h = header.strip();
    int space = h.indexOf(' ');
    if (space < 0) {
      throw new IllegalArgumentException(
          "Could not parse the Authorization header: expected 'Basic <base64>'");
    }
    String scheme = h.substring(0, space);
    if (!scheme.toLowerCase(Locale.ROOT).equals("basic")) {
      throw new IllegalArgumentException("Unknown authorization method " + scheme);
    }
    String encoded = h.substring(space + 1).strip();
    if (encoded.length() % 4 != 0) {
      // Python's b64decode(validate=True) wants the padding; Java's decoder would accept it without
      throw new IllegalArgumentException(
          "Invalid base64 in the Authorization header: its length is not a multiple of 4");
    }
    try {
      return Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid base64 in the Authorization header: " + e.getMessage(), e);
    }
  }

  private static BasicAuth split(String text, Charset charset) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "Invalid credentials in the Authorization header: no ':' between login and password");
    }
    return new BasicAuth(text.substring(0, colon), text.substring(colon + 1), charset);
  }

  /**
   * The credentials written in a URL ({@code http://user:pass@host/}), percent-decoded.
   *
   * @param uri the URL
   * @return them, or empty when the URL has no user information
   */
  public static Optional<BasicAuth> fromUri(URI uri) {
    Urls.UserInfo info = Urls.userInfo(uri);
    return info == null
        ? Optional.empty()
        : Optional.of(new BasicAuth(info.user(), info.password()));
  }

  @Override
  public String toString() {
    return "BasicAuth[login=" + login + ", password=***, charset=" + charset.name() + "]";
  }
}
