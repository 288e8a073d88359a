package dev.scwflexip.ipam;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.config.Config;
import dev.scwflexip.one.OneTemplate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code AR = [ … ]} reply of register_address_range. oned replaces the whole range with it,
 * so every input attribute is echoed, except the names the driver writes itself (see
 * {@link ArAttributes#DRIVER_WRITTEN}). Everything the user sent is checked by {@link #prepare}
 * before the first API call: a value oned could not take back must never leave a new, billed IP
 * behind.
 */
final class RegisterReply {
  private final Map<String, String> echoed;
  private final Map<String, String> context;
  private final String ipamMad;

  private RegisterReply(Map<String, String> echoed, Map<String, String> context, String ipamMad) {
    this.echoed = echoed;
    this.context = context;
    this.ipamMad = ipamMad;
  }

  static RegisterReply prepare(Map<String, String> input, Config config) {
    Map<String, String> echoed = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : input.entrySet()) {
      String name = e.getKey();
      String upper = name.toUpperCase(Locale.ROOT);
      if (ArAttributes.COMPUTED.contains(upper) || ArAttributes.DRIVER_WRITTEN.contains(upper)
          || echoed.containsKey(upper)) {
        continue;
      }
      if (!OneTemplate.isName(name)) {
        throw new DriverException("register: attribute name '" + shorten(name)
            + "' is not one OpenNebula accepts (letters, digits, '_'); nothing was created");
      }
      echoed.put(upper, checked(upper, e.getValue()));
    }
    // values set in the range win over the configured ones, as for any oned attribute
    Map<String, String> context = new LinkedHashMap<>();
    context.put("NETWORK_MASK", orDefault(input, "NETWORK_MASK", config.networkMask));
    context.put("GATEWAY", orDefault(input, "GATEWAY", config.gateway));
    String dns = orDefault(input, "DNS", String.join(" ", config.dns));
    if (!dns.isEmpty()) {
      context.put("DNS", dns);
    }
    String routes = orDefault(input, "ROUTES", config.routes);
    if (!routes.isEmpty()) {
      context.put("ROUTES", routes);
    }
    String mad = orDefault(input, "IPAM_MAD", config.ipamName);
    RegisterReply reply = new RegisterReply(echoed, context, checked("IPAM_MAD", mad));
    // a dry run with stand-in values: whatever fails to render fails here, before any API call
    reply.render("192.0.2.1", "52:54:00:00:00:00", "00000000-0000-0000-0000-000000000000", config.zone, true);
    return reply;
  }

  /** The reply for the range's Flexible IP. */
  String render(String ip, String mac, String fipId, String zone, boolean created) {
    Map<String, String> out = new LinkedHashMap<>(echoed);
    out.put("TYPE", "IP4");
    out.put("IP", ip);
    out.put("SIZE", "1");
    out.put("MAC", mac);
    out.put("IPAM_MAD", ipamMad);
    out.putAll(context);
    out.put(ArAttributes.FIP_ID, fipId);
    out.put(ArAttributes.FIP_ZONE, zone);
    out.put(ArAttributes.FIP_CREATED, created ? "YES" : "NO");
    return OneTemplate.vector("AR", out);
  }

  private static String orDefault(Map<String, String> input, String name, String dflt) {
    String v = ArAttributes.get(input, name);
    return v == null ? dflt : checked(name, v);
  }

  private static String checked(String name, String value) {
    String why = OneTemplate.unwritable(value);
    if (why != null) {
      throw new DriverException("register: " + name + " cannot be stored: " + why + "; nothing was created");
    }
    return value;
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
