package dev.scwflexip.one;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.DriverException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpamMessageTest {
  /** The REGISTER request oned 7.0.2 sent for AR IP=192.0.2.10 SIZE=1 (docs/opennebula.md#the-five-ipam-messages-and-replies), verbatim. */
  static final String REGISTER_10 = "PElQQU1fRFJJVkVSX0FDVElPTl9EQVRBPjxBUj48SVA+MTkyLjAuMi4xMDwvSVA+PElQQU1fTUFEPmR1bW15PC9JUEFNX01BRD48U0laRT4xPC9TSVpFPjxUWVBFPklQNDwvVFlQRT48L0FSPjxBRERSRVNTPjxNQUMvPjxJUC8+PElQNl9HTE9CQUwvPjxJUDZfVUxBLz48SVA2Lz48U0laRS8+PC9BRERSRVNTPjwvSVBBTV9EUklWRVJfQUNUSU9OX0RBVEE+";

  /** The worked ALLOCATE example of docs/opennebula.md#the-five-ipam-messages-and-replies (form B). */
  static final String ALLOCATE_XML = "<IPAM_DRIVER_ACTION_DATA><AR><AR_ID>0</AR_ID><IP>192.0.2.10</IP><IPAM_MAD>dummy</IPAM_MAD><MAC>02:00:c0:00:02:0a</MAC><SIZE>1</SIZE><TYPE>IP4</TYPE><MAC_END>02:00:c0:00:02:0a</MAC_END><IP_END>192.0.2.10</IP_END><USED_LEASES>0</USED_LEASES></AR><ADDRESS><MAC>02:00:c0:00:02:0a</MAC><IP>192.0.2.10</IP><SIZE>1</SIZE></ADDRESS></IPAM_DRIVER_ACTION_DATA>";

  static byte[] b64(String xml) {
    return Base64.getEncoder().encode(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesTheRecordedRegisterRequest() {
    IpamMessage m = IpamMessage.decode(REGISTER_10.getBytes(StandardCharsets.US_ASCII));
    assertEquals(List.of("IP", "IPAM_MAD", "SIZE", "TYPE"), List.copyOf(m.ar.keySet()));
    assertEquals("192.0.2.10", m.ar.get("IP"));
    assertEquals("dummy", m.ar.get("IPAM_MAD"));
    assertEquals(List.of("MAC", "IP", "IP6_GLOBAL", "IP6_ULA", "IP6", "SIZE"), List.copyOf(m.address.keySet()));
    assertEquals("", m.address.get("SIZE"));
  }

  @Test
  void decodesFormBWithComputedElementsAndATrailingNewline() {
    byte[] in = (new String(b64(ALLOCATE_XML), StandardCharsets.US_ASCII) + "\n").getBytes(StandardCharsets.US_ASCII);
    IpamMessage m = IpamMessage.decode(in);
    assertEquals("0", m.ar.get("USED_LEASES"));
    assertEquals("192.0.2.10", m.address.get("IP"));
    assertEquals("1", m.address.get("SIZE"));
  }

  @Test
  void keepsEscapedValues() {
    IpamMessage m = IpamMessage.decode(b64("<IPAM_DRIVER_ACTION_DATA><AR><NOTE>a &amp; &quot;b&quot; &lt;c&gt;\nd</NOTE>"
        + "<SIZE>1</SIZE></AR><ADDRESS/></IPAM_DRIVER_ACTION_DATA>"));
    assertEquals("a & \"b\" <c>\nd", m.ar.get("NOTE"));
  }

  @Test
  void rejectsBadInputWithOneLine() {
    for (byte[] bad : List.of("".getBytes(), "not base64 at all!!".getBytes(), "PHg+".getBytes(),
        b64("<OTHER/>"), b64("<IPAM_DRIVER_ACTION_DATA><ADDRESS/></IPAM_DRIVER_ACTION_DATA>"),
        b64("<IPAM_DRIVER_ACTION_DATA><AR><X><Y/></X></AR></IPAM_DRIVER_ACTION_DATA>"),
        b64("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><IPAM_DRIVER_ACTION_DATA><AR>&e;</AR></IPAM_DRIVER_ACTION_DATA>"))) {
      String msg = assertThrows(DriverException.class, () -> IpamMessage.decode(bad)).getMessage();
      assertTrue(!msg.contains("\n") && !msg.isBlank(), msg);
    }
  }

  @Test
  void rejectsOversizedMessages() {
    byte[] huge = b64("<IPAM_DRIVER_ACTION_DATA><AR><X>" + "y".repeat(IpamMessage.MAX_XML_CHARS) + "</X></AR></IPAM_DRIVER_ACTION_DATA>");
    assertTrue(assertThrows(DriverException.class, () -> IpamMessage.decode(huge)).getMessage().contains("too large"));
  }
}
