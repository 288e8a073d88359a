package dev.scwflexip.onedconf;

import dev.scwflexip.base.DriverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The check {@code doctor} makes on a frontend: what {@code oned-conf --restrict} would still add
 * to the file, worked out by the editor itself in check mode (nothing is written, no lock taken),
 * so the check and the edit can never disagree on what "enabled" means.
 */
public final class OnedConfCheck {
  private OnedConfCheck() {}

  /**
   * One phrase per thing the file lacks (the driver in the first IPAM_MAD {@code -i} list,
   * {@code INHERIT_VNET_ATTR = "<attribute>"}, each restricted attribute line); empty when the
   * driver is fully enabled. An unreadable or unparseable file is a one-line error.
   */
  public static List<String> missing(Path file, String driver, String attribute) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DriverException(file + ": no such file");
    } catch (IOException e) {
      throw new DriverException(file + ": cannot read: " + e.getMessage());
    }
    try {
      return new OnedConfEditor(driver, attribute, true).edit(ConfText.decode(bytes).text()).needed();
    } catch (OnedConfEditor.EditException e) {
      throw new DriverException(file + ": " + e.getMessage());
    }
  }
}
