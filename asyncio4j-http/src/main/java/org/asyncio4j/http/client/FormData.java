package org.asyncio4j.http.client;

import java.net.URLConnection;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a form to send as a request body: {@code application/x-www-form-urlencoded} while
 * every field is text without a file name or a content type, {@code multipart/form-data} as soon as
 * one is bytes, a file, or has a file name or content type (or when {@link #multipart()} asks).
 *
 * <pre>{@code
 * FormData form = new FormData()
 *     .add("name", "boto3")
 *     .addFile("report", Path.of("report.csv"), "report.csv", "text/csv");
 * String contentType = form.contentType(); // multipart/form-data; boundary=...
 * }</pre>
 *
 * <p>In a multipart body, names and file names are written as browsers write them (the HTML
 * standard's form-data encoding): UTF-8, with {@code "}, CR and LF as {@code %22}, {@code %0D} and
 * {@code %0A}. aiohttp percent-encodes file names and writes other non-ASCII names as RFC 2231
 * {@code name*=utf-8''...}, which many servers do not read; servers are written for browsers. Text
 * fields carry no Content-Type of their own, as browsers send them; files are read in chunks while
 * the body is sent, not loaded whole.
 *
 * <p>Not thread-safe: build it, then hand it to one request.
 *
 * <p>aiohttp: {@code aiohttp.FormData} ({@code add_field}, {@code add_fields}, {@code
 * default_to_multipart}, {@code charset}, {@code boundary})
 */
public final class FormData {
  /** Longest boundary RFC 2046 section 5.1.1 allows. */
  public static final int MAX_BOUNDARY_LENGTH = 70;

  private static final SecureRandom BOUNDARIES = new SecureRandom();

  /** A field of the form. */
  public sealed interface Field permits Text, Bytes, File {
    /**
     * The field's name.
     *
     * @return the name
     */
    String name();

    /**
     * The file name the part announces, if any.
     *
     * @return the file name, or null
     */
    @Nullable String filename();

    /**
     * The part's Content-Type, if any.
     *
     * @return the content type, or null
     */
    @Nullable String contentType();
  }

  /**
   * A text field.
   *
   * @param name the name
   * @param value the text
   * @param filename a file name to announce, or null
   * @param contentType a Content-Type for the part, or null
   */
  public record Text(
      String name, String value, @Nullable String filename, @Nullable String contentType)
      implements Field {}

  /**
   * Bytes in memory, sent as a part.
   *
   * @param name the name
   * @param content the bytes (not copied: do not change them before the request is sent)
   * @param filename a file name to announce, or null
   * @param contentType the part's Content-Type
   */
  // The array is the caller's, on purpose: a body is not copied to be sent (the Javadoc says so).
  @SuppressWarnings("ArrayRecordComponent")
  public record Bytes(String name, byte[] content, @Nullable String filename, String contentType)
      implements Field {}

  /**
   * A file, read in chunks while the body is sent.
   *
   * @param name the name
   * @param path the file
   * @param filename the file name to announce
   * @param contentType the part's Content-Type
   */
  public record File(String name, Path path, String filename, String contentType)
      implements Field {}

  private final List<Field> fields = new ArrayList<>();
  private final String boundary;
  private Charset charset = StandardCharsets.UTF_8;
  private boolean multipart;

  /** An empty form with a random boundary (32 hex digits, as aiohttp's uuid4). */
  public FormData() {
    byte[] random = new byte[16];
    BOUNDARIES.nextBytes(random);
    this.boundary = HexFormat.of().formatHex(random);
  }

  /**
   * An empty form with a boundary of the caller's (tests that compare bytes).
   *
   * @param boundary 1 to 70 of RFC 2046's boundary characters, not ending in a space
   * @throws IllegalArgumentException for another boundary
   */
  public FormData(String boundary) {
    checkBoundary(boundary);
    this.boundary = boundary;
  }

  private static void checkBoundary(String b) {
    if (b.isEmpty() || b.length() > MAX_BOUNDARY_LENGTH || b.endsWith(" ")) {
      throw new IllegalArgumentException(
          "A multipart boundary has 1 to "
              + MAX_BOUNDARY_LENGTH
              + " characters and does not end with a space (RFC 2046 section 5.1.1), not '"
              + b
              + "'");
    }
    for (int i = 0; i < b.length(); i++) {
      char c = b.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || "'()+_,-./:=? ".indexOf(c) >= 0;
      if (!ok) {
        throw new IllegalArgumentException(
            "A multipart boundary may not hold '" + c + "' (RFC 2046 bchars), in '" + b + "'");
      }
    }
  }

  /**
   * Adds a text field.
   *
   * @param name the name
   * @param value the text
   * @return this form
   */
  public FormData add(String name, String value) {
    return add(new Text(name, value, null, null));
  }

  /**
   * Adds bytes as a part (the form becomes multipart).
   *
   * @param name the name
   * @param content the bytes
   * @param filename a file name to announce, or null
   * @param contentType the part's Content-Type, or null for {@code application/octet-stream}
   * @return this form
   */
  public FormData add(
      String name, byte[] content, @Nullable String filename, @Nullable String contentType) {
    return add(
        new Bytes(
            name,
            content,
            filename,
            contentType == null ? "application/octet-stream" : contentType));
  }

  /**
   * Adds a file under its own name, with a content type guessed from the name (the form becomes
   * multipart).
   *
   * @param name the field's name
   * @param file the file
   * @return this form
   */
  public FormData addFile(String name, Path file) {
    Path fileName = file.getFileName();
    String filename = fileName == null ? name : fileName.toString();
    return addFile(name, file, filename, null);
  }

  /**
   * Adds a file (the form becomes multipart).
   *
   * @param name the field's name
   * @param file the file, read while the body is sent
   * @param filename the file name to announce
   * @param contentType the part's Content-Type, or null to guess it from the file name
   * @return this form
   */
  public FormData addFile(String name, Path file, String filename, @Nullable String contentType) {
    String type = contentType;
    if (type == null) {
      type =
          Objects.requireNonNullElse(
              URLConnection.guessContentTypeFromName(filename), "application/octet-stream");
    }
    return add(new File(name, file, filename, type));
  }

  /**
   * Adds a field built by the caller.
   *
   * @param field the field
   * @return this form
   * @throws IllegalArgumentException if a content type holds CR, LF or NUL
   */
  public FormData add(Field field) {
    String type = field.contentType();
    if (type != null
        && (type.indexOf('\r') >= 0 || type.indexOf('\n') >= 0 || type.indexOf('\0') >= 0)) {
      throw new IllegalArgumentException(
          "The content type of form field " + field.name() + " holds CR, LF or NUL");
    }
    if (!(field instanceof Text) || field.filename() != null || type != null) {
      multipart = true;
    }
    fields.add(field);
    return this;
  }

  /**
   * Sends the form as multipart even if every field is text (aiohttp's {@code
   * default_to_multipart}).
   *
   * @return this form
   */
  public FormData multipart() {
    multipart = true;
    return this;
  }

  /**
   * The charset of a url-encoded form's text (UTF-8 by default; another is named in the
   * Content-Type, as aiohttp does).
   *
   * @param charset the charset
   * @return this form
   */
  public FormData charset(Charset charset) {
    this.charset = charset;
    return this;
  }

  /**
   * The fields, in the order added.
   *
   * @return an unmodifiable view
   */
  public List<Field> fields() {
    return List.copyOf(fields);
  }

  /**
   * Whether the body is multipart.
   *
   * @return true for multipart/form-data
   */
  public boolean isMultipart() {
    return multipart;
  }

  /**
   * The multipart boundary.
   *
   * @return the boundary
   */
  public String boundary() {
    return boundary;
  }

  /**
   * The charset of a url-encoded body.
   *
   * @return the charset
   */
  public Charset charset() {
    return charset;
  }

  /**
   * The Content-Type of the body.
   *
   * @return {@code multipart/form-data; boundary=...} or {@code application/x-www-form-urlencoded}
   *     (with {@code ; charset=...} when not UTF-8)
   */
  public String contentType() {
    if (multipart) {
      boolean token = boundary.chars().noneMatch(c -> "'()+,/:=? ".indexOf(c) >= 0);
      return "multipart/form-data; boundary=" + (token ? boundary : "\"" + boundary + "\"");
    }
    return charset.equals(StandardCharsets.UTF_8)
        ? "application/x-www-form-urlencoded"
        : "application/x-www-form-urlencoded; charset=" + charset.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "<FormData fields=" + fields.size() + (multipart ? " multipart" : " urlencoded") + ">";
  }
}
