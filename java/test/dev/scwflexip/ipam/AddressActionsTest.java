package dev.scwflexip.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.one.IpamMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AddressActionsTest {
  static final String AR = "<AR><AR_ID>0</AR_ID><IP>51.15.0.10</IP><IPAM_MAD>scw-flexip</IPAM_MAD>"
      + "<MAC>52:54:00:12:34:56</MAC><SCW_FLEXIP_ID>6a1b0000-0000-4000-8000-000000000001</SCW_FLEXIP_ID>"
      + "<SIZE>1</SIZE><TYPE>IP4</TYPE><MAC_END>52:54:00:12:34:56</MAC_END><IP_END>51.15.0.10</IP_END>"
      + "<USED_LEASES>0</USED_LEASES></AR>";

  static IpamMessage msg(String ar, String address) {
    String xml = "<IPAM_DRIVER_ACTION_DATA>" + ar + address + "</IPAM_DRIVER_ACTION_DATA>";
    return IpamMessage.decode(Base64.getEncoder().encode(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void getAddressLeasesTheRangesOwnIp() {
    assertEquals("ADDRESS = [ IP = \"51.15.0.10\", SIZE = \"1\" ]\n",
        AddressActions.getAddress(msg(AR, "<ADDRESS><SIZE>1</SIZE></ADDRESS>")));
  }

  @Test
  void getAddressRefusesMoreThanOneAddress() {
    assertTrue(assertThrows(DriverException.class,
        () -> AddressActions.getAddress(msg(AR, "<ADDRESS><SIZE>2</SIZE></ADDRESS>"))).getMessage().contains("cannot lease 2"));
  }

  @Test
  void rangesThatAreNotSingleAddressAreRefused() {
    String big = AR.replace("<SIZE>1</SIZE>", "<SIZE>4</SIZE>");
    assertTrue(assertThrows(DriverException.class,
        () -> AddressActions.getAddress(msg(big, "<ADDRESS><SIZE>1</SIZE></ADDRESS>"))).getMessage().contains("SIZE = 1"));
    String other = AR.replace("<TYPE>IP4</TYPE>", "<TYPE>IP4_6_STATIC</TYPE>");
    assertTrue(assertThrows(DriverException.class,
        () -> AddressActions.getAddress(msg(other, "<ADDRESS><SIZE>1</SIZE></ADDRESS>"))).getMessage()
        .contains("supports TYPE = IP4, IP4_6 (dual stack), IP6 and IP6_STATIC"));
    String noIp = AR.replace("<IP>51.15.0.10</IP>", "");
    assertThrows(DriverException.class, () -> AddressActions.getAddress(msg(noIp, "<ADDRESS><SIZE>1</SIZE></ADDRESS>")));
  }

  @Test
  void allocateAcceptsOnlyTheRangesIp() {
    assertEquals("", AddressActions.allocateAddress(
        msg(AR, "<ADDRESS><MAC>52:54:00:12:34:56</MAC><IP>51.15.0.10</IP><SIZE>1</SIZE></ADDRESS>")));
    String m = assertThrows(DriverException.class, () -> AddressActions.allocateAddress(
        msg(AR, "<ADDRESS><MAC>02:00:c0:00:02:0b</MAC><IP>192.0.2.11</IP><SIZE>1</SIZE></ADDRESS>"))).getMessage();
    assertEquals("allocate_address: 192.0.2.11 is not this range's address 51.15.0.10", m);
    assertThrows(DriverException.class, () -> AddressActions.allocateAddress(msg(AR, "<ADDRESS><SIZE>1</SIZE></ADDRESS>")));
  }

  /** A registered dual-stack range in oned's address-range form (form B). */
  static final String DUAL = "<AR><AR_ID>1</AR_ID><GATEWAY6>fe80::1</GATEWAY6><GLOBAL_PREFIX>2001:bc8:702:6b7::</GLOBAL_PREFIX>"
      + "<IP>51.159.10.20</IP><IPAM_MAD>scw-flexip</IPAM_MAD><MAC>52:54:00:a1:b2:c3</MAC><PREFIX_LENGTH>64</PREFIX_LENGTH>"
      + "<SCW_FLEXIP_ID>6a1b0000-0000-4000-8000-000000000001</SCW_FLEXIP_ID>"
      + "<SCW_FLEXIP_ID6>6a1b0000-0000-4000-8000-000000000006</SCW_FLEXIP_ID6><SIZE>1</SIZE><TYPE>IP4_6</TYPE>"
      + "<MAC_END>52:54:00:a1:b2:c3</MAC_END><IP_END>51.159.10.20</IP_END>"
      + "<IP6_GLOBAL>2001:bc8:702:6b7:5054:ff:fea1:b2c3</IP6_GLOBAL><USED_LEASES>0</USED_LEASES></AR>";

  /** IPv6-only ranges as oned stores them: no IP (oned drops it for these types). */
  static final String SLAAC = "<AR><AR_ID>2</AR_ID><GLOBAL_PREFIX>2001:bc8:702:6b7::</GLOBAL_PREFIX><IPAM_MAD>scw-flexip</IPAM_MAD>"
      + "<MAC>52:54:00:a1:b2:c3</MAC><PREFIX_LENGTH>64</PREFIX_LENGTH><SIZE>1</SIZE><TYPE>IP6</TYPE></AR>";
  static final String STATIC = "<AR><AR_ID>3</AR_ID><IP6>2001:bc8:702:6b7:5054:ff:fea1:b2c3</IP6><IPAM_MAD>scw-flexip</IPAM_MAD>"
      + "<MAC>52:54:00:a1:b2:c3</MAC><PREFIX_LENGTH>64</PREFIX_LENGTH><SIZE>1</SIZE><TYPE>IP6_STATIC</TYPE></AR>";

  @Test
  void aDualStackRangeLeasesItsIpv4AndIgnoresTheIpv6ElementsOnedFillsWithZero() {
    assertEquals("ADDRESS = [ IP = \"51.159.10.20\", SIZE = \"1\" ]\n",
        AddressActions.getAddress(msg(DUAL, "<ADDRESS><SIZE>1</SIZE></ADDRESS>")));
    // what oned really sends for a NIC naming IP, and for one naming MAC: IP6_GLOBAL is a literal 0
    String byIp = "<ADDRESS><MAC>52:54:00:a1:b2:c3</MAC><IP>51.159.10.20</IP><IP6_GLOBAL>0</IP6_GLOBAL><SIZE>1</SIZE></ADDRESS>";
    assertEquals("", AddressActions.allocateAddress(msg(DUAL, byIp)));
    assertEquals("", AddressActions.allocateAddress(msg(DUAL, byIp.replace("52:54:00:a1:b2:c3", "52:54:00:A1:B2:C3"))));
    String other = byIp.replace("51.159.10.20", "51.159.10.21");
    assertTrue(assertThrows(DriverException.class, () -> AddressActions.allocateAddress(msg(DUAL, other))).getMessage()
        .contains("51.159.10.21 is not this range's address"));
    assertEquals("51.159.10.20", AddressActions.leaseName(msg(DUAL, byIp)));
  }

  @Test
  void ipv6OnlyRangesCannotBeLeasedAutomaticallyAndSaySoInOneLine() {
    String m = assertThrows(DriverException.class,
        () -> AddressActions.getAddress(msg(SLAAC, "<ADDRESS><SIZE>1</SIZE></ADDRESS>"))).getMessage();
    assertEquals("get_address: oned cannot lease an IPv6-only IPAM range (TYPE = IP6) automatically;"
        + " the NIC must name MAC = \"52:54:00:a1:b2:c3\"", m);
    String s = assertThrows(DriverException.class,
        () -> AddressActions.getAddress(msg(STATIC, "<ADDRESS><SIZE>1</SIZE></ADDRESS>"))).getMessage();
    assertTrue(s.contains("MAC = \"52:54:00:a1:b2:c3\" or IP6 = \"2001:bc8:702:6b7:5054:ff:fea1:b2c3\""), s);
    assertFalse(s.contains("\n"));
  }

  @Test
  void ipv6OnlyRangesAllocateByTheirOwnMacOnly() {
    // a NIC naming MAC (both types) or IP6 (static): oned sends the MAC and a literal 0
    assertEquals("", AddressActions.allocateAddress(
        msg(SLAAC, "<ADDRESS><MAC>52:54:00:a1:b2:c3</MAC><IP6_GLOBAL>0</IP6_GLOBAL><SIZE>1</SIZE></ADDRESS>")));
    assertEquals("", AddressActions.allocateAddress(
        msg(STATIC, "<ADDRESS><MAC>52:54:00:a1:b2:c3</MAC><IP6>0</IP6><SIZE>1</SIZE></ADDRESS>")));
    String m = assertThrows(DriverException.class, () -> AddressActions.allocateAddress(
        msg(STATIC, "<ADDRESS><MAC>52:54:00:a1:b2:c4</MAC><IP6>0</IP6><SIZE>1</SIZE></ADDRESS>"))).getMessage();
    assertEquals("allocate_address: MAC 52:54:00:a1:b2:c4 is not this range's MAC 52:54:00:a1:b2:c3", m);
    assertThrows(DriverException.class, () -> AddressActions.allocateAddress(msg(SLAAC, "<ADDRESS><SIZE>1</SIZE></ADDRESS>")));
    assertEquals("MAC 52:54:00:a1:b2:c3", AddressActions.leaseName(
        msg(SLAAC, "<ADDRESS><MAC>52:54:00:a1:b2:c3</MAC><IP6_GLOBAL>0</IP6_GLOBAL><SIZE>1</SIZE></ADDRESS>")));
  }
}
