#!/usr/bin/env python3
"""Start-up benchmark: `scw-flexip ipam get_address` against the floor for any JVM tool.

oned runs one IPAM action at a time, so a burst of VM creations waits N x the time of one
get_address. This measures whole processes, as one_ipam runs them:

  floor  = a class-data-shared hello-world that reads stdin and base64-decodes it
  driver = java ... -cp target/scw-flexip.jar dev.scwflexip.cli.Main ipam get_address 7
           (same stdin; exactly how the role's launcher starts it)

Both get their own AppCDS archive (made by a training run, as the role does: the driver's is
the small one the launcher uses for the three fast actions, `warmup --ipam-only`) and the JVM
flags of the role's launcher. Runs alternate floor/driver so machine noise hits both alike.
Prints every run, the medians and the ratio driver/floor (target: at most 1.2).

With --java and --cache the same comparison runs on another JDK and start-up cache:
  cds   a dynamic class-data-sharing archive made by a training run (-XX:ArchiveClassesAtExit,
        then -XX:SharedArchiveFile): what the launcher uses on JDK 17 and later
  auto  -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile (JDK 19+): the JVM makes the archive
        itself on the first run and remakes it when stale
  aot   the JDK 25 AOT cache (-XX:AOTCacheOutput on the training run, then -XX:AOTCache)

Usage: python3 java/bench/startup_bench.py [--runs N] [--java PATH] [--cache cds|auto|aot]
       (after mvn -DskipTests package)
"""
import argparse, base64, os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "target", "scw-flexip.jar")
# The flags of the role's launcher (roles/one_driver), minus the archive path.
FLAGS = ["-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xss512k", "-Xmx96m",
         "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr"]
MAIN = "dev.scwflexip.cli.Main"  # the launcher names the main class: -jar would read the manifest
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
    """Wall time and CPU time (user + system, from the child's rusage) of one whole process, in ms."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdin.write(stdin)
    p.stdin.close()
    out, err = p.stdout.read(), p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = (time.perf_counter() - t) * 1000
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), err.decode()))
    return elapsed, out, (usage.ru_utime + usage.ru_stime) * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--java", default="java", help="the java command to measure (default: java on PATH)")
    ap.add_argument("--cache", choices=["cds", "auto", "aot"], default="cds")
    args = ap.parse_args()
    java = args.java
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

    floor_cache, driver_cache = os.path.join(work, "floor.cache"), os.path.join(work, "driver.cache")
    # a training run per program (the driver's is the one the role makes for the three fast
    # actions: warmup --ipam-only), then the flags that use what it made
    train = {"cds": lambda c: ["-XX:ArchiveClassesAtExit=" + c],
             "auto": lambda c: ["-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + c],
             "aot": lambda c: ["-XX:AOTCacheOutput=" + c]}[args.cache]
    use = {"cds": lambda c: ["-Xshare:auto", "-XX:SharedArchiveFile=" + c],
           "auto": lambda c: ["-Xshare:auto", "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + c],
           "aot": lambda c: ["-XX:AOTCache=" + c]}[args.cache]
    flags = FLAGS[1:]  # -Xshare:auto comes with the cache flags above
    subprocess.run([java] + train(floor_cache) + flags + ["-cp", floor_jar, "Floor"], input=stdin,
                   check=True, capture_output=True)
    subprocess.run([java] + train(driver_cache) + flags + ["-cp", JAR, MAIN, "warmup", "--ipam-only"],
                   check=True, capture_output=True)
    floor = [java] + use(floor_cache) + flags + ["-cp", floor_jar, "Floor"]
    driver = [java] + use(driver_cache) + flags + ["-cp", JAR, MAIN, "ipam", "get_address", "7"]
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()
    print("java: %s; cache: %s" % (" / ".join(version[:2]), args.cache))

    _, out, _ = run(driver, stdin)
    if b'IP = "51.15.0.10"' not in out:
        sys.exit("get_address printed an unexpected reply: %r" % out)
    for _ in range(3):  # warm the page cache
        run(floor, stdin)
        run(driver, stdin)
    fl, dr, flc, drc = [], [], [], []
    for i in range(args.runs):
        w, _, c = run(floor, stdin)
        fl.append(w)
        flc.append(c)
        w, _, c = run(driver, stdin)
        dr.append(w)
        drc.append(c)
        print("run %2d  floor %6.1f ms (cpu %5.1f)   get_address %6.1f ms (cpu %5.1f)" % (i + 1, fl[-1], flc[-1], dr[-1], drc[-1]))
    mf, md = statistics.median(fl), statistics.median(dr)
    print("median wall  floor %6.1f ms   get_address %6.1f ms   ratio %.2f (target <= 1.20)" % (mf, md, md / mf))
    mfc, mdc = statistics.median(flc), statistics.median(drc)
    print("median cpu   floor %6.1f ms   get_address %6.1f ms   ratio %.2f (user+system; less sensitive to a busy machine)"
          % (mfc, mdc, mdc / mfc))
    print("flags: " + " ".join(use("CACHE") + flags))


if __name__ == "__main__":
    main()
