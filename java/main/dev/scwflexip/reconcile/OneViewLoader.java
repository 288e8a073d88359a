package dev.scwflexip.reconcile;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.one.SafeXml;
import dev.scwflexip.one.XmlElement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds OpenNebula's view: the {@code --one-xml} file when given, else {@code onevnet list -x}
 * when the tool is on PATH, else none. {@code onevnet list} carries no leases, so when the
 * wrong-server check is wanted each VNET with one of our ranges is read again with
 * {@code onevnet show -x}.
 */
final class OneViewLoader {
  private final OneTools tools;
  private final String ipamName;

  OneViewLoader(OneTools tools, String ipamName) {
    this.tools = tools;
    this.ipamName = ipamName;
  }

  OneView load(Path xmlFile, boolean skipOnevnet, boolean withLeases) {
    if (xmlFile != null) {
      String xml;
      try {
        if (Files.size(xmlFile) > 4L * OneView.MAX_CHARS) {
          throw new DriverException("--one-xml " + xmlFile + " is too large");
        }
        xml = Files.readString(xmlFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new DriverException("--one-xml " + xmlFile + ": cannot read: " + e.getMessage());
      }
      return OneView.parse(xml, "file " + xmlFile, ipamName, false);
    }
    if (skipOnevnet || !tools.available("onevnet")) {
      return OneView.none();
    }
    String pool = tools.run(List.of("onevnet", "list", "-x"));
    OneView listed = OneView.parse(pool, "onevnet", ipamName, false);
    if (!withLeases || listed.ranges.isEmpty()) {
      return listed;
    }
    List<String> vnetIds = new ArrayList<>();
    for (OneRange r : listed.ranges) {
      if (r.vnetId != null && !vnetIds.contains(r.vnetId)) {
        vnetIds.add(r.vnetId);
      }
    }
    StringBuilder all = new StringBuilder("<VNET_POOL>");
    for (String id : vnetIds) {
      String one = tools.run(List.of("onevnet", "show", "-x", id));
      XmlElement check = SafeXml.parse(one, OneView.MAX_CHARS, "onevnet show -x " + id);
      if (check.name.equals("VNET")) {
        all.append(stripProlog(one));
      }
    }
    // the list saw every VNET: the ranges of unknown drivers it found still stop deletions
    return OneView.parse(all.append("</VNET_POOL>").toString(), "onevnet", ipamName, true)
        .withUnknownDrivers(listed.unknownDrivers);
  }

  private static String stripProlog(String xml) {
    String s = xml.strip();
    if (s.startsWith("<?xml")) {
      s = s.substring(s.indexOf("?>") + 2);
    }
    return s;
  }
}
