package org.asyncio4j.http.client;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.asyncio4j.http.Headers;
import org.jspecify.annotations.Nullable;

/**
 * What one request adds to its session's defaults: headers, query parameters and at most one body
 * (bytes, text, a JSON value, a form or a {@link FormData}). A fluent, mutable value: build it,
 * pass it to {@link ClientSession#request}, don't share it between tasks while changing it.
 *
 * <pre>{@code
 * RequestOptions options = RequestOptions.create()
 *     .header("X-Trace", "1")
 *     .param("q", "asyncio")
 *     .json(java.util.Map.of("name", "boto3"));
 * }</pre>
 *
 * <p>aiohttp: the keyword arguments {@code headers=}, {@code params=}, {@code data=} and {@code
 * json=} of {@code ClientSession.request}. Setting a second body replaces the first (aiohttp raises
 * when both {@code data} and {@code json} are given; here the last call wins, as with any setter).
 */
public final class RequestOptions {
  /** What kind of body is set. */
  enum BodyKind {
    NONE,
    BYTES,
    TEXT,
    JSON,
    FORM,
    FORM_DATA
  }

  private final Headers.Builder headers = Headers.builder();
  private final List<Map.Entry<String, Object>> params = new ArrayList<>();
  private BodyKind bodyKind = BodyKind.NONE;
  private @Nullable Object body;
  private @Nullable String contentType;
  private @Nullable Boolean raiseForStatus;

  private RequestOptions() {}

  /**
   * New options with nothing set.
   *
   * @return the options
   */
  public static RequestOptions create() {
    return new RequestOptions();
  }

  /**
   * Adds a header (after the session's defaults, replacing a default of the same name).
   *
   * @param name the name
   * @param value the value
   * @return these options
   */
  public RequestOptions header(String name, String value) {
    headers.add(name, value);
    return this;
  }

  /**
   * Adds headers.
   *
   * @param more the headers
   * @return these options
   */
  public RequestOptions headers(Headers more) {
    for (int i = 0; i < more.size(); i++) {
      headers.add(more.name(i), more.value(i));
    }
    return this;
  }

  /**
   * Adds a query parameter (kept with those already in the URL; a name may repeat).
   *
   * @param name the name
   * @param value the value ({@code toString()}; booleans are refused, as yarl refuses them)
   * @return these options
   */
  public RequestOptions param(String name, Object value) {
    params.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
    return this;
  }

  /**
   * Adds query parameters in the map's order.
   *
   * @param more the parameters
   * @return these options
   */
  public RequestOptions params(Map<String, ?> more) {
    for (Map.Entry<String, ?> e : more.entrySet()) {
      param(e.getKey(), Objects.requireNonNull(e.getValue(), e.getKey()));
    }
    return this;
  }

  /**
   * A body of bytes, sent as {@code application/octet-stream} unless a Content-Type header is set.
   *
   * @param bytes the body
   * @return these options
   */
  public RequestOptions data(byte[] bytes) {
    return body(BodyKind.BYTES, bytes.clone(), "application/octet-stream");
  }

  /**
   * A text body, UTF-8, sent as {@code text/plain; charset=utf-8} unless a Content-Type is set.
   *
   * @param text the body
   * @return these options
   */
  public RequestOptions text(String text) {
    return body(BodyKind.TEXT, text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
  }

  /**
   * A JSON body, encoded by the session's codec, sent as {@code application/json}.
   *
   * @param value what to encode (maps, lists, records...)
   * @return these options
   */
  public RequestOptions json(@Nullable Object value) {
    return body(BodyKind.JSON, value, "application/json");
  }

  /**
   * A url-encoded form, as aiohttp's {@code data=dict}.
   *
   * @param fields names and values, in the map's order
   * @return these options
   */
  public RequestOptions form(Map<String, String> fields) {
    FormData f = new FormData();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      f.add(e.getKey(), e.getValue());
    }
    return body(BodyKind.FORM_DATA, f, null);
  }

  /**
   * A form: url-encoded, or multipart when it has files or asked for it.
   *
   * @param form the form
   * @return these options
   */
  public RequestOptions formData(FormData form) {
    return body(BodyKind.FORM_DATA, form, null);
  }

  /**
   * Raises {@code ClientResponseException} for a 4xx or 5xx response of this request (true) or not
   * (false), whatever the session says.
   *
   * @param raise whether to raise
   * @return these options
   */
  public RequestOptions raiseForStatus(boolean raise) {
    raiseForStatus = raise;
    return this;
  }

  private RequestOptions body(BodyKind kind, @Nullable Object value, @Nullable String type) {
    bodyKind = kind;
    body = value;
    contentType = type;
    return this;
  }

  Headers headers() {
    return headers.build();
  }

  List<Map.Entry<String, Object>> params() {
    return params;
  }

  BodyKind bodyKind() {
    return bodyKind;
  }

  @Nullable Object body() {
    return body;
  }

  @Nullable String defaultContentType() {
    return contentType;
  }

  @Nullable Boolean raiseForStatusOverride() {
    return raiseForStatus;
  }
}
