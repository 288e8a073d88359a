package dev.scwflexip.ipam;

import dev.scwflexip.base.Command;
import dev.scwflexip.base.DriverException;
import dev.scwflexip.base.ExitCode;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.base.UsageException;
import dev.scwflexip.config.Config;
import dev.scwflexip.one.IpamMessage;
import dev.scwflexip.stats.ActionCounters;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code scw-flexip ipam <action> [request-id]}, run by one_ipam with the base64 message on
 * stdin. Arguments are read by hand rather than with Commons CLI: this is the hot path.
 */
public final class IpamCommand implements Command {
  /** Far above any message oned sends; stops a runaway producer from filling memory. */
  static final int MAX_STDIN = 1024 * 1024;

  static final String USAGE = "usage: scw-flexip [--config FILE] ipam <action> [request-id]\n"
      + "\n"
      + "Runs one OpenNebula IPAM action. stdin: the base64 driver message from one_ipam.\n"
      + "stdout: what oned expects; on failure, one line on stderr and exit status 1.\n"
      + "\n"
      + "Actions:\n"
      + "  register_address_range    create (or adopt by IP / SCW_FLEXIP_ID) the range's Flexible IP\n"
      + "  unregister_address_range  detach and delete (or forget, if adopted) the range's Flexible IP\n"
      + "  get_address               lease the range's only address (no API call; IPv6-only ranges cannot)\n"
      + "  allocate_address          accept the range's own address or MAC only (no API call)\n"
      + "  free_address              bookkeeping only; never fails\n";

  @Override
  public String name() {
    return "ipam";
  }

  @Override
  public String summary() {
    return "the five IPAM actions oned runs (stdin: base64 driver message)";
  }

  @Override
  public int run(Invocation inv, String[] args) throws IOException {
    if (args.length >= 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      inv.out.print(USAGE);
      return ExitCode.OK;
    }
    if (args.length < 1 || args.length > 2) {
      throw new UsageException("ipam takes an action and an optional request id");
    }
    String action = args[0];
    if (args.length == 2 && !isRequestId(args[1])) {
      throw new UsageException("ipam: request id must be a number, got '" + args[1] + "'");
    }
    switch (action) {
      case "get_address":
        inv.out.print(AddressActions.getAddress(message(inv.in)));
        return ExitCode.OK;
      case "allocate_address":
        inv.out.print(AddressActions.allocateAddress(message(inv.in)));
        return ExitCode.OK;
      case "free_address":
        return free(inv);
      case "register_address_range":
        return rangeAction(inv, true);
      case "unregister_address_range":
        return rangeAction(inv, false);
      default:
        throw new UsageException("ipam: unknown action '" + action + "'");
    }
  }

  /**
   * oned keeps a lease allocated when free_address fails, leaking it even though the VM is
   * gone; with one IP per range there is nothing to undo, so freeing always succeeds.
   */
  private static int free(Invocation inv) {
    try {
      IpamMessage m = message(inv.in);
      inv.info("free_address: released " + AddressActions.leaseName(m));
    } catch (IOException | RuntimeException e) {
      inv.info("free_address: ignored an unreadable message (" + DriverException.oneLine(e.getMessage()) + ")");
    }
    return ExitCode.OK;
  }

  /**
   * Register or unregister, counted beside the journal ({@link ActionCounters}) once the
   * configuration says where that is. Only these two actions are counted: get, allocate and free
   * never reach this method, so they never wait for the counters' lock.
   */
  private static int rangeAction(Invocation inv, boolean register) throws IOException {
    Config config = Config.load(inv.configPath());
    boolean ok = false;
    try {
      RangeLifecycle lifecycle = RangeLifecycle.forConfig(config, inv.err);
      if (register) {
        inv.out.print(lifecycle.register(message(inv.in)));
      } else {
        lifecycle.unregister(message(inv.in));
      }
      ok = true;
      return ExitCode.OK;
    } finally {
      ActionCounters.record(config.stateFile.toAbsolutePath().getParent(), register ? "register" : "unregister", ok,
          inv.err);
    }
  }

  static IpamMessage message(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_STDIN + 1);
    if (bytes.length > MAX_STDIN) {
      throw new DriverException("the driver message on stdin is larger than " + MAX_STDIN + " bytes");
    }
    return IpamMessage.decode(bytes);
  }

  private static boolean isRequestId(String s) {
    if (s.isEmpty() || s.length() > 19) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < '0' || c > '9') && !(i == 0 && c == '-')) {
        return false;
      }
    }
    return true;
  }
}
