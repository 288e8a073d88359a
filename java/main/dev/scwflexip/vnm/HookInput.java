package dev.scwflexip.vnm;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.one.SafeXml;
import dev.scwflexip.one.XmlElement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads what the bridge driver gives a hook on stdin: the base64 of the VM XML, followed by one
 * newline when the action runs remotely. Error messages never quote the input: the VM XML holds
 * the context, which may hold secrets.
 */
public final class HookInput {
  /** Largest VM XML accepted; real ones are a few KiB, a VM with many NICs some tens. */
  static final int MAX_XML_CHARS = 4 * 1024 * 1024;
  private static final int MAX_STDIN_BYTES = MAX_XML_CHARS / 3 * 4 + 1024;

  private HookInput() {}

  public static XmlElement read(InputStream in) throws IOException {
    return parse(readLimited(in));
  }

  static XmlElement parse(byte[] stdin) {
    String text = new String(stdin, StandardCharsets.US_ASCII).strip();
    if (text.isEmpty()) {
      throw new DriverException("scw-flexip: no VM XML on stdin (expected base64)");
    }
    byte[] xml;
    try {
      // Ruby's Base64.encode64 wraps lines; accept that as well as the strict form
      xml = Base64.getMimeDecoder().decode(text);
      if (!isBase64(text)) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new DriverException("scw-flexip: stdin is not base64 (expected the base64 VM XML)");
    }
    XmlElement root = SafeXml.parse(new String(xml, StandardCharsets.UTF_8), MAX_XML_CHARS, "scw-flexip: the VM XML on stdin");
    if (!root.name.equals("VM")) {
      throw new DriverException("scw-flexip: the XML on stdin is not a VM (root element <" + root.name + ">)");
    }
    return root;
  }

  /** The MIME decoder skips any foreign character; a hook must not guess at a garbled input. */
  private static boolean isBase64(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/' || c == '=' || c == '\n' || c == '\r';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static byte[] readLimited(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[65536];
    int n;
    while ((n = in.read(buf)) > 0) {
      out.write(buf, 0, n);
      if (out.size() > MAX_STDIN_BYTES) {
        throw new DriverException("scw-flexip: the VM XML on stdin is too large (limit " + MAX_STDIN_BYTES + " bytes)");
      }
    }
    return out.toByteArray();
  }
}
