package org.asyncio4j.http.internal.body;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.asyncio4j.http.client.FormData;
import org.jspecify.annotations.Nullable;

/** The bodies of forms: url-encoded and {@code multipart/form-data}. */
public final class FormBodies {
  /** How much of a file one chunk holds. */
  static final int FILE_CHUNK_BYTES = 64 * 1024;

  private FormBodies() {}

  /**
   * The body of a form, as its {@link FormData#contentType()} says.
   *
   * @param form the form
   * @return the body; its length is known unless a file's size cannot be read
   * @throws UncheckedIOException if a file's size cannot be read
   * @throws IllegalArgumentException if a url-encoded form's charset cannot encode a field
   */
  public static ChunkedBody of(FormData form) {
    if (!form.isMultipart()) {
      return new BytesBody(urlEncoded(form).getBytes(StandardCharsets.US_ASCII));
    }
    return new MultipartBody(form.boundary(), form.fields());
  }

  /**
   * A url-encoded form, as Python's {@code urlencode(fields, encoding=charset)}: {@code quote_plus}
   * of each name and value (letters, digits and {@code _.-~} stay, a space becomes {@code +}).
   */
  static String urlEncoded(FormData form) {
    StringBuilder b = new StringBuilder();
    for (FormData.Field f : form.fields()) {
      if (!(f instanceof FormData.Text t)) {
        throw new IllegalStateException("a url-encoded form holds only text fields, not " + f);
      }
      if (!b.isEmpty()) {
        b.append('&');
      }
      b.append(quotePlus(t.name(), form.charset()))
          .append('=')
          .append(quotePlus(t.value(), form.charset()));
    }
    return b.toString();
  }

  /**
   * The url-encoding of pairs (aiohttp's {@code data=dict}), in UTF-8.
   *
   * @param pairs names and values
   * @return the body's text
   */
  public static String urlEncoded(List<? extends Map.Entry<String, String>> pairs) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> p : pairs) {
      if (!b.isEmpty()) {
        b.append('&');
      }
      b.append(quotePlus(p.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(quotePlus(p.getValue(), StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  private static String quotePlus(String s, Charset charset) {
    if (!charset.newEncoder().canEncode(s)) {
      throw new IllegalArgumentException(
          "The form field text '" + s + "' has characters " + charset.name() + " cannot encode");
    }
    StringBuilder out = new StringBuilder(s.length());
    for (byte x : s.getBytes(charset)) {
      int c = x & 0xFF;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "_.-~".indexOf(c) >= 0) {
        out.append((char) c);
      } else if (c == ' ') {
        out.append('+');
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }

  /** A name or file name in a Content-Disposition, as the HTML standard's form-data encoding. */
  static String quoteName(String s) {
    return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** The headers of a part, UTF-8, from the boundary line to the empty line. */
  static byte[] partHead(String boundary, FormData.Field f, boolean first) {
    StringBuilder h = new StringBuilder();
    if (!first) {
      h.append("\r\n");
    }
    h.append("--").append(boundary).append("\r\n");
    h.append("Content-Disposition: form-data; name=\"").append(quoteName(f.name())).append('"');
    String filename = f.filename();
    if (filename != null) {
      h.append("; filename=\"").append(quoteName(filename)).append('"');
    }
    h.append("\r\n");
    String type = f.contentType();
    if (type != null) {
      h.append("Content-Type: ").append(type).append("\r\n");
    }
    h.append("\r\n");
    return h.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A body already in memory. */
  static final class BytesBody implements ChunkedBody {
    private @Nullable ByteBuffer bytes;
    private final long length;

    BytesBody(byte[] bytes) {
      this.bytes = ByteBuffer.wrap(bytes);
      this.length = bytes.length;
    }

    @Override
    public long contentLength() {
      return length;
    }

    @Override
    public @Nullable ByteBuffer nextChunk() {
      ByteBuffer b = bytes;
      bytes = null;
      return b == null || !b.hasRemaining() ? null : b;
    }

    @Override
    public void close() {
      bytes = null;
    }
  }

  /**
   * A multipart body: each part's head, then its content (a file in chunks of {@link
   * #FILE_CHUNK_BYTES}), then the closing boundary. The length is computed before sending from the
   * file sizes; a file that changes size meanwhile fails the body instead of sending a length that
   * lies.
   */
  static final class MultipartBody implements ChunkedBody {
    private final String boundary;
    private final Deque<FormData.Field> pending;
    // each field's content size as measured for the length, in field order
    private final Deque<Long> sizes = new ArrayDeque<>();
    private final long length;
    private boolean first = true;
    private boolean ended;
    private @Nullable FileChannel file;
    private FormData.@Nullable File current;
    private long fileRemaining;

    MultipartBody(String boundary, List<FormData.Field> fields) {
      this.boundary = boundary;
      this.pending = new ArrayDeque<>(fields);
      long total = 0;
      boolean firstPart = true;
      for (FormData.Field f : fields) {
        long size = contentSize(f);
        sizes.add(size);
        total += partHead(boundary, f, firstPart).length + size;
        firstPart = false;
      }
      total += closing(fields.isEmpty()).length;
      this.length = total;
    }

    private byte[] closing(boolean noParts) {
      return ((noParts ? "" : "\r\n") + "--" + boundary + "--\r\n")
          .getBytes(StandardCharsets.US_ASCII);
    }

    private static long contentSize(FormData.Field f) {
      return switch (f) {
        case FormData.Text t -> t.value().getBytes(StandardCharsets.UTF_8).length;
        case FormData.Bytes b -> b.content().length;
        case FormData.File file -> {
          try {
            yield Files.size(file.path());
          } catch (IOException e) {
            throw new UncheckedIOException(
                "Cannot read the size of " + file.path() + " (form field " + file.name() + ")", e);
          }
        }
      };
    }

    @Override
    public long contentLength() {
      return length;
    }

    @Override
    public @Nullable ByteBuffer nextChunk() throws IOException {
      FileChannel open = file;
      FormData.File reading = current;
      if (open != null && reading != null) {
        if (fileRemaining > 0) {
          ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(FILE_CHUNK_BYTES, fileRemaining));
          while (chunk.hasRemaining()) {
            if (open.read(chunk) < 0) {
              throw new IOException(
                  reading.path()
                      + " became shorter while it was sent (form field "
                      + reading.name()
                      + ")");
            }
          }
          fileRemaining -= chunk.capacity();
          return chunk.flip();
        }
        boolean longer = open.read(ByteBuffer.allocate(1)) > 0;
        closeFile();
        if (longer) {
          throw new IOException(
              reading.path()
                  + " became longer while it was sent (form field "
                  + reading.name()
                  + ")");
        }
      }
      FormData.Field f = pending.poll();
      Long size = sizes.poll();
      if (f == null || size == null) {
        if (ended) {
          return null;
        }
        ended = true;
        return ByteBuffer.wrap(closing(first));
      }
      byte[] head = partHead(boundary, f, first);
      first = false;
      return switch (f) {
        case FormData.Text t -> concat(head, t.value().getBytes(StandardCharsets.UTF_8));
        case FormData.Bytes b -> concat(head, b.content());
        case FormData.File fileField -> {
          file = FileChannel.open(fileField.path(), StandardOpenOption.READ);
          current = fileField;
          fileRemaining = size;
          yield ByteBuffer.wrap(head);
        }
      };
    }

    private static ByteBuffer concat(byte[] a, byte[] b) {
      return ByteBuffer.allocate(a.length + b.length).put(a).put(b).flip();
    }

    private void closeFile() {
      FileChannel f = file;
      file = null;
      current = null;
      if (f != null) {
        try {
          f.close();
        } catch (IOException e) {
          // nothing was written through it: a failing close loses nothing
        }
      }
    }

    @Override
    public void close() {
      closeFile();
      pending.clear();
      sizes.clear();
      ended = true;
    }
  }
}
