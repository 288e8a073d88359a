package dev.scwflexip.hosts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The running Linux system: uid from /proc/self, accounts from /etc/passwd. */
final class LocalSystem implements SystemView {
  static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private final Path passwd;

  LocalSystem(Path passwd) {
    this.passwd = passwd;
  }

  @Override
  public int uid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException e) {
      throw new IllegalStateException("cannot tell which user runs this process: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Account> account(String name) {
    List<String> lines;
    try {
      lines = Files.readAllLines(passwd, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    for (String line : lines) {
      String[] f = line.split(":", -1);
      if (f.length >= 7 && f[0].equals(name)) {
        try {
          return Optional.of(new Account(f[0], Integer.parseInt(f[2]), f[5]));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<Path> program(String name) {
    for (String dir : SYSTEM_DIRS) {
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
