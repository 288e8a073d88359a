package dev.scwflexip.vnm;

import dev.scwflexip.cli.Command;
import dev.scwflexip.cli.Invocation;
import dev.scwflexip.cli.Main;
import dev.scwflexip.cli.UsageException;
import dev.scwflexip.config.Config;
import dev.scwflexip.one.XmlElement;
import dev.scwflexip.scaleway.ApiOpener;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.FlexibleIpApi;
import java.util.List;
import java.util.function.Function;

/**
 * {@code scw-flexip vnm pre} and {@code scw-flexip vnm clean [HOST]}, run by the bridge driver's
 * pre.d and clean.d hooks with the base64 VM XML on stdin. Log lines carry ids, IPs and decisions
 * only: the VM XML holds the context, which may hold secrets.
 */
public final class VnmCommand implements Command {
  private static final String USAGE = "usage: scw-flexip vnm pre | scw-flexip vnm clean [HOST]"
      + " (stdin: base64 VM XML)";

  /** The API for a run's configuration, which is only known once the run has read it. */
  private final Function<Config, ApiOpener> openers;

  public VnmCommand() {
    this(ApiOpener::scaleway);
  }

  public VnmCommand(Function<Config, ApiOpener> openers) {
    this.openers = openers;
  }

  @Override
  public String name() {
    return "vnm";
  }

  @Override
  public String summary() {
    return "bridge hooks: 'vnm pre' attaches, 'vnm clean [HOST]' detaches (stdin: base64 VM XML)";
  }

  @Override
  public int run(Invocation inv, String[] args) throws Exception {
    if (args.length == 0) {
      throw new UsageException("vnm: missing action (pre or clean)");
    }
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help")) {
        inv.out.println(USAGE);
        inv.out.println("  pre    attach the VM's Flexible IPs to this host's server (bridge pre.d)");
        inv.out.println("  clean  detach them from this host's server only; never deletes (bridge clean.d)");
        return Main.OK;
      }
      if (a.startsWith("-")) {
        throw new UsageException("vnm: unknown option '" + a + "'");
      }
    }
    String action = args[0];
    boolean pre;
    if (action.equals("pre")) {
      pre = true;
    } else if (action.equals("clean")) {
      pre = false;
    } else {
      throw new UsageException("vnm: unknown action '" + action + "' (pre or clean)");
    }
    // oned passes pre nothing and clean the host; the docs also mention a deploy id. Accept both.
    if (args.length > 3) {
      throw new UsageException("vnm " + action + ": too many arguments");
    }
    long startNanos = System.nanoTime();
    XmlElement vm = HookInput.read(inv.in);
    List<Nic> nics = VmNics.toActOn(vm);
    List<Nic> candidates = OurNics.candidates(nics);
    for (Nic n : nics) {
      if (!candidates.contains(n)) {
        inv.info(n.label() + ": private or no IPv4 address and no Flexible IP id, ignored");
      }
    }
    if (candidates.isEmpty()) {
      inv.info("vnm " + action + ": no NIC can be a Flexible IP, nothing to do");
      return Main.OK;
    }
    Config config = inv.config();
    String serverId = config.readServerId();
    config.readToken();
    long total = config.actionDeadlineSeconds * 1000L - (System.nanoTime() - startNanos) / 1_000_000L;
    Deadline end = Deadline.afterMillis(total);
    // a quarter is kept back so that a run that ran out of time can still roll back
    Deadline work = Deadline.afterMillis(total * 3 / 4);
    ApiOpener opener = openers.apply(config);
    try (FlexibleIpApi api = opener.open(work)) {
      HookContext ctx = new HookContext(inv, config, serverId, api, opener, work, end);
      List<Target> targets = OurNics.resolve(candidates, api, config, inv, pre);
      if (targets.isEmpty()) {
        inv.info("vnm " + action + ": no NIC is backed by a Flexible IP of cloud " + config.cloud + ", nothing to do");
        return Main.OK;
      }
      if (pre) {
        new PreAction(ctx).run(targets);
      } else {
        if (args.length > 1) {
          inv.info("vnm clean on host " + args[args.length - 1] + " (server " + serverId + ")");
        }
        new CleanAction(ctx).run(targets);
      }
      return Main.OK;
    }
  }
}
