package dev.scwflexip.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the recorded go-vcr cassettes in {@code java/test-resources/cassettes}. They are regular
 * enough (one key per line, bodies as one single-quoted or double-quoted scalar) that a line
 * reader suffices; no YAML library is needed for the tests.
 */
public final class Cassette {
  /** One recorded exchange. {@code path} is the URL path with its query, without scheme and host. */
  public static final class Interaction {
    public String method;
    public String url;
    public String path;
    public String requestBody = "";
    public int code;
    public String responseBody = "";

    public boolean isFlexibleIp() {
      return path.startsWith("/flexible-ip/");
    }

    @Override
    public String toString() {
      return method + " " + path + " -> " + code;
    }
  }

  public final String name;
  public final List<Interaction> interactions;

  private Cassette(String name, List<Interaction> interactions) {
    this.name = name;
    this.interactions = interactions;
  }

  public static List<String> names() {
    try (Stream<Path> s = Files.list(dir())) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cassette.yaml")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Cassette load(String name) {
    try (InputStream in = Files.newInputStream(dir().resolve(name))) {
      return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<Cassette> all() {
    List<Cassette> out = new ArrayList<>();
    for (String n : names()) {
      out.add(load(n));
    }
    return out;
  }

  private static Path dir() {
    URL u = Cassette.class.getResource("/cassettes");
    if (u == null) {
      throw new IllegalStateException("cassettes not on the test classpath");
    }
    try {
      return Path.of(u.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Cassette parse(String name, String text) {
    List<Interaction> out = new ArrayList<>();
    Interaction cur = null;
    boolean inResponse = false;
    for (String line : text.split("\n", -1)) {
      String t = line.strip();
      if (t.startsWith("- id:")) {
        cur = new Interaction();
        out.add(cur);
        inResponse = false;
      } else if (cur == null) {
        continue;
      } else if (t.equals("request:")) {
        inResponse = false;
      } else if (t.equals("response:")) {
        inResponse = true;
      } else if (t.startsWith("body: ")) {
        String v = scalar(t.substring(6));
        if (inResponse) {
          cur.responseBody = v;
        } else {
          cur.requestBody = v;
        }
      } else if (t.startsWith("url: ") && !inResponse) {
        cur.url = scalar(t.substring(5));
        URI uri = URI.create(cur.url);
        cur.path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      } else if (t.startsWith("method: ") && !inResponse) {
        cur.method = t.substring(8);
      } else if (t.startsWith("code: ") && inResponse) {
        cur.code = Integer.parseInt(t.substring(6).strip());
      }
    }
    return new Cassette(name, out);
  }

  /** A YAML plain, single-quoted ('' escapes ') or simple double-quoted scalar. */
  static String scalar(String v) {
    if (v.startsWith("'") && v.endsWith("'") && v.length() >= 2) {
      return v.substring(1, v.length() - 1).replace("''", "'");
    }
    if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
      return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return v;
  }
}
