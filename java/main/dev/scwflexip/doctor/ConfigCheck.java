package dev.scwflexip.doctor;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.config.Config;
import java.nio.file.Path;

/** The configuration parses, with the right types, by the driver's own loader. */
final class ConfigCheck {
  static final String NAME = "config";

  /** The check, and the configuration when it loaded. */
  record Result(Check check, Config config) {}

  private ConfigCheck() {}

  static Result run(Path file) {
    try {
      Config c = Config.load(file);
      return new Result(Check.ok(NAME, file + ": valid (zone " + c.zone + ", project " + c.projectId + ", cloud "
          + c.cloud + ", driver " + c.ipamName + ")"), c);
    } catch (DriverException e) {
      return new Result(Check.fail(NAME, e.getMessage(), "correct " + file + " (the role writes it from its"
          + " variables); 'scw-flexip check-config' checks it the same way"), null);
    }
  }
}
