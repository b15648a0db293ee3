#!/usr/bin/env bash
# Make a local certificate authority and a server certificate for this machine's LAN names,
# so phones on the same network can use camera, service worker and passkeys over HTTPS.
# Usage: config/tls.sh [extra-hostname ...]    Output: var/tls/{ca.crt,server.crt,server.key}
set -euo pipefail
cd "$(dirname "$0")/.."
dir=var/tls
mkdir -p "$dir"
if [ ! -f "$dir/ca.key" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=Stocktap local CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" >/dev/null 2>&1
fi
host=$(hostname)
sans="DNS:localhost,DNS:${host},DNS:${host}.local,IP:127.0.0.1"
for ip in $(hostname -I 2>/dev/null || true); do
  case "$ip" in *:*) ;; *) sans="$sans,IP:$ip" ;; esac
done
for extra in "$@"; do sans="$sans,DNS:$extra"; done
openssl req -newkey rsa:2048 -nodes -subj "/CN=${host}.local" \
  -keyout "$dir/server.key" -out "$dir/server.csr" >/dev/null 2>&1
printf "subjectAltName=%s\nextendedKeyUsage=serverAuth\n" "$sans" > "$dir/server.ext"
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
  -days 397 -extfile "$dir/server.ext" -out "$dir/server.crt" >/dev/null 2>&1
echo "certificate for: $sans"
echo "install $dir/ca.crt on each phone once (it is also served at /ca.crt while running)"
