package dev.scwflexip.emulator;

import static dev.scwflexip.emulator.ApiCalls.FIPS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EmulatorConcurrencyTest {
  private static final int THREADS = 24;
  private static final int PER_THREAD = 10;

  @Test
  void manyClientsCreateAndAttachAtOnce() throws Exception {
    try (Emulator emulator = Emulator.start("127.0.0.1", 0, 20)) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          String server = String.format("00000000-0000-4000-8000-%012d", t);
          Callable<List<String>> client = () -> {
            ApiCalls api = new ApiCalls(emulator); // one client per thread, like separate processes
            List<String> ips = new ArrayList<>();
            for (int i = 0; i < PER_THREAD; i++) {
              String id = api.create("[\"load\"]");
              ApiCalls.Response r = api.post(FIPS + "/attach", "{\"fips_ids\":[\"" + id + "\"],\"server_id\":\"" + server + "\"}");
              assertEquals(200, r.status(), r.body());
              ips.add(api.get(FIPS + "/" + id).json().get("ip_address").getAsString());
            }
            return ips;
          };
          results.add(pool.submit(client));
        }
        Set<String> addresses = new HashSet<>();
        for (Future<List<String>> f : results) {
          addresses.addAll(f.get());
        }
        assertEquals(THREADS * PER_THREAD, addresses.size(), "every address handed out once");
        Thread.sleep(50);
        ApiCalls api = new ApiCalls(emulator);
        assertEquals(THREADS * PER_THREAD, api.get(FIPS + "?status=attached&tags=load").json()
            .get("total_count").getAsInt());
        assertEquals(PER_THREAD, api.get(FIPS + "?server_ids=00000000-0000-4000-8000-000000000003").json()
            .get("total_count").getAsInt());
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
