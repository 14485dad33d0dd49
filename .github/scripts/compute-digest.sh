#!/usr/bin/env bash
# Works out one pull request's roadmap change digest with the default branch's own tool.
#
# Run by .github/workflows/commentaire-resume.yml (and by tests/test_workflows.py) at the top
# of a checkout of the default branch, where `roadmap` is installed from that checkout. The
# pull request's commits are fetched into refs of their own and read as data: never checked
# out, installed nor run. `roadmap diff` reads the roadmap files from git's objects.
#
# Environment:
#   PR_NUMBER    the pull request's number, found from GitHub's metadata of the run
#   HEAD_SHA     the commit the verification checked
#   BASE_REF     the branch the pull request targets
#   DIGEST_DIR   where to write resume.md, and `inchange` when roadmap/ is left alone
#   FETCH_TOKEN  (optional) the job's token, for a private repository: given to the one
#                `git fetch` below, as actions/checkout gives it, and to nothing else
#
# Exits 0 once the digest is written, a version that does not validate included (the digest
# says so); any other status means nothing is to be posted.
set -euo pipefail

token="${FETCH_TOKEN-}"
unset FETCH_TOKEN

fail() {
  echo "::error::$1"
  exit 1
}

[[ "${PR_NUMBER-}" =~ ^[1-9][0-9]{0,9}$ ]] || fail "Numéro de demande de fusion invalide."
[[ "${HEAD_SHA-}" =~ ^[0-9a-f]{40}$ ]] || fail "Commit vérifié invalide."
git check-ref-format "refs/heads/${BASE_REF-}" || fail "Branche cible invalide."
[ -n "${DIGEST_DIR-}" ] || fail "DIGEST_DIR n'est pas défini."

export GIT_TERMINAL_PROMPT=0
head_ref=refs/roadmap-digest/head
base_ref=refs/roadmap-digest/base
refspecs=("+refs/pull/$PR_NUMBER/head:$head_ref" "+refs/heads/$BASE_REF:$base_ref")
fetch=(git fetch --quiet --no-tags --no-recurse-submodules origin "${refspecs[@]}")
if [ -n "$token" ]; then
  basic="$(printf 'x-access-token:%s' "$token" | base64 | tr -d '\n')"
  echo "::add-mask::$basic"
  # The header for this command only, through its environment (not its command line, which
  # other processes can read), and only towards this GitHub server.
  GIT_CONFIG_COUNT=1 \
    GIT_CONFIG_KEY_0="http.${GITHUB_SERVER_URL:-https://github.com}/.extraheader" \
    GIT_CONFIG_VALUE_0="AUTHORIZATION: basic $basic" \
    "${fetch[@]}"
  unset basic
else
  "${fetch[@]}"
fi
unset token

# The commit fetched must be the one that was verified (a push since then: its own run follows).
head="$(git rev-parse --verify --quiet "$head_ref^{commit}")" || fail "Commit de la demande introuvable."
[ "$head" = "$HEAD_SHA" ] || fail "La demande n° $PR_NUMBER pointe sur $head, pas sur le commit vérifié $HEAD_SHA."
base="$(git merge-base "$base_ref" "$head")" || fail "Aucun ancêtre commun avec $BASE_REF."

mkdir -p "$DIGEST_DIR"
rm -f "$DIGEST_DIR/resume.md" "$DIGEST_DIR/inchange"
status=0
roadmap diff "$base" "$head" > "$DIGEST_DIR/resume.md.partiel" || status=$?
# 1: the proposed version does not validate, and the digest says so; 2 and more: no digest.
if [ "$status" -ge 2 ]; then
  exit "$status"
fi
mv "$DIGEST_DIR/resume.md.partiel" "$DIGEST_DIR/resume.md"
# A pull request that leaves the roadmap alone gets no new comment (one already there is
# brought up to date). No diff driver nor text conversion: git's own comparison only.
if git diff --quiet --no-ext-diff --no-textconv "$base" "$head" -- roadmap/; then
  touch "$DIGEST_DIR/inchange"
fi
