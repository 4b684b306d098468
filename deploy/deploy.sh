#!/usr/bin/env bash
# Publish a built site (dist/) to any static host, in an order that never shows a reader a half-deployed site:
# content-hashed files first (new pages need them), then everything else, then the service worker last (so
# it never announces pages that are not there yet). Old hashed files are kept (a reader with an open page may
# still load them). Used by .github/workflows/build-deploy.yml; runs the same from any machine or cron job.
#
#   DEPLOY_METHOD=rsync  DEPLOY_TARGET=user@host:/var/www/health/dist   deploy/deploy.sh [dist]
#       over SSH to a server running nginx with deploy/nginx.conf (which sets the cache headers)
#   DEPLOY_METHOD=s3     DEPLOY_BUCKET=s3://bucket[/prefix]  [DEPLOY_ENDPOINT=https://…]  deploy/deploy.sh [dist]
#       any S3-compatible object storage (Aliyun OSS, Tencent COS, Huawei OBS, MinIO, AWS) behind a CDN, with the
#       aws CLI and AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_DEFAULT_REGION) in the environment;
#       Cache-Control is set on each object as in the caching table of docs/deploying.md
set -euo pipefail
DIST="${1:-dist}"
[ -f "${DIST}/index.html" ] || { echo "deploy: no built site in ${DIST}/" >&2; exit 2; }
IMMUTABLE='public, max-age=31536000, immutable'
MEDIA='public, max-age=86400'

case "${DEPLOY_METHOD:-}" in
  rsync)
    : "${DEPLOY_TARGET:?set DEPLOY_TARGET=user@host:/path/to/site}"
    RSYNC=(rsync -rlz --checksum) # SSH options: ~/.ssh/config, or RSYNC_RSH="ssh -i <key>"
    "${RSYNC[@]}" "${DIST}/_astro" "${DIST}/search-index" "${DEPLOY_TARGET%/}/"
    "${RSYNC[@]}" --exclude /sw.js "${DIST}/" "${DEPLOY_TARGET%/}/"
    "${RSYNC[@]}" "${DIST}/sw.js" "${DEPLOY_TARGET%/}/sw.js"
    # Remove pages and files that are gone (withdrawn consent, deleted articles); keep old hashed assets.
    "${RSYNC[@]}" --delete --filter 'P /_astro/**' --filter 'P /search-index/**' "${DIST}/" "${DEPLOY_TARGET%/}/"
    ;;
  s3)
    : "${DEPLOY_BUCKET:?set DEPLOY_BUCKET=s3://bucket[/prefix]}"
    AWS=(aws s3 ${DEPLOY_ENDPOINT:+--endpoint-url "${DEPLOY_ENDPOINT}"})
    B="${DEPLOY_BUCKET%/}"
    "${AWS[@]}" sync "${DIST}/_astro" "${B}/_astro" --cache-control "${IMMUTABLE}"
    "${AWS[@]}" sync "${DIST}/search-index" "${B}/search-index" --cache-control "${IMMUTABLE}" --content-type application/json
    [ -d "${DIST}/media" ] && "${AWS[@]}" sync "${DIST}/media" "${B}/media" --cache-control "${MEDIA}" --delete
    "${AWS[@]}" sync "${DIST}" "${B}" --cache-control no-cache --delete \
      --exclude '_astro/*' --exclude 'search-index/*' --exclude 'media/*' --exclude sw.js \
      --exclude '*.webmanifest' --exclude '*.ics'
    # Types the CLI may not know.
    find "${DIST}" -name '*.webmanifest' -printf '%P\n' | while read -r f; do
      "${AWS[@]}" cp "${DIST}/${f}" "${B}/${f}" --cache-control no-cache --content-type application/manifest+json; done
    "${AWS[@]}" sync "${DIST}" "${B}" --cache-control no-cache --exclude '*' --include '*.ics' --content-type 'text/calendar; charset=utf-8' --delete
    "${AWS[@]}" cp "${DIST}/sw.js" "${B}/sw.js" --cache-control no-cache --content-type 'text/javascript; charset=utf-8'
    echo "deploy: uploaded; purge the CDN's cache of HTML if it ignores no-cache (hashed files need no purge)"
    ;;
  *)
    echo "deploy: set DEPLOY_METHOD to rsync or s3 (see the comment at the top of deploy/deploy.sh)" >&2
    exit 2
    ;;
esac
echo "deploy: done (${DEPLOY_METHOD})"
