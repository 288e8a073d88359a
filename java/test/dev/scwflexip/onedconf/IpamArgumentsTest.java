package dev.scwflexip.onedconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpamArgumentsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "-t 1 -i dummy,aws,equinix,vultr          | -t 1 -i dummy,aws,equinix,vultr,scw-flexip",
    "-t 1 -i dummy,aws,equinix,vultr,scaleway | -t 1 -i dummy,aws,equinix,vultr,scaleway,scw-flexip",
    "-i dummy -t 1                            | -i dummy,scw-flexip -t 1",
    "-t 1 -i dummy,scw-flexip,aws             | -t 1 -i dummy,scw-flexip,aws",
    "-t 1 -i dummy, aws                       | -t 1 -i dummy,aws,scw-flexip",
    "-t 1 -i dummy ,aws -w 5                  | -t 1 -i dummy,aws,scw-flexip -w 5",
    "-t 1 -i dummy,,aws,                      | -t 1 -i dummy,aws,scw-flexip",
    "-t 1 -i dummy, scw-flexip                | -t 1 -i dummy,scw-flexip",
    "-t 1 -idummy                             | -t 1 -idummy,scw-flexip",
    "--ipam-types=dummy                       | --ipam-types=dummy,scw-flexip",
    "-i first -t 1 -i last                    | -i first -t 1 -i last,scw-flexip",
    "-t 1                                     | -t 1",
    "-t 1 -i scw-flexip-old                   | -t 1 -i scw-flexip-old,scw-flexip",
  })
  void ensuresTheDriverInTheList(String before, String after) {
    assertEquals(after, IpamArguments.ensureDriver(before, "scw-flexip").arguments());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "-t 1 -i dummy, aws | repaired",
    "-t 1 -i dummy,scw-flexip | already",
    "-t 1 | every driver directory",
  })
  void saysWhatItDid(String arguments, String expected) {
    assertTrue(IpamArguments.ensureDriver(arguments, "scw-flexip").messages().get(0).contains(expected));
  }

  @ParameterizedTest
  @CsvSource({"-t 1 -i", "-i"})
  void refusesAnOptionWithoutAList(String arguments) {
    assertThrows(IllegalArgumentException.class, () -> IpamArguments.ensureDriver(arguments, "scw-flexip"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "-t 1 -i dummy,aws,equinix,vultr,scw-flexip   | -t 1 -i dummy,aws,equinix,vultr",
    "-i dummy,scw-flexip -t 1                     | -i dummy -t 1",
    "-t 1 -i scw-flexip,dummy                     | -t 1 -i dummy",
    "-t 1 -i dummy,scw-flexip,aws                 | -t 1 -i dummy,aws",
    "-t 1 -i dummy, scw-flexip, aws               | -t 1 -i dummy, aws",
    "-t 1 -i scw-flexip,dummy,scw-flexip          | -t 1 -i dummy",
    "--ipam-types=dummy,scw-flexip                | --ipam-types=dummy",
    "-t 1 -i dummy,scw-flexip-old                 | -t 1 -i dummy,scw-flexip-old",
    "-t 1 -i scw-flexip                           | -t 1 -i scw-flexip",
    "-t 1                                         | -t 1",
  })
  void removesTheDriverAndOneCommaOnly(String before, String after) {
    assertEquals(after, IpamArguments.removeDriver(before, "scw-flexip").arguments());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "-t 1 -i dummy,aws,equinix,vultr",
    "-t 1 -i dummy,aws,equinix,vultr,scaleway",
    "-i dummy -t 1",
    "-t 1 -idummy",
    "--ipam-types=dummy",
    "-i first -t 1 -i last",
  })
  void removeUndoesEnsure(String arguments) {
    assertEquals(arguments, IpamArguments.removeDriver(IpamArguments.ensureDriver(arguments, "scw-flexip").arguments(),
        "scw-flexip").arguments());
  }
}
