package dev.scwflexip.onedconf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scwflexip.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code oned-conf} through {@link Main} on copies of the fixtures in a fresh directory. */
abstract class OnedConfTestCase {
  @TempDir
  Path dir;

  record Run(int status, String out, String err) {
    JsonObject json() {
      return JsonParser.parseString(out).getAsJsonObject();
    }
  }

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new Main(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()).run(args);
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static byte[] fixture(String name) {
    try (InputStream in = OnedConfTestCase.class.getResourceAsStream("/oned/" + name)) {
      assertNotNull(in, "fixture " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path write(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  Run json(Path file, String... more) {
    String[] args = Stream.concat(Stream.of("oned-conf", "--file", file.toString(), "--format", "json"),
        Stream.of(more)).toArray(String[]::new);
    return run(args);
  }

  List<Path> backups() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".bak")).toList();
    }
  }

  List<String> listing() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** First run: the expected text and a backup of the old one; second run: a byte-identical no-op. */
  void assertEditsTo(byte[] input, byte[] expected, String... options) throws IOException {
    Path file = write("oned.conf", input);
    Run first = json(file, options);
    assertEquals(0, first.status(), first.err());
    assertTrue(first.json().get("changed").getAsBoolean());
    assertEquals(new String(expected, StandardCharsets.UTF_8), Files.readString(file));
    assertArrayEquals(expected, Files.readAllBytes(file));
    assertFalse(first.json().get("diff").getAsString().isEmpty());
    List<Path> backups = backups();
    assertEquals(1, backups.size());
    assertEquals(first.json().get("backup").getAsString(), backups.get(0).toString());
    assertArrayEquals(input, Files.readAllBytes(backups.get(0)));

    Run second = json(file, options);
    assertEquals(0, second.status(), second.err());
    assertFalse(second.json().get("changed").getAsBoolean());
    assertEquals("", second.json().get("diff").getAsString());
    assertTrue(second.json().get("backup").isJsonNull());
    assertArrayEquals(expected, Files.readAllBytes(file));
    assertEquals(1, backups().size(), "no backup when nothing changes");
  }

  static byte[] crlf(byte[] lf) {
    return new String(lf, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] chomp(byte[] text) {
    String s = new String(text, StandardCharsets.UTF_8);
    assertTrue(s.endsWith("\n"));
    return s.substring(0, s.length() - 1).getBytes(StandardCharsets.UTF_8);
  }
}
