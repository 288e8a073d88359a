package dev.scwflexip.emulator;

import java.time.Instant;

/** A virtual MAC as one IP shows it; the status depends on the IP holding it. */
public record MacView(String id, String address, String type, String status, Instant createdAt,
    Instant updatedAt, String zone) {
}
