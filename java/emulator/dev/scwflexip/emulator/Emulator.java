package dev.scwflexip.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The offline Flexible IP API on a loopback port: server lifecycle and wiring. Tests start one
 * in-process with {@link #start}; the {@code emulator} command runs one in the foreground.
 */
public final class Emulator implements AutoCloseable {
  /** Enough for 20+ driver processes at once, plus slow-fault requests that hold a thread. */
  private static final int THREADS = 32;

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY each keep-alive
    // answer waits ~40 ms for the client's delayed ACK. Read once, when the server class loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final String host;
  private final FipStore store;
  private final Faults faults = new Faults();
  private final RequestCounter requests = new RequestCounter();
  private final AtomicBoolean closed = new AtomicBoolean();

  private Emulator(HttpServer server, ExecutorService executor, String host, FipStore store) {
    this.server = server;
    this.executor = executor;
    this.host = host;
    this.store = store;
  }

  /**
   * Listens on {@code host:port} (port 0 picks a free one). Only loopback addresses are
   * accepted: the emulator is for tests, which must not talk beyond 127.0.0.0/8.
   */
  public static Emulator start(String host, int port, long transitionMs) throws IOException {
    return start(host, port, transitionMs, null);
  }

  /**
   * As {@link #start(String, int, long)}; with a non-null {@code token} every API request must
   * carry exactly that {@code X-Auth-Token} (any other answers 401), so a test can prove which
   * token the driver sent. With null, any non-blank token is accepted.
   */
  public static Emulator start(String host, int port, long transitionMs, String token) throws IOException {
    InetAddress address = InetAddress.getByName(host);
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException("refusing to listen on " + host + ": not a loopback address");
    }
    if (transitionMs < 0) {
      throw new IllegalArgumentException("transition time must not be negative");
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 256);
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
    Emulator e = new Emulator(server, executor, address.getHostAddress(), new FipStore(transitionMs));
    server.createContext("/", new ApiHandler(e.store, e.faults, e.requests, token));
    server.createContext(AdminHandler.PREFIX, new AdminHandler(e));
    server.setExecutor(executor);
    server.start();
    return e;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port();
  }

  public Faults faults() {
    return faults;
  }

  public FipStore store() {
    return store;
  }

  public RequestCounter requests() {
    return requests;
  }

  /** Empties the store and clears faults and request counters. */
  public void reset() {
    store.reset();
    faults.clear();
    requests.clear();
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "emulator-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
