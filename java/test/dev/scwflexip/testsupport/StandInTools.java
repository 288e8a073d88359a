package dev.scwflexip.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Stand-ins for OpenNebula's command-line tools ({@code onezone}, {@code onevnet}, …) in a
 * directory a test puts alone on PATH: each prints a fixed text and appends its arguments to
 * {@code <dir>/calls}. Nothing else is on that PATH, so the driver runs them directly (no
 * runuser) and they use shell builtins and absolute paths only.
 */
public final class StandInTools {
  private StandInTools() {}

  /** Writes {@code <bin>/<name>} printing {@code stdout} and exiting with {@code rc}. */
  public static Path tool(Path bin, String name, String stdout, int rc) throws IOException {
    Files.createDirectories(bin);
    Path p = bin.resolve(name);
    Files.writeString(p, "#!/bin/sh\necho \"" + name + " $*\" >> '" + bin.resolve("calls") + "'\n"
        + "/bin/cat <<'STANDIN_EOF'\n" + stdout + "\nSTANDIN_EOF\nexit " + rc + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  /** What the stand-ins in {@code bin} were called with, one line per call; empty when none. */
  public static String calls(Path bin) throws IOException {
    Path calls = bin.resolve("calls");
    return Files.exists(calls) ? Files.readString(calls) : "";
  }

  /** {@code onezone show -x 0} of a zone with the given servers: name and Raft state pairs. */
  public static String zone(String... nameAndState) {
    StringBuilder x = new StringBuilder("<ZONE><ID>0</ID><NAME>OpenNebula</NAME><STATE>0</STATE><TEMPLATE>"
        + "<ENDPOINT><![CDATA[http://localhost:2633/RPC2]]></ENDPOINT></TEMPLATE><SERVER_POOL>");
    for (int i = 0; i + 1 < nameAndState.length; i += 2) {
      x.append("<SERVER><ENDPOINT><![CDATA[http://10.0.0.").append(i + 1).append(":2633/RPC2]]></ENDPOINT><ID>")
          .append(i / 2).append("</ID><NAME><![CDATA[").append(nameAndState[i]).append("]]></NAME><STATE>")
          .append(nameAndState[i + 1]).append("</STATE><TERM>4</TERM><VOTEDFOR>0</VOTEDFOR><COMMIT>120</COMMIT>"
              + "<LOG_INDEX>120</LOG_INDEX><FEDLOG_INDEX>-1</FEDLOG_INDEX></SERVER>");
    }
    return x.append("</SERVER_POOL></ZONE>").toString();
  }
}
