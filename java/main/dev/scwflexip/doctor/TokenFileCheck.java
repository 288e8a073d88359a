package dev.scwflexip.doctor;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The token file: there, a regular file, mode 0600 (nothing for group or others), owned by the
 * account running the driver, one token on one line. The token itself is read only through
 * {@link Config#readToken}, whose errors never contain it, and is never printed.
 */
final class TokenFileCheck {
  static final String NAME = "token file";

  private TokenFileCheck() {}

  static Check run(Config config, int me) {
    Path file = config.tokenFile;
    int uid;
    int mode;
    try {
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        return Check.fail(NAME, file + ": not found", "write the Scaleway secret key to " + file
            + " (mode 0600, owner oneadmin); the role does it from one_driver_flexible_ip_token");
      }
      if (Files.isSymbolicLink(file)) {
        return Check.fail(NAME, file + " is a symbolic link", "put the key in " + file + " itself (mode 0600, owner"
            + " oneadmin): a link can be pointed elsewhere by whoever owns its directory");
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return Check.fail(NAME, file + " is not a regular file", "put the key in a plain file at " + file);
      }
      uid = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    } catch (IOException | UnsupportedOperationException e) {
      return Check.fail(NAME, file + ": cannot inspect it: " + e.getMessage(), "check the file and its directory");
    }
    if ((mode & 077) != 0) {
      return Check.fail(NAME, file + ": mode " + String.format("%04o", mode) + " lets group or others read it",
          "chmod 0600 " + file + ", and replace the key if others may have read it");
    }
    String ownerNote = "";
    if (uid != me) {
      if (me != 0) {
        return Check.fail(NAME, file + ": owned by uid " + uid + ", not by the account running the driver (uid " + me
            + ")", "chown oneadmin " + file + " (and run doctor as the account that runs the driver)");
      }
      ownerNote = "; owned by uid " + uid + " while doctor runs as root";
    }
    try {
      config.readToken();
    } catch (DriverException e) {
      return Check.fail(NAME, e.getMessage(), "put exactly one Scaleway secret key, on one line, in " + file);
    }
    if (!ownerNote.isEmpty()) {
      return Check.warn(NAME, file + ": mode " + String.format("%04o", mode) + ", one token" + ownerNote,
          "run doctor as the driver's account (oneadmin) to check that it owns the file");
    }
    return Check.ok(NAME, file + ": mode " + String.format("%04o", mode) + ", owned by this account, one token");
  }
}
