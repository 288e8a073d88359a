package dev.scwflexip.emulator;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Version-4 UUIDs from a fast non-cryptographic generator: the emulator's ids need to be unique,
 * not unguessable, and SecureRandom showed up in the profile of the 20,000-IP listing.
 */
final class RandomIds {
  private RandomIds() {
  }

  static String uuid() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long high = r.nextLong() & ~0xf000L | 0x4000L;
    long low = r.nextLong() & ~(0xc000_0000_0000_0000L) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }
}
