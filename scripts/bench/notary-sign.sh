#!/usr/bin/env bash
# The notary CLI's side of `npm run bench`: what a CI script must do to sign tags that are already
# in the registry without dct-sign. For each tag, one manifest HEAD with curl (the registry's
# Docker-Content-Digest and Content-Length are the digest and size DCT signs), then
# `notary addhash` into the delegation; then one `notary publish`.
#
# Usage: notary-sign.sh REGISTRY REPOSITORY GUN ROLE TAGS_FILE
# Environment: NOTARY_SERVER, NOTARY_TRUST_DIR, NOTARY_CA, and the NOTARY_*_PASSPHRASE variables.
# The headers are parsed with bash builtins (no awk/grep per tag): the leanest form such a script
# takes. Prints the wall time of each phase, in microseconds, on its last line.
set -euo pipefail
registry=$1 repository=$2 gun=$3 role=$4 tags_file=$5
notary=(notary -s "$NOTARY_SERVER" -d "$NOTARY_TRUST_DIR" --tlscacert "$NOTARY_CA")
accept='application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json'
accept+=', application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json'
now() { now=${EPOCHREALTIME//[!0-9]/}; }

lookup_us=0 addhash_us=0 count=0
while read -r tag; do
  [[ -n $tag ]] || continue
  now; t0=$now
  headers=$(curl -sSfI -H "Accept: $accept" "http://$registry/v2/$repository/manifests/$tag")
  digest='' size=''
  while IFS=':' read -r name value; do
    value=${value//[$' \r']/}
    case ${name,,} in
      docker-content-digest) digest=$value ;;
      content-length) size=$value ;;
    esac
  done <<<"$headers"
  [[ $digest == sha256:* && -n $size ]] || { echo "no digest or size for $repository:$tag" >&2; exit 1; }
  now; t1=$now
  "${notary[@]}" addhash "$gun" "$tag" "$size" --sha256 "${digest#sha256:}" -r "$role" >/dev/null
  now; t2=$now
  lookup_us=$((lookup_us + t1 - t0)) addhash_us=$((addhash_us + t2 - t1)) count=$((count + 1))
done <"$tags_file"
now; t3=$now
"${notary[@]}" publish "$gun" >/dev/null
now
echo "tags=$count lookup_us=$lookup_us addhash_us=$addhash_us publish_us=$((now - t3))"
