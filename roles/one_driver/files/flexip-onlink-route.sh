#!/bin/sh
# Guest start script for VMs on scw-flexip networks (OpenNebula context START_SCRIPT).
#
# A Flexible IP comes as a /32 with the gateway 62.210.0.1 outside it. Some guest network
# renderers (netplan, systemd-networkd) then install no default route, because nothing marks
# the gateway as on the link. For every context NIC with a /32 address and a gateway, this adds
# a link route to the gateway and the default route through it, on the interface with the NIC's
# MAC. It changes nothing else and can run at every boot. See docs/guests.md.
set -u

for env in /run/one-context/one_env /var/run/one-context/one_env /tmp/one_env; do
  if [ -r "$env" ]; then
    . "$env"
    break
  fi
done

i=0
while [ "$i" -lt 16 ]; do
  eval "mac=\${ETH${i}_MAC:-} mask=\${ETH${i}_MASK:-} gw=\${ETH${i}_GATEWAY:-}"
  [ -n "$mac" ] || break
  if [ "$mask" = "255.255.255.255" ] && [ -n "$gw" ]; then
    mac=$(printf '%s' "$mac" | tr 'A-F' 'a-f')
    dev=$(ip -o link | awk -v mac="$mac" '{ for (f = 1; f < NF; f++) if ($f == "link/ether" && $(f + 1) == mac) { sub(/:$/, "", $2); sub(/@.*/, "", $2); print $2 } }')
    if [ -n "$dev" ]; then
      ip route replace "$gw" dev "$dev" scope link
      ip route replace default via "$gw" dev "$dev" onlink
    fi
  fi
  i=$((i + 1))
done
exit 0
