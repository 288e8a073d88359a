package dev.scwflexip.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    String v6 = AR.replace("<TYPE>IP4</TYPE>", "<TYPE>IP6</TYPE>");
    assertTrue(assertThrows(DriverException.class,
        () -> AddressActions.getAddress(msg(v6, "<ADDRESS><SIZE>1</SIZE></ADDRESS>"))).getMessage().contains("IP4"));
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
}
