// Posts the roadmap change digest on its pull request: one comment, updated in place.
//
// Called by .github/workflows/commentaire-resume.yml through actions/github-script, from the
// default branch's checkout, with a token that may write on pull requests. Nothing here comes
// from the pull request's own workflow run: the pull request is found from GitHub's metadata
// of the run (`findPullRequest`), the digest is worked out by the default branch's tool from
// the pull request's commits read as data (.github/scripts/compute-digest.sh), and it is only
// ever posted as the body of a comment (`postDigest`).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

// The first line of the comment: how the next run finds it again.
const MARKER = '<!-- roadmap-digest -->';
// GitHub refuses a comment longer than 65,536 characters.
const MAX_DIGEST_LENGTH = 60000;
const BOT_LOGIN = 'github-actions[bot]';
const COMMIT = /^[0-9a-f]{40}$/;

function readText(directory, name) {
  const file = path.join(directory, name);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}

// The comment's body: the marker, the digest (shortened if need be) and the commit verified.
function composeBody(digest, headSha) {
  let text = digest.split(MARKER).join('');
  if (text.length > MAX_DIGEST_LENGTH) {
    text = `${text.slice(0, MAX_DIGEST_LENGTH)}\n\n… (résumé tronqué : lancez « roadmap diff » pour le lire en entier)\n`;
  }
  // A mention in a project's text must not notify anyone from the bot's comment.
  text = text.replace(/(^|[^\w`])@(?=[A-Za-z0-9])/g, '$1@<!-- -->');
  return `${MARKER}\n${text.trimEnd()}\n\n<!-- commit: ${headSha} -->\n`;
}

// The repository and commit the verification ran on, as GitHub recorded them.
function verifiedCommit(run) {
  const repository = run && run.head_repository;
  if (!repository || !repository.owner || typeof repository.full_name !== 'string'
      || typeof run.head_branch !== 'string' || !COMMIT.test(run.head_sha || '')) {
    return null;
  }
  return { repository: repository.full_name, owner: repository.owner.login, branch: run.head_branch, sha: run.head_sha };
}

function fromVerifiedCommit(pull, verified) {
  return Boolean(pull.head && pull.head.repo && pull.head.repo.full_name === verified.repository);
}

// The open pull request whose head is the commit the verification checked, found from the
// run's metadata (its head repository, branch and commit), never from what the run wrote.
// `workflow_run.pull_requests` is empty for a fork's pull request, hence the search by branch.
// Sets the step's outputs `number`, `head-sha` and `base-ref` when one is found; an outdated
// run (the pull request has a newer commit) or a closed pull request is said, not failed.
async function findPullRequest({ github, context, core }) {
  const { owner, repo } = context.repo;
  const verified = verifiedCommit(context.payload.workflow_run);
  if (verified === null) {
    core.info('La vérification ne dit pas de quelle branche elle vient : pas de résumé.');
    return 'none';
  }
  const pulls = await github.paginate(github.rest.pulls.list, {
    owner, repo, state: 'open', head: `${verified.owner}:${verified.branch}`, per_page: 100,
  });
  const fromBranch = pulls.filter((pull) => fromVerifiedCommit(pull, verified));
  const matching = fromBranch.filter((pull) => pull.head.sha === verified.sha)
    .sort((a, b) => a.number - b.number);
  if (matching.length === 0) {
    if (fromBranch.length > 0) {
      core.info(`La demande n° ${fromBranch[0].number} a reçu un commit plus récent : son propre résumé suivra.`);
      return 'outdated';
    }
    core.info('Aucune demande de fusion ouverte pour ce commit : pas de résumé.');
    return 'none';
  }
  // Two pull requests from one branch (towards two base branches): the first one only.
  const [pull, ...others] = matching;
  if (others.length > 0) {
    core.info(`Résumé publié sur la demande n° ${pull.number} seulement, pas sur : ${others.map((p) => p.number).join(', ')}.`);
  }
  core.setOutput('number', String(pull.number));
  core.setOutput('head-sha', verified.sha);
  core.setOutput('base-ref', pull.base.ref);
  return 'found';
}

// Posts the digest found in `directory` (resume.md, and `inchange` when the pull request
// leaves the roadmap alone), both written by compute-digest.sh, on pull request `number`.
async function postDigest({ github, context, core, number, directory }) {
  const { owner, repo } = context.repo;
  const verified = verifiedCommit(context.payload.workflow_run);
  if (verified === null || !Number.isSafeInteger(number) || number < 1) {
    core.setFailed(`Demande de fusion ou commit vérifié invalide : « ${String(number).slice(0, 20)} ».`);
    return 'refused';
  }

  // Checked again just before writing: a push since the digest was worked out must not see
  // its newer comment replaced by this older one.
  const { data: pull } = await github.rest.pulls.get({ owner, repo, pull_number: number });
  if (!fromVerifiedCommit(pull, verified)) {
    core.setFailed(`La demande de fusion n° ${number} ne vient pas du dépôt vérifié.`);
    return 'refused';
  }
  if (pull.head.sha !== verified.sha) {
    core.info(`La demande n° ${number} a reçu un commit plus récent : son propre résumé suivra.`);
    return 'outdated';
  }

  const digest = readText(directory, 'resume.md');
  if (digest === null) {
    core.setFailed('Le résumé des changements n’a pas été écrit.');
    return 'refused';
  }
  const body = composeBody(digest, verified.sha);
  const unchanged = readText(directory, 'inchange') !== null;

  const comments = await github.paginate(github.rest.issues.listComments, {
    owner, repo, issue_number: number, per_page: 100,
  });
  const existing = comments.find((comment) => comment.user && comment.user.login === BOT_LOGIN
    && typeof comment.body === 'string' && comment.body.startsWith(MARKER));
  if (existing) {
    if (existing.body === body) {
      return 'kept';
    }
    await github.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
    core.info(`Résumé mis à jour sur la demande n° ${number}.`);
    return 'updated';
  }
  if (unchanged) {
    core.info('La feuille de route n’est pas modifiée : pas de commentaire.');
    return 'skipped';
  }
  await github.rest.issues.createComment({ owner, repo, issue_number: number, body });
  core.info(`Résumé publié sur la demande n° ${number}.`);
  return 'created';
}

module.exports = { findPullRequest, postDigest, composeBody, MARKER };
