package dev.scwflexip.cli;

import dev.scwflexip.base.Command;
import dev.scwflexip.base.ExitCode;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.config.Config;
import dev.scwflexip.ipam.AddressActions;
import dev.scwflexip.journal.Journal;
import dev.scwflexip.journal.JournalEntry;
import dev.scwflexip.one.IpamMessage;
import dev.scwflexip.scaleway.ScalewayClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The training run for the class-data-sharing archives the role builds
 * ({@code java -XX:ArchiveClassesAtExit=… -jar scw-flexip.jar warmup [--ipam-only]}). Without
 * options it walks the IPAM, config, journal, XML and HTTP-client code paths offline, so their
 * classes are archived; it makes no network call. With {@code --ipam-only} it walks only the
 * path of get_address, allocate_address and free_address: the JVM relocates the whole archive
 * at every start, so the archive those three use (oned runs them one at a time, and a burst of
 * VM creations waits for each) is kept as small as their path.
 */
final class WarmupCommand implements Command {
  static final String SAMPLE = "<IPAM_DRIVER_ACTION_DATA><AR><AR_ID>0</AR_ID><IP>192.0.2.10</IP>"
      + "<IPAM_MAD>scw-flexip</IPAM_MAD><MAC>52:54:00:00:02:0a</MAC><SIZE>1</SIZE><TYPE>IP4</TYPE>"
      + "<MAC_END>52:54:00:00:02:0a</MAC_END><IP_END>192.0.2.10</IP_END><USED_LEASES>0</USED_LEASES></AR>"
      + "<ADDRESS><MAC>52:54:00:00:02:0a</MAC><IP>192.0.2.10</IP><SIZE>1</SIZE></ADDRESS></IPAM_DRIVER_ACTION_DATA>";

  @Override
  public String name() {
    return "warmup";
  }

  @Override
  public String summary() {
    return "run the code paths offline (the training run for the class-data-sharing archives)";
  }

  @Override
  public int run(Invocation inv, String[] args) throws IOException {
    boolean ipamOnly = args.length == 1 && args[0].equals("--ipam-only");
    if (args.length > 0 && !ipamOnly) {
      inv.out.println("usage: scw-flexip warmup [--ipam-only]\n\nRuns the driver's code paths offline, with no API"
          + " call; used to build the class-data-sharing archives. --ipam-only: only the path of get_address,"
          + " allocate_address and free_address.");
      return args[0].equals("--help") || args[0].equals("-h") ? ExitCode.OK : ExitCode.USAGE;
    }
    byte[] stdin = Base64.getEncoder().encode(SAMPLE.getBytes(StandardCharsets.UTF_8));
    int bytes = 0;
    // the exact path one_ipam takes, through Main, so every class it touches is archived
    for (String action : new String[] {"get_address", "allocate_address", "free_address"}) {
      java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
      java.io.PrintStream ps = new java.io.PrintStream(sink, true, StandardCharsets.UTF_8);
      new Main(new java.io.ByteArrayInputStream(stdin), ps, ps, inv.env()).run("ipam", action, "0");
      bytes += sink.size();
    }
    if (ipamOnly) {
      inv.out.println("warm-up of the IPAM fast path done (" + bytes + ")");
      return ExitCode.OK;
    }
    IpamMessage m = IpamMessage.decode(stdin);
    bytes += AddressActions.getAddress(m).length();

    Path dir = Files.createTempDirectory("scw-flexip-warmup");
    try {
      Config config = Config.parse(dir.resolve("config.json"), "{\"project_id\":"
          + "\"00000000-0000-4000-8000-000000000000\",\"token_file\":\"" + dir.resolve("token") + "\","
          + "\"state_file\":\"" + dir.resolve("journal.json") + "\",\"dns\":[\"192.0.2.53\"]}");
      Journal journal = new Journal(config.stateFile, 1000);
      journal.update(entries -> entries.add(JournalEntry.beginCreate("warmup", config.zone, Journal.now())));
      bytes += journal.entries().size();
      ScalewayClient.warmUp();
    } finally {
      try (java.util.stream.Stream<Path> s = Files.list(dir)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
    inv.out.println("warm-up done (" + bytes + ")");
    return ExitCode.OK;
  }
}
