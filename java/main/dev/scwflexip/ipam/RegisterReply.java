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
  private final RangeType type;
  private final Map<String, String> echoed;
  private final Map<String, String> context;
  private final String ipamMad;
  /** The range's own GATEWAY6, else the configuration's; empty when neither has one. */
  private final String gateway6;

  private RegisterReply(RangeType type, Map<String, String> echoed, Map<String, String> context, String ipamMad,
      String gateway6) {
    this.type = type;
    this.echoed = echoed;
    this.context = context;
    this.ipamMad = ipamMad;
    this.gateway6 = gateway6;
  }

  static RegisterReply prepare(Map<String, String> input, Config config, RangeType type) {
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
    if (type.ipv4) {
      // an IPv6-only guest has no IPv4 to give a mask or a gateway to
      context.put("NETWORK_MASK", orDefault(input, "NETWORK_MASK", config.networkMask));
      context.put("GATEWAY", orDefault(input, "GATEWAY", config.gateway));
    }
    String dns = orDefault(input, "DNS", String.join(" ", config.dns));
    if (!dns.isEmpty()) {
      context.put("DNS", dns);
    }
    String routes = orDefault(input, "ROUTES", config.routes);
    if (!routes.isEmpty() && type.ipv4) {
      context.put("ROUTES", routes);
    }
    String gateway6 = orDefault(input, "GATEWAY6", type.ipv6 ? config.gateway6 : "");
    if (type.ipv6 && gateway6.isEmpty()) {
      throw new DriverException("register: TYPE = " + type + " needs an IPv6 gateway: set gateway6 in " + config.file
          + " (e.g. fe80::1) or GATEWAY6 in the range; nothing was created");
    }
    String mad = orDefault(input, "IPAM_MAD", config.ipamName);
    RegisterReply reply = new RegisterReply(type, echoed, context, checked("IPAM_MAD", mad), gateway6);
    // a dry run with stand-in values: whatever fails to render fails here, before any API call
    String standIn = "00000000-0000-0000-0000-000000000000";
    reply.render(new Registered(type.ipv4 ? "192.0.2.1" : null, "52:54:00:00:00:00", standIn,
        type.ipv6 ? "2001:db8::/64" : null, type.isPair() ? standIn : null, config.zone, true));
    return reply;
  }

  /** The reply for the range's Flexible IP, or its two. */
  String render(Registered r) {
    Map<String, String> out = new LinkedHashMap<>(echoed);
    out.put("TYPE", type.name());
    if (type.ipv4) {
      out.put("IP", r.ip());
    }
    out.put("SIZE", "1");
    out.put("MAC", r.mac());
    out.put("IPAM_MAD", ipamMad);
    out.putAll(context);
    if (type.ipv6) {
      Ipv6Prefix prefix = Ipv6Prefix.of(r.prefix6());
      if (type == RangeType.IP6_STATIC) {
        out.put("IP6", prefix.withEui64(r.mac()));
      } else {
        out.put("GLOBAL_PREFIX", prefix.network());
      }
      out.put("PREFIX_LENGTH", "64");
    }
    if (!gateway6.isEmpty()) {
      out.put("GATEWAY6", gateway6);
    }
    out.put(ArAttributes.FIP_ID, r.fipId());
    if (r.fipId6() != null) {
      out.put(ArAttributes.FIP_ID6, r.fipId6());
    }
    out.put(ArAttributes.FIP_ZONE, r.zone());
    out.put(ArAttributes.FIP_CREATED, r.created() ? "YES" : "NO");
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
