package dev.scwflexip.scaleway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A raw-socket HTTP/1.1 server for failure tests: unlike a real server library it can close a
 * connection without any answer, answer late, or send a bare 429 with no headers at all.
 */
final class ScriptedServer implements AutoCloseable {
  static final class Request {
    String method;
    String target;
    String path;
    final Map<String, List<String>> query = new LinkedHashMap<>();
    final Map<String, String> headers = new LinkedHashMap<>();
    String body = "";

    List<String> param(String key) {
      return query.getOrDefault(key, List.of());
    }

    @Override
    public String toString() {
      return method + " " + target;
    }
  }

  /** What to do with one request. */
  static final class Action {
    final boolean drop;
    final long delayMillis;
    final int status;
    final String body;
    final String[] headers;

    private Action(boolean drop, long delayMillis, int status, String body, String[] headers) {
      this.drop = drop;
      this.delayMillis = delayMillis;
      this.status = status;
      this.body = body;
      this.headers = headers;
    }

    Action after(long millis) {
      return new Action(drop, millis, status, body, headers);
    }
  }

  static Action reply(int status, String body, String... headers) {
    return new Action(false, 0, status, body, headers);
  }

  static Action json(int status, String body) {
    return reply(status, body, "Content-Type", "application/json");
  }

  /** Read the request, then close the connection without a word. */
  static Action drop() {
    return new Action(true, 0, 0, null, new String[0]);
  }

  private final ServerSocket socket;
  private final Function<Request, Action> handler;
  final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger connections = new AtomicInteger();

  ScriptedServer(Function<Request, Action> handler) throws IOException {
    this.handler = handler;
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "scripted-server");
    t.setDaemon(true);
    t.start();
  }

  /** Answers the given actions in order, then 500 to anything more. */
  static ScriptedServer script(Action... actions) throws IOException {
    Deque<Action> queue = new ArrayDeque<>(List.of(actions));
    return new ScriptedServer(r -> {
      synchronized (queue) {
        return queue.isEmpty() ? json(500, "{\"message\":\"script exhausted\"}") : queue.removeFirst();
      }
    });
  }

  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  int count(String method) {
    synchronized (requests) {
      return (int) requests.stream().filter(r -> r.method.equals(method)).count();
    }
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(s), "scripted-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      while (true) {
        Request r = read(in);
        if (r == null) {
          return;
        }
        requests.add(r);
        Action a = handler.apply(r);
        if (a.drop) {
          return;
        }
        if (a.delayMillis > 0) {
          Thread.sleep(a.delayMillis);
        }
        write(out, a);
      }
    } catch (IOException | InterruptedException e) {
      // the client went away; nothing to do
    }
  }

  private static Request read(InputStream in) throws IOException {
    String line = line(in);
    if (line == null || line.isEmpty()) {
      return null;
    }
    Request r = new Request();
    String[] parts = line.split(" ");
    r.method = parts[0];
    r.target = parts[1];
    URI uri = URI.create(r.target);
    r.path = uri.getRawPath();
    if (uri.getRawQuery() != null) {
      for (String kv : uri.getRawQuery().split("&")) {
        int eq = kv.indexOf('=');
        String k = URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8);
        String v = URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
        r.query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      r.headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
    }
    int length = Integer.parseInt(r.headers.getOrDefault("content-length", "0"));
    r.body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    return r;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  private static void write(OutputStream out, Action a) throws IOException {
    byte[] body = a.body == null ? new byte[0] : a.body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(a.status).append(' ').append(reason(a.status)).append("\r\n");
    for (int i = 0; i + 1 < a.headers.length; i += 2) {
      head.append(a.headers[i]).append(": ").append(a.headers[i + 1]).append("\r\n");
    }
    if (a.status != 204) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static String reason(int status) {
    switch (status) {
      case 200: return "OK";
      case 204: return "No Content";
      case 400: return "Bad Request";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 409: return "Conflict";
      case 429: return "Too Many Requests";
      case 500: return "Internal Server Error";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      default: return "Status";
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
