package dev.scwflexip.scaleway;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code Date} header of an API answer (RFC 1123, whole seconds, e.g.
 * {@code Tue, 09 Dec 2025 18:20:32 GMT}: docs/scaleway-api.md) and the instant this host's
 * clock read when the answer arrived.
 */
public record ApiDate(String header, Instant receivedAt) {

  /** The server's time, or null when the header cannot be parsed. */
  public Instant serverTime() {
    try {
      return ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * How far this host's clock is ahead of the API's (negative: behind), or null when the header
   * cannot be parsed. The header drops the fraction of a second and the answer took some time to
   * arrive, so a correct clock reads up to about a second ahead.
   */
  public Duration skew() {
    Instant server = serverTime();
    return server == null ? null : Duration.between(server, receivedAt);
  }
}
