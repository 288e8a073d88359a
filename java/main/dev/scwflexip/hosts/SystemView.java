package dev.scwflexip.hosts;

import java.nio.file.Path;
import java.util.Optional;

/** What sync-hosts needs to know about the machine; tests substitute their own answers. */
interface SystemView {
  /** The real uid of this process. */
  int uid();

  Optional<Account> account(String name);

  /** An executable in the standard system directories (not the caller's PATH). */
  Optional<Path> program(String name);
}
