#!/bin/bash
# Entrypoint of the silo image.
#
# The silo binds and advertises one address (RobustGrid:AdvertisedAddress); listening on 0.0.0.0 is not
# supported, and the default 127.0.0.1 is unreachable from other containers. Unless the address is given
# (Kubernetes passes the pod IP), this finds the container's own IPv4 address and exports it.
#
#   robustgrid-silo-entrypoint [silo arguments]   start the silo; arguments go to the host (--Section:Key=value)
#   robustgrid-silo-entrypoint --probe            exit 0 when the gateway port accepts a connection (HEALTHCHECK)
set -euo pipefail

container_address() {
  local name="${HOSTNAME:-$(cat /etc/hostname)}" candidates="" address
  # Docker and Kubernetes map the container's hostname to its IP in /etc/hosts (getent reads it); the
  # hostname tool, where the image has it, is the fallback.
  candidates="$(getent ahostsv4 "$name" 2>/dev/null | awk '{ print $1 }')" || true
  if command -v hostname >/dev/null 2>&1; then
    candidates+=" $(hostname -i 2>/dev/null) $(hostname -I 2>/dev/null)" || true
  fi
  for address in $candidates; do
    if [[ "$address" =~ ^[0-9]+(\.[0-9]+){3}$ && "$address" != 127.* ]]; then
      printf '%s\n' "$address"
      return 0
    fi
  done
  echo "robustgrid-silo: cannot find this container's IPv4 address; set RobustGrid__AdvertisedAddress" >&2
  return 1
}

address="${RobustGrid__AdvertisedAddress:-}"
if [[ -z "$address" || "$address" == auto ]]; then
  address="$(container_address)"
fi

if [[ "${1:-}" == --probe ]]; then
  # bash opens the TCP connection itself: the .NET images have no curl or nc.
  exec 3<>"/dev/tcp/${address}/${RobustGrid__GatewayPort:-30000}"
  exit 0
fi

export RobustGrid__AdvertisedAddress="$address"
echo "robustgrid-silo: advertising and binding ${address}"
exec dotnet /app/robustgrid-silo.dll "$@"
