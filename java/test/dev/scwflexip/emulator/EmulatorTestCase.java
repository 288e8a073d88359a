package dev.scwflexip.emulator;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh in-process emulator, and a client for it, for every test of a subclass. */
abstract class EmulatorTestCase {
  Emulator emulator;
  ApiCalls api;

  /** How long attach and detach stay in "updating"; 0 for instant. */
  long transitionMs() {
    return 0;
  }

  @BeforeEach
  void start() throws IOException {
    emulator = Emulator.start("127.0.0.1", 0, transitionMs());
    api = new ApiCalls(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }
}
