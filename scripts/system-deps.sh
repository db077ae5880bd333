#!/usr/bin/env bash
# What the tests need beyond npm: Jupyter (to execute the notebooks through a real kernel, and the
# classic Notebook, which test/notebooks drives in a browser as `npm run notebooks` starts it) and
# Chromium (to test the site and the notebooks in a real browser) and Apache (to test the site as
# a web space hosts it), all from Debian's packages. Installs them when
# they are missing and this is a Debian machine where we are root; otherwise says in one line
# what to install and exits 1. Called by `npm test` (and so by .ci/run).
set -euo pipefail

PACKAGES=(jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-notebook chromium bubblewrap apache2-bin)

missing=()
/usr/bin/python3 -c "import nbclient, nbformat, jupyter_client" >/dev/null 2>&1 \
  || missing+=(jupyter-nbconvert python3-nbclient python3-ipykernel)
/usr/bin/python3 -c "import notebook.notebookapp" >/dev/null 2>&1 || missing+=(jupyter-notebook)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# Apache's binary alone (no service, no Debian config): the site as a course's web space serves it,
# with the site's .htaccess (test/site/apache-hosting.e2e.test.ts, scripts/site/apache.mjs).
[ -x /usr/sbin/apache2 ] || missing+=(apache2-bin)
# Jupyter Notebook's own math finder is the site tests' oracle for what a notebook shows.
[ -f /usr/lib/python3/dist-packages/notebook/static/base/js/mathjaxutils.js ] || missing+=(jupyter-notebook)
# bubblewrap: the grader's OS sandbox (src/grader/sandbox/os-layers-node.ts). Optional: without it
# the grader falls back to unshare or to a weaker sandbox and says so; installed when we can.
if [ ! -x /usr/bin/bwrap ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then missing+=(bubblewrap); fi
[ ${#missing[@]} -eq 0 ] && exit 0
mapfile -t missing < <(printf "%s\n" "${missing[@]}" | awk '!seen[$0]++')

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "== installing ${missing[*]} from Debian (needed by the notebook and browser tests)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "descent: the tests need ${missing[*]}; install them with: sudo apt-get install --no-install-recommends ${PACKAGES[*]}" >&2
exit 1
