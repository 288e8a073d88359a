package dev.scwflexip.reconcile;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.scwflexip.base.Command;
import dev.scwflexip.base.CommandOptions;
import dev.scwflexip.base.DriverException;
import dev.scwflexip.base.ExitCode;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.base.UsageException;
import dev.scwflexip.config.Config;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code scw-flexip ranges}: the address ranges OpenNebula holds that use this driver (by its
 * configured name), from {@code onevnet} as reconcile reads them. The role's uninstall refuses
 * while this list is not empty: removing the driver would strand those ranges' Flexible IPs.
 * Without OpenNebula's view (no onevnet and no --one-xml) it fails rather than say "none".
 */
public final class RangesCommand implements Command {
  @Override
  public String name() {
    return "ranges";
  }

  @Override
  public String summary() {
    return "list OpenNebula's address ranges that use this driver";
  }

  @Override
  public int run(Invocation inv, String[] args) throws Exception {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("format").hasArg().argName("json|table").desc("output (default table)").build());
    o.addOption(Option.builder().longOpt("one-xml").hasArg().argName("FILE")
        .desc("OpenNebula VNET pool XML instead of running onevnet").build());
    o.addOption(CommandOptions.help());
    CommandLine cl = CommandOptions.parse(o, args, "scw-flexip ranges [--format json|table] [--one-xml FILE]",
        "List the address ranges whose IPAM_MAD is this driver's name (ipam_name).", "", inv.out);
    if (cl == null) {
      return ExitCode.OK;
    }
    String format = cl.getOptionValue("format", "table");
    if (!format.equals("json") && !format.equals("table")) {
      throw new UsageException("--format must be json or table");
    }
    Config config = Config.load(inv.configPath());
    Path xml = cl.hasOption("one-xml") ? Path.of(cl.getOptionValue("one-xml")) : null;
    OneView one = new OneViewLoader(new OneTools(inv.env()), config.ipamName).load(xml, false, false);
    if (!one.available()) {
      throw new DriverException("ranges: no OpenNebula view (onevnet is not on PATH and no --one-xml): cannot tell"
          + " which ranges use " + config.ipamName);
    }
    if (format.equals("json")) {
      JsonArray list = new JsonArray();
      for (OneRange r : one.ranges) {
        JsonObject o1 = new JsonObject();
        o1.addProperty("vnet_id", r.vnetId);
        o1.addProperty("vnet_name", r.vnetName);
        o1.addProperty("ar_id", r.arId);
        o1.addProperty("ip", r.ip);
        o1.addProperty("fip_id", r.fipId);
        o1.addProperty("where", r.where());
        list.add(o1);
      }
      JsonObject out = new JsonObject();
      out.addProperty("ipam_name", config.ipamName);
      out.add("ranges", list);
      inv.out.println(out);
    } else {
      for (OneRange r : one.ranges) {
        inv.out.println(r.where() + "  " + (r.ip == null ? "-" : r.ip) + "  " + (r.fipId == null ? "-" : r.fipId));
      }
      inv.out.println(one.ranges.size() + (one.ranges.size() == 1 ? " range uses " : " ranges use ") + config.ipamName);
    }
    return ExitCode.OK;
  }
}
