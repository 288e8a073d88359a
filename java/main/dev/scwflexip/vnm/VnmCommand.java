package dev.scwflexip.vnm;

import dev.scwflexip.base.Command;
import dev.scwflexip.base.ExitCode;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.base.UsageException;
import dev.scwflexip.config.Config;
import dev.scwflexip.one.XmlElement;
import dev.scwflexip.scaleway.ApiException;
import dev.scwflexip.scaleway.ApiOpener;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.FlexibleIpApi;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code scw-flexip vnm pre|post|clean}, run by the bridge driver's pre.d, post.d and clean.d
 * hooks with the base64 VM XML on stdin. oned passes pre nothing, post the deploy id and the
 * host, clean the host. Log lines carry ids, IPs and decisions only: the VM XML holds the
 * context, which may hold secrets.
 */
public final class VnmCommand implements Command {
  private static final String USAGE = "usage: scw-flexip vnm pre | vnm post [DEPLOY_ID HOST] | vnm clean [HOST]"
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
    return "bridge hooks: 'vnm pre' attaches free IPs, 'vnm post' moves them here, 'vnm clean' detaches"
        + " (stdin: base64 VM XML)";
  }

  @Override
  public int run(Invocation inv, String[] args) throws Exception {
    if (args.length == 0) {
      throw new UsageException("vnm: missing action (pre, post or clean)");
    }
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help")) {
        inv.out.println(USAGE);
        inv.out.println("  pre    attach the VM's free Flexible IPs to this host's server (bridge pre.d)");
        inv.out.println("  post   make sure they are attached here, moving them from another server (bridge post.d)");
        inv.out.println("  clean  detach them from this host's server only; never deletes (bridge clean.d)");
        return ExitCode.OK;
      }
      if (a.startsWith("-")) {
        throw new UsageException("vnm: unknown option '" + a + "'");
      }
    }
    String action = args[0];
    if (!action.equals("pre") && !action.equals("post") && !action.equals("clean")) {
      throw new UsageException("vnm: unknown action '" + action + "' (pre, post or clean)");
    }
    if (args.length > 3) {
      throw new UsageException("vnm " + action + ": too many arguments");
    }
    long startNanos = System.nanoTime();
    XmlElement vm = HookInput.read(inv.in);
    List<Nic> nics = VmNics.toActOn(vm);
    List<Nic> candidates = OurNics.candidates(nics, false);
    Config config = null;
    if (candidates.size() < nics.size() && anyPublic(nics, candidates)) {
      config = Config.load(inv.configPath());
      if (config.matchNicsByAddress) {
        candidates = OurNics.candidates(nics, true);
      }
    }
    for (Nic n : nics) {
      if (!candidates.contains(n)) {
        inv.info(n.label() + ": no Flexible IP id (SCW_FLEXIP_ID), ignored");
      }
    }
    if (candidates.isEmpty()) {
      inv.info("vnm " + action + ": no NIC is backed by a Flexible IP, nothing to do");
      return ExitCode.OK;
    }
    if (config == null) {
      config = Config.load(inv.configPath());
    }
    String serverId = config.readServerId();
    config.readToken();
    long total = config.actionDeadlineSeconds * 1000L - (System.nanoTime() - startNanos) / 1_000_000L;
    Deadline end = Deadline.afterMillis(total);
    // a quarter is kept back so that a run that ran out of time can still roll back
    Deadline work = Deadline.afterMillis(total * 3 / 4);
    ApiOpener opener = openers.apply(config);
    boolean clean = action.equals("clean");
    try (FlexibleIpApi api = opener.open(work)) {
      HookContext ctx = new HookContext(inv, config, serverId, api, opener, work, end);
      List<Target> targets;
      try {
        targets = OurNics.resolve(candidates, api, config, inv, !clean);
      } catch (ApiException e) {
        if (!clean || !e.isOutage()) {
          throw e;
        }
        CleanAction.leaveForLater(ctx, ids(candidates), e);
        return ExitCode.OK;
      }
      if (targets.isEmpty()) {
        inv.info("vnm " + action + ": no NIC is backed by a Flexible IP of cloud " + config.cloud + ", nothing to do");
        return ExitCode.OK;
      }
      switch (action) {
        case "pre":
          new PreAction(ctx).run(targets);
          break;
        case "post":
          new PostAction(ctx).run(targets);
          break;
        default:
          String here = args.length > 1 ? args[args.length - 1] : null;
          String current = VmNics.currentHost(vm);
          // on a live migration's source the VM already runs on the destination, whose post
          // waits for the detach to finish anyway: returning at once shortens the dark window
          boolean migrationSource = here != null && current != null && !current.equals(here);
          inv.info("vnm clean on host " + (here == null ? "?" : here) + " (server " + serverId + ")"
              + (migrationSource ? ", the source of a migration to " + current : ""));
          new CleanAction(ctx, !migrationSource).run(targets);
      }
      return ExitCode.OK;
    }
  }

  private static boolean anyPublic(List<Nic> nics, List<Nic> candidates) {
    for (Nic n : nics) {
      if (!candidates.contains(n) && PublicIpv4.couldBeFlexibleIp(n.ip)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> ids(List<Nic> nics) {
    List<String> out = new ArrayList<>();
    for (Nic n : nics) {
      if (n.fipId != null) {
        out.add(n.fipId.toLowerCase(java.util.Locale.ROOT));
      }
    }
    return out;
  }
}
