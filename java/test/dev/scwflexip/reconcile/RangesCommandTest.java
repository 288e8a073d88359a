package dev.scwflexip.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scwflexip.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The list the role's uninstall reads: which of OpenNebula's ranges still use the driver. */
class RangesCommandTest {
  @TempDir Path dir;
  String out;
  String err;

  int ranges(String ipamName, String... args) throws Exception {
    Path cfg = dir.resolve("config.json");
    Files.writeString(cfg, "{\"project_id\":\"11111111-2222-4333-8444-555555555555\",\"token_file\":\"/t\","
        + "\"ipam_name\":\"" + ipamName + "\",\"managed_by\":\"the one_driver role; edits here are overwritten\"}");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    String[] argv = new String[args.length + 3];
    argv[0] = "--config";
    argv[1] = cfg.toString();
    argv[2] = "ranges";
    System.arraycopy(args, 0, argv, 3, args.length);
    int rc = new Main(new ByteArrayInputStream(new byte[0]), new PrintStream(o, true), new PrintStream(e, true),
        Map.of("PATH", "/nonexistent")).run(argv);
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return rc;
  }

  Path pool() throws Exception {
    return Files.writeString(dir.resolve("pool.xml"), "<VNET_POOL>"
        + "<VNET><ID>4</ID><NAME>pub</NAME><AR_POOL><AR><AR_ID>0</AR_ID><IP>51.15.0.7</IP><IPAM_MAD>flexip</IPAM_MAD>"
        + "<SCW_FLEXIP_ID>6a1b0000-0000-4000-8000-000000000001</SCW_FLEXIP_ID></AR>"
        + "<AR><AR_ID>1</AR_ID><IP>10.0.0.1</IP></AR></AR_POOL></VNET>"
        + "<VNET><ID>5</ID><NAME>lan</NAME><AR_POOL><AR><AR_ID>0</AR_ID><IP>192.168.0.1</IP></AR></AR_POOL></VNET>"
        + "</VNET_POOL>");
  }

  @Test
  void listsTheRangesOfTheConfiguredName() throws Exception {
    assertEquals(0, ranges("flexip", "--format", "json", "--one-xml", pool().toString()), err);
    JsonObject o = JsonParser.parseString(out).getAsJsonObject();
    assertEquals(1, o.getAsJsonArray("ranges").size());
    assertEquals("VNET 4 (pub) AR 0", o.getAsJsonArray("ranges").get(0).getAsJsonObject().get("where").getAsString());
    assertEquals(0, ranges("scw-flexip", "--format", "json", "--one-xml", pool().toString()), err);
    assertEquals(0, JsonParser.parseString(out).getAsJsonObject().getAsJsonArray("ranges").size());
    assertEquals(0, ranges("flexip", "--one-xml", pool().toString()), err);
    assertTrue(out.contains("1 range uses flexip"), out);
  }

  @Test
  void withoutOpenNebulasViewItFailsRatherThanSayNone() throws Exception {
    assertEquals(1, ranges("scw-flexip", "--format", "json"));
    assertEquals(1, err.strip().lines().count(), err);
    assertTrue(err.contains("no OpenNebula view"), err);
  }
}
