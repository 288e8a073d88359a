package dev.scwflexip.scaleway;

import static dev.scwflexip.scaleway.ScalewayRetryTest.ID;
import static dev.scwflexip.scaleway.ScalewayRetryTest.TOKEN;
import static dev.scwflexip.scaleway.ScalewayRetryTest.client;
import static dev.scwflexip.scaleway.ScalewayRetryTest.fip;
import static dev.scwflexip.scaleway.ScriptedServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ScalewayWaitAndWarmUpTest {
  private static final String GONE = "{\"details\":[{\"action\":\"read\",\"resource\":\"flexible-ip\"}],"
      + "\"message\":\"insufficient permissions\",\"type\":\"permissions_denied\"}";

  @Test
  void waitsUntilThePredicateHolds() throws IOException {
    try (ScriptedServer s = ScriptedServer.script(json(200, fip(ID, "updating")), json(200, fip(ID, "updating")),
        json(200, fip(ID, "attached")));
        ScalewayClient c = client(s)) {
      assertEquals("attached", c.waitUntil(ID, f -> f.status.equals("attached"), "attachment").status);
      assertEquals(3, s.requests.size());
    }
  }

  @Test
  void waitingPastTheDeadlineNamesWhatAndTheLastStatus() throws IOException {
    try (ScriptedServer s = new ScriptedServer(r -> json(200, fip(ID, "updating")));
        ScalewayClient c = client(s, 700, 2_000)) {
      long start = System.nanoTime();
      ApiException e = assertThrows(ApiException.class,
          () -> c.waitUntil(ID, f -> f.status.equals("attached"), "attachment to server x"));
      assertTrue((System.nanoTime() - start) / 1_000_000 < 1_000);
      assertEquals(0, e.status);
      assertTrue(e.getMessage().startsWith("Scaleway API: timed out after "), e.getMessage());
      assertTrue(e.getMessage().contains("waiting for attachment to server x on Flexible IP " + ID
          + ": last status updating"), e.getMessage());
      assertTrue(s.requests.size() > 2, "polled " + s.requests.size());
    }
  }

  @Test
  void waitingOnAGoneIpThrowsGone() throws IOException {
    try (ScriptedServer s = ScriptedServer.script(json(200, fip(ID, "detaching")), json(403, GONE));
        ScalewayClient c = client(s)) {
      ApiException e = assertThrows(ApiException.class, () -> c.waitUntil(ID, f -> false, "deletion"));
      assertTrue(e.mightBeGone());
    }
  }

  @Test
  void warmUpLoadsClassesSilentlyAndOffline() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    long start = System.nanoTime();
    try {
      System.setOut(capture);
      System.setErr(capture);
      ScalewayClient.warmUp();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertEquals("", captured.toString(StandardCharsets.UTF_8));
    assertTrue((System.nanoTime() - start) / 1_000_000 < 3_000);
  }

  @Test
  void httpClientLoggingGoesNowhere() {
    // with no SLF4J provider, slf4j-api would print a warning on stderr
    assertTrue(LoggerFactory.getILoggerFactory().getClass().getName().contains("NOP"),
        LoggerFactory.getILoggerFactory().getClass().getName());
  }

  @Test
  void toStringHidesTheToken() {
    try (ScalewayClient c = new ScalewayClient("http://127.0.0.1:9", "fr-par-1", TOKEN, Deadline.afterSeconds(1),
        RetryPolicy.standard(), 1_000)) {
      assertFalse(c.toString().contains(TOKEN));
    }
  }
}
