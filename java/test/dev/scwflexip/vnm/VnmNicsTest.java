package dev.scwflexip.vnm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.one.XmlElement;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading NICs out of the VM XML the bridge driver passes to hooks (docs/opennebula.md#bridge-hooks-actions-arguments-and-stdin). */
class VnmNicsTest {
  private static XmlElement vm(String body) {
    String b64 = Base64.getEncoder().encodeToString(("<VM><ID>7</ID>" + body + "</VM>").getBytes(StandardCharsets.UTF_8));
    return HookInput.parse((b64 + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  private static final String CONTEXT =
      "<TEMPLATE><CONTEXT><NETWORK>YES</NETWORK><PASSWORD>x</PASSWORD></CONTEXT></TEMPLATE><USER_TEMPLATE/>"
      + "<HISTORY_RECORDS><HISTORY><HOSTNAME>h</HOSTNAME></HISTORY></HISTORY_RECORDS>";

  @Test
  void findsNicsInEverySiblingTemplateNotOnlyTheFirst() throws Exception {
    XmlElement vm = HookInput.parse(HookWorld.fixture("two-public-one-private.xml")
        .replace("${IP0}", "51.15.0.1").replace("${IP1}", "51.15.0.2").replace("${MAC0}", "52:54:00:00:00:01")
        .replace("${MAC1}", "52:54:00:00:00:02").replace("${FIP0}", "6a1b0000-0000-4000-8000-000000000001")
        .transform(s -> Base64.getEncoder().encode(s.getBytes(StandardCharsets.UTF_8))));
    List<Nic> nics = VmNics.toActOn(vm);
    assertEquals(3, nics.size());
    assertEquals("0", nics.get(0).nicId);
    assertEquals("51.15.0.1", nics.get(0).ip);
    assertEquals("52:54:00:00:00:01", nics.get(0).mac);
    assertEquals("6a1b0000-0000-4000-8000-000000000001", nics.get(0).fipId);
    assertEquals("7", nics.get(0).networkId);
    assertEquals("10.1.0.5", nics.get(1).ip);
    assertNull(nics.get(2).fipId);
    assertFalse(nics.get(0).attach);
  }

  @Test
  void attachYesNarrowsToTheHotPluggedNics() {
    XmlElement vm = vm(CONTEXT
        + "<TEMPLATE><NIC><NIC_ID>0</NIC_ID><IP>51.15.0.1</IP></NIC></TEMPLATE>"
        + "<TEMPLATE><NIC><NIC_ID>1</NIC_ID><IP>51.15.0.2</IP><ATTACH>YES</ATTACH></NIC></TEMPLATE>");
    List<Nic> nics = VmNics.toActOn(vm);
    assertEquals(1, nics.size());
    assertEquals("1", nics.get(0).nicId);
    assertEquals(2, VmNics.all(vm).size());
  }

  @Test
  void nicAliasesCountAndCanBeTheHotPluggedOne() {
    XmlElement vm = vm(CONTEXT
        + "<TEMPLATE><NIC><NIC_ID>0</NIC_ID><IP>51.15.0.1</IP></NIC></TEMPLATE>"
        + "<TEMPLATE><NIC_ALIAS><NIC_ID>1</NIC_ID><PARENT>NIC0</PARENT><IP>51.15.0.9</IP>"
        + "<ATTACH>yes</ATTACH></NIC_ALIAS></TEMPLATE>");
    List<Nic> nics = VmNics.toActOn(vm);
    assertEquals(1, nics.size());
    assertEquals("NIC_ALIAS", nics.get(0).kind);
    assertEquals("NIC_ALIAS 1 (51.15.0.9)", nics.get(0).label());
    assertEquals(2, VmNics.all(vm).size());
  }

  @Test
  void missingAndBlankFieldsAreNull() {
    XmlElement vm = vm(CONTEXT + "<TEMPLATE><NIC><NIC_ID>3</NIC_ID><IP>  </IP><SCW_FLEXIP_ID/></NIC></TEMPLATE>");
    Nic n = VmNics.toActOn(vm).get(0);
    assertNull(n.ip);
    assertNull(n.mac);
    assertNull(n.fipId);
    assertNull(n.networkId);
    assertEquals("NIC 3", n.label());
    assertTrue(OurNics.candidates(List.of(n), true).isEmpty(), "a NIC with nothing to go on cannot be ours");
  }

  @Test
  void aVmWithoutNicsHasNone() {
    assertTrue(VmNics.toActOn(vm(CONTEXT)).isEmpty());
  }

  @Test
  void onlyPublicOrIdentifiedNicsAreCandidates() {
    List<Nic> nics = List.of(
        new Nic("NIC", "0", "10.0.0.1", null, null, null, false),
        new Nic("NIC", "1", "192.168.1.1", null, null, null, false),
        new Nic("NIC", "2", "172.20.0.1", null, null, null, false),
        new Nic("NIC", "3", "100.64.0.1", null, null, null, false),
        new Nic("NIC", "4", "51.15.0.1", null, null, null, false),
        new Nic("NIC", "5", "10.0.0.2", null, "6a1b0000-0000-4000-8000-000000000001", null, false),
        new Nic("NIC", "6", "not-an-ip", null, null, null, false));
    List<Nic> c = OurNics.candidates(nics, true);
    assertEquals(2, c.size());
    assertEquals("4", c.get(0).nicId);
    assertEquals("5", c.get(1).nicId);
    // by default a public address alone proves nothing: any user can lease any address
    List<Nic> strict = OurNics.candidates(nics, false);
    assertEquals(1, strict.size());
    assertEquals("5", strict.get(0).nicId);
  }

  @Test
  void badInputIsOneLineWithoutTheInput() {
    DriverException notB64 = assertThrows(DriverException.class,
        () -> HookInput.parse("<VM>secret</VM>".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("scw-flexip: stdin is not base64 (expected the base64 VM XML)", notB64.getMessage());
    byte[] notXml = Base64.getEncoder().encode("<VM><CONTEXT>secret".getBytes(StandardCharsets.UTF_8));
    DriverException bad = assertThrows(DriverException.class, () -> HookInput.parse(notXml));
    assertTrue(bad.getMessage().startsWith("scw-flexip: the VM XML on stdin is not valid XML"), bad.getMessage());
    assertFalse(bad.getMessage().contains("secret"));
    DriverException empty = assertThrows(DriverException.class, () -> HookInput.parse("\n".getBytes()));
    assertTrue(empty.getMessage().contains("no VM XML on stdin"));
    byte[] doctype = Base64.getEncoder().encode("<!DOCTYPE VM [<!ENTITY x \"y\">]><VM/>".getBytes());
    assertThrows(DriverException.class, () -> HookInput.parse(doctype));
  }

  @Test
  void wrappedBase64IsAccepted() {
    String xml = "<VM><ID>1</ID>" + CONTEXT.repeat(5) + "</VM>";
    String wrapped = Base64.getMimeEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8)) + "\n";
    assertTrue(wrapped.contains("\n"));
    assertEquals("VM", HookInput.parse(wrapped.getBytes(StandardCharsets.US_ASCII)).name);
  }
}
