package dev.scwflexip.emulator;

import com.google.gson.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * API requests received, per {@code "METHOD route"} (route with {zone} and {fip_id}
 * placeholders), counted before faults and authentication so that a test can assert that no
 * call at all was made.
 */
public final class RequestCounter {
  private final Map<String, LongAdder> byRoute = new ConcurrentHashMap<>();
  private final LongAdder total = new LongAdder();

  void count(String methodAndRoute) {
    byRoute.computeIfAbsent(methodAndRoute, k -> new LongAdder()).increment();
    total.increment();
  }

  public long total() {
    return total.sum();
  }

  public long count(String method, String route) {
    LongAdder n = byRoute.get(method + " " + route);
    return n == null ? 0 : n.sum();
  }

  public Map<String, Long> byRoute() {
    Map<String, Long> out = new TreeMap<>();
    byRoute.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public void clear() {
    byRoute.clear();
    total.reset();
  }

  JsonObject toJson() {
    JsonObject routes = new JsonObject();
    byRoute().forEach(routes::addProperty);
    JsonObject o = new JsonObject();
    o.add("by_route", routes);
    o.addProperty("total", total());
    return o;
  }
}
