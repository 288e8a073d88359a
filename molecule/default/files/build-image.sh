#!/bin/sh
# Build the Debian bookworm image the Molecule scenario runs its three hosts from, once.
# Idempotent: exits at once when the image already exists in the scenario's podman storage.
#
#   molecule/default/files/build-image.sh            # as root
#
# Needs (Debian packages): podman runc debootstrap (and a reachable Debian mirror).
# Environment:
#   SCW_FLEXIP_TEST_IMAGE      image name (default localhost/scw-flexip-bookworm:1)
#   SCW_FLEXIP_DEBIAN_MIRROR   mirror URL (default: the first deb.debian.org-style URI in
#                              /etc/apt/sources.list or /etc/apt/sources.list.d/*.sources)
#   CONTAINERS_CONF, CONTAINERS_STORAGE_CONF  default to the files next to this script
#
# The JRE (openjdk-17-jre-headless) is pre-installed so a run does not depend on the mirror
# after the image exists and converge stays fast; the role's package task then reports "ok".
set -eu

here=$(cd "$(dirname "$0")" && pwd)
: "${CONTAINERS_CONF:=$here/containers.conf}"
: "${CONTAINERS_STORAGE_CONF:=$here/storage.conf}"
export CONTAINERS_CONF CONTAINERS_STORAGE_CONF
image=${SCW_FLEXIP_TEST_IMAGE:-localhost/scw-flexip-bookworm:1}

if podman image exists "$image"; then
  echo "build-image: $image already present"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "build-image: must run as root (debootstrap, rootful podman)" >&2
  exit 1
fi

mirror=${SCW_FLEXIP_DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  # deb822 files first (Debian 12 default), then the one-line format.
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    mirror=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' "$f")
    [ -n "$mirror" ] && break
  done
fi
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
  mirror=$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list)
fi
mirror=${mirror:-http://deb.debian.org/debian}

work=$(mktemp -d /var/tmp/scw-flexip-rootfs.XXXXXX)
trap 'umount -l "$work/rootfs/proc" 2>/dev/null || true; rm -rf "$work"' EXIT INT TERM
echo "build-image: debootstrap bookworm from $mirror into $work/rootfs (a few minutes)"
start=$(date +%s)
debootstrap --variant=minbase \
  --include=python3,python3-apt,sudo,iproute2,rsync,procps,ca-certificates,openjdk-17-jre-headless \
  bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || {
    tail -n 40 "$work/debootstrap.log" >&2
    echo "build-image: debootstrap failed" >&2
    exit 1
  }
rootfs=$work/rootfs
# Slim the image (vfs copies the whole tree for each container).
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*
# apt inside the containers uses the same mirror (the role may install packages).
printf 'deb %s bookworm main\n' "$mirror" >"$rootfs/etc/apt/sources.list"
# No daemons are started by package installs in the containers.
printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d"
chmod 0755 "$rootfs/usr/sbin/policy-rc.d"
echo "build-image: importing as $image"
tar -C "$rootfs" --numeric-owner -c . | podman import \
  --change 'CMD ["sleep", "infinity"]' --change 'ENV LANG=C.UTF-8' - "$image" >/dev/null
echo "build-image: $image built in $(( $(date +%s) - start )) s"
