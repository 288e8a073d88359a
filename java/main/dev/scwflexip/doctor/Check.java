package dev.scwflexip.doctor;

import dev.scwflexip.base.DriverException;

/**
 * One finding of {@code doctor}: what was checked, how it stands, one line of detail and one line
 * saying what to do (empty when nothing is to be done). A warning never fails the run.
 */
public record Check(String name, Status status, String detail, String fix) {
  /** How a check stands, by the words the output uses. */
  public enum Status {
    OK("ok"), WARN("warn"), FAIL("fail");

    public final String word;

    Status(String word) {
      this.word = word;
    }
  }

  public Check {
    detail = DriverException.oneLine(detail);
    fix = fix == null ? "" : DriverException.oneLine(fix);
  }

  static Check ok(String name, String detail) {
    return new Check(name, Status.OK, detail, "");
  }

  static Check warn(String name, String detail, String fix) {
    return new Check(name, Status.WARN, detail, fix);
  }

  static Check fail(String name, String detail, String fix) {
    return new Check(name, Status.FAIL, detail, fix);
  }

  boolean failed() {
    return status == Status.FAIL;
  }
}
