package org.asyncio4j.http.internal.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.asyncio4j.http.client.FormData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormBodiesTest {
  @TempDir Path dir;

  private static String text(ChunkedBody body) {
    return new String(body.readAll(), StandardCharsets.UTF_8);
  }

  @Test
  void textFieldsAreUrlEncodedAsQuotePlus() {
    FormData form = new FormData().add("q", "a b&c=d/é~").add("empty", "");
    assertThat(form.isMultipart()).isFalse();
    assertThat(form.contentType()).isEqualTo("application/x-www-form-urlencoded");
    ChunkedBody body = FormBodies.of(form);
    String expected = "q=a+b%26c%3Dd%2F%C3%A9~&empty=";
    assertThat(body.contentLength()).isEqualTo(expected.length());
    assertThat(text(body)).isEqualTo(expected);
    assertThat(FormBodies.urlEncoded(List.of(Map.entry("k", "v w")))).isEqualTo("k=v+w");
  }

  @Test
  void anotherCharsetIsNamedAndUsed() {
    FormData form = new FormData().charset(StandardCharsets.ISO_8859_1).add("n", "é");
    assertThat(form.contentType())
        .isEqualTo("application/x-www-form-urlencoded; charset=iso-8859-1");
    assertThat(text(FormBodies.of(form))).isEqualTo("n=%E9");
    FormData bad = new FormData().charset(StandardCharsets.ISO_8859_1).add("n", "я");
    assertThatThrownBy(() -> FormBodies.of(bad)).hasMessageContaining("ISO-8859-1 cannot encode");
  }

  @Test
  void aMultipartBodyIsWrittenAsBrowsersWriteIt() {
    FormData form =
        new FormData("BOUNDARY")
            .add("name", "boto3")
            .add("data", new byte[] {1, 2}, "a\"b\r\n.bin", null)
            .add(new FormData.Text("note", "hi", null, "text/plain; charset=utf-8"));
    assertThat(form.isMultipart()).isTrue();
    assertThat(form.contentType()).isEqualTo("multipart/form-data; boundary=BOUNDARY");
    ChunkedBody body = FormBodies.of(form);
    String expected =
        String.join(
            "\r\n",
            "--BOUNDARY",
            "Content-Disposition: form-data; name=\"name\"",
            "",
            "boto3",
            "--BOUNDARY",
            "Content-Disposition: form-data; name=\"data\"; filename=\"a%22b%0D%0A.bin\"",
            "Content-Type: application/octet-stream",
            "",
            "\u0001\u0002",
            "--BOUNDARY",
            "Content-Disposition: form-data; name=\"note\"",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "hi",
            "--BOUNDARY--",
            "");
    assertThat(body.contentLength()).isEqualTo(expected.length());
    assertThat(text(body)).isEqualTo(expected);
  }

  @Test
  void nonAsciiNamesGoAsUtf8() {
    FormData form = new FormData("b").multipart().add("имя", "значение");
    byte[] bytes = FormBodies.of(form).readAll();
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo(
            "--b\r\nContent-Disposition: form-data; name=\"имя\"\r\n\r\nзначение\r\n--b--\r\n");
    assertThat(FormBodies.of(form).contentLength()).isEqualTo(bytes.length);
  }

  @Test
  void anEmptyMultipartFormIsTheClosingBoundary() {
    assertThat(text(FormBodies.of(new FormData("b").multipart()))).isEqualTo("--b--\r\n");
  }

  @Test
  void filesAreReadInChunksAndTheLengthIsKnownBefore() throws IOException {
    byte[] content = new byte[FormBodies.FILE_CHUNK_BYTES * 2 + 10];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }
    Path file = Files.write(dir.resolve("data.csv"), content);
    FormData form = new FormData("X").addFile("report", file);
    ChunkedBody body = FormBodies.of(form);
    String head =
        String.join(
            "\r\n",
            "--X",
            "Content-Disposition: form-data; name=\"report\"; filename=\"data.csv\"",
            "Content-Type: text/csv",
            "",
            "");
    String tail = "\r\n--X--\r\n";
    assertThat(body.contentLength()).isEqualTo(head.length() + content.length + tail.length());
    List<Integer> sizes = new ArrayList<>();
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (ByteBuffer b = body.nextChunk(); b != null; b = body.nextChunk()) {
      sizes.add(b.remaining());
      byte[] chunk = new byte[b.remaining()];
      b.get(chunk);
      all.writeBytes(chunk);
    }
    body.close();
    assertThat(sizes)
        .containsExactly(
            head.length(),
            FormBodies.FILE_CHUNK_BYTES,
            FormBodies.FILE_CHUNK_BYTES,
            10,
            tail.length());
    byte[] out = all.toByteArray();
    assertThat(out).hasSize((int) body.contentLength());
    assertThat(new String(out, 0, head.length(), StandardCharsets.UTF_8)).isEqualTo(head);
    assertThat(java.util.Arrays.copyOfRange(out, head.length(), head.length() + content.length))
        .isEqualTo(content);
  }

  @Test
  void aFileThatChangesSizeFailsTheBodyRatherThanLie() throws IOException {
    Path file = Files.writeString(dir.resolve("f.txt"), "12345");
    ChunkedBody longer = FormBodies.of(new FormData("X").addFile("f", file));
    Files.writeString(file, "1234567");
    assertThat(longer.nextChunk()).isNotNull(); // the head
    assertThat(longer.nextChunk()).isNotNull(); // 5 bytes, the length promised
    assertThatThrownBy(longer::nextChunk)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("became longer");
    longer.close();

    ChunkedBody shorter = FormBodies.of(new FormData("X").addFile("f", file));
    Files.writeString(file, "1");
    shorter.nextChunk();
    assertThatThrownBy(shorter::nextChunk)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("became shorter");
    shorter.close();
  }

  @Test
  void boundariesAreCheckedAndQuotedWhenNeeded() {
    assertThat(new FormData().boundary()).hasSize(32).matches("[0-9a-f]+");
    assertThat(new FormData("a:b").multipart().contentType())
        .isEqualTo("multipart/form-data; boundary=\"a:b\"");
    assertThatThrownBy(() -> new FormData("x".repeat(71))).hasMessageContaining("1 to 70");
    assertThatThrownBy(() -> new FormData("a\"b")).hasMessageContaining("may not hold '\"'");
    assertThatThrownBy(() -> new FormData("ab ")).hasMessageContaining("does not end with a space");
    assertThatThrownBy(
            () -> new FormData().add(new FormData.Text("n", "v", null, "text/plain\r\nX: y")))
        .hasMessageContaining("holds CR, LF or NUL");
  }

  @Test
  void aFilenameOrContentTypeMakesTheFormMultipart() {
    assertThat(new FormData().add(new FormData.Text("n", "v", "f.txt", null)).isMultipart())
        .isTrue();
    assertThat(new FormData().add(new FormData.Text("n", "v", null, "text/x")).isMultipart())
        .isTrue();
    assertThat(new FormData().add("n", "v").isMultipart()).isFalse();
  }
}
