#!/usr/bin/env python3
"""Start-up benchmark: `scw-flexip ipam get_address` against the floor for any JVM tool.

oned runs one IPAM action at a time, so a burst of VM creations waits N x the time of one
get_address. This measures whole processes, as one_ipam runs them:

  floor  = a class-data-shared hello-world that reads stdin and base64-decodes it
  driver = java ... -jar target/scw-flexip.jar ipam get_address 7  (same stdin)

Both get their own AppCDS archive (made by a training run, as the role does) and the JVM
flags of the role's launcher. Runs alternate floor/driver so machine noise hits both alike.
Prints every run, the medians and the ratio driver/floor (target: at most 1.2).

Usage: python3 java/bench/startup_bench.py [--runs N]   (after mvn -DskipTests package)
"""
import argparse, base64, os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "target", "scw-flexip.jar")
# The flags of the role's launcher (roles/one_driver), minus the archive path.
FLAGS = ["-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xss512k", "-Xmx96m"]
FLOOR_SRC = """
import java.util.Base64;
public final class Floor {
  public static void main(String[] args) throws Exception {
    byte[] in = System.in.readAllBytes();
    byte[] xml = Base64.getDecoder().decode(new String(in, "US-ASCII").strip());
    System.out.println(xml.length);
  }
}
"""
MESSAGE = ("<IPAM_DRIVER_ACTION_DATA><AR><AR_ID>0</AR_ID><IP>51.15.0.10</IP><IPAM_MAD>scw-flexip</IPAM_MAD>"
           "<MAC>52:54:00:12:34:56</MAC><SCW_FLEXIP_CREATED>YES</SCW_FLEXIP_CREATED>"
           "<SCW_FLEXIP_ID>6a1b0000-0000-4000-8000-000000000001</SCW_FLEXIP_ID><SCW_FLEXIP_ZONE>fr-par-1</SCW_FLEXIP_ZONE>"
           "<SIZE>1</SIZE><TYPE>IP4</TYPE><MAC_END>52:54:00:12:34:56</MAC_END><IP_END>51.15.0.10</IP_END>"
           "<USED_LEASES>0</USED_LEASES></AR><ADDRESS><SIZE>1</SIZE></ADDRESS></IPAM_DRIVER_ACTION_DATA>")


def run(cmd, stdin):
    t = time.perf_counter()
    r = subprocess.run(cmd, input=stdin, capture_output=True)
    elapsed = (time.perf_counter() - t) * 1000
    if r.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), r.stderr.decode()))
    return elapsed, r.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    if not os.path.exists(JAR):
        sys.exit("target/scw-flexip.jar not found: run mvn -B -DskipTests package first")
    work = tempfile.mkdtemp(prefix="startup-bench-")
    with open(os.path.join(work, "Floor.java"), "w") as f:
        f.write(FLOOR_SRC)
    classes = os.path.join(work, "classes")
    subprocess.run(["javac", "-d", classes, os.path.join(work, "Floor.java")], check=True)
    floor_jar = os.path.join(work, "floor.jar")  # CDS archives classes from JARs, not directories
    subprocess.run(["jar", "--create", "--file", floor_jar, "-C", classes, "."], check=True)
    stdin = base64.b64encode(MESSAGE.encode())  # no trailing newline, as one_ipam sends it

    floor_jsa, driver_jsa = os.path.join(work, "floor.jsa"), os.path.join(work, "driver.jsa")
    subprocess.run(["java", "-XX:ArchiveClassesAtExit=" + floor_jsa, "-cp", floor_jar, "Floor"], input=stdin,
                   check=True, capture_output=True)
    subprocess.run(["java", "-XX:ArchiveClassesAtExit=" + driver_jsa, "-jar", JAR, "warmup"],
                   check=True, capture_output=True)
    floor = ["java", "-XX:SharedArchiveFile=" + floor_jsa] + FLAGS + ["-cp", floor_jar, "Floor"]
    driver = ["java", "-XX:SharedArchiveFile=" + driver_jsa] + FLAGS + ["-jar", JAR, "ipam", "get_address", "7"]

    _, out = run(driver, stdin)
    if b'IP = "51.15.0.10"' not in out:
        sys.exit("get_address printed an unexpected reply: %r" % out)
    for _ in range(3):  # warm the page cache
        run(floor, stdin)
        run(driver, stdin)
    fl, dr = [], []
    for i in range(args.runs):
        fl.append(run(floor, stdin)[0])
        dr.append(run(driver, stdin)[0])
        print("run %2d  floor %6.1f ms   get_address %6.1f ms" % (i + 1, fl[-1], dr[-1]))
    mf, md = statistics.median(fl), statistics.median(dr)
    print("median  floor %6.1f ms   get_address %6.1f ms   ratio %.2f (target <= 1.20)" % (mf, md, md / mf))
    print("flags: " + " ".join(FLAGS))


if __name__ == "__main__":
    main()
