package dev.scwflexip.one;

import dev.scwflexip.base.DriverException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message one_ipam passes on stdin: base64 of
 * {@code <IPAM_DRIVER_ACTION_DATA><AR>…</AR><ADDRESS>…</ADDRESS></IPAM_DRIVER_ACTION_DATA>}.
 * The AR's attributes keep the order oned wrote them in (sorted by name).
 */
public final class IpamMessage {
  /** oned's messages are a few hundred bytes; anything near this is not from oned. */
  public static final int MAX_XML_CHARS = 256 * 1024;

  public final Map<String, String> ar;
  public final Map<String, String> address;

  private IpamMessage(Map<String, String> ar, Map<String, String> address) {
    this.ar = Collections.unmodifiableMap(ar);
    this.address = Collections.unmodifiableMap(address);
  }

  public static IpamMessage decode(byte[] stdin) {
    String xml = new String(base64(stdin, MAX_XML_CHARS), StandardCharsets.UTF_8);
    XmlElement root = SafeXml.parse(xml, MAX_XML_CHARS, "the driver message");
    if (!root.name.equals("IPAM_DRIVER_ACTION_DATA")) {
      throw new DriverException("the driver message is <" + root.name + ">, expected <IPAM_DRIVER_ACTION_DATA>");
    }
    XmlElement ar = root.child("AR");
    if (ar == null) {
      throw new DriverException("the driver message has no <AR> element");
    }
    XmlElement address = root.child("ADDRESS");
    return new IpamMessage(flat(ar), address == null ? new LinkedHashMap<>() : flat(address));
  }

  /** Decodes standard base64, ignoring surrounding whitespace and a trailing newline. */
  public static byte[] base64(byte[] stdin, int maxDecoded) {
    String b64 = new String(stdin, StandardCharsets.US_ASCII).strip();
    if (b64.isEmpty()) {
      throw new DriverException("no driver message on stdin");
    }
    if (b64.length() / 4 * 3 > maxDecoded) {
      throw new DriverException("the driver message is too large (" + b64.length() + " bytes of base64)");
    }
    try {
      return Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new DriverException("the driver message on stdin is not valid base64");
    }
  }

  private static Map<String, String> flat(XmlElement e) {
    Map<String, String> out = new LinkedHashMap<>();
    for (XmlElement c : e.children) {
      if (!c.children.isEmpty()) {
        throw new DriverException("the driver message has a nested element <" + e.name + "><" + c.name + "><"
            + c.children.get(0).name + ">");
      }
      out.putIfAbsent(c.name, c.text());
    }
    return out;
  }
}
