// Posts the roadmap change digest on its pull request: one comment, updated in place.
//
// Called by .github/workflows/commentaire-resume.yml through actions/github-script, with a
// token that may write on pull requests. Everything read from the digest folder was written
// by the pull request's own workflow run, so it is treated as untrusted data: the pull
// request number must be a plain number and must belong to the commit that was verified,
// and the digest is only ever posted as the body of a comment.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

// The first line of the comment: how the next run finds it again.
const MARKER = '<!-- roadmap-digest -->';
// GitHub refuses a comment longer than 65,536 characters.
const MAX_DIGEST_LENGTH = 60000;
const BOT_LOGIN = 'github-actions[bot]';

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

async function postDigest({ github, context, core, directory }) {
  const run = context.payload.workflow_run;
  const { owner, repo } = context.repo;

  const numberText = (readText(directory, 'numero') || '').trim();
  if (!/^[1-9][0-9]{0,9}$/.test(numberText)) {
    core.setFailed(`Numéro de demande de fusion invalide dans le résumé : « ${numberText.slice(0, 20)} ».`);
    return 'refused';
  }
  const number = Number(numberText);

  // The number comes from the pull request's run: check it names the pull request whose
  // commit was verified, so that a run can only ever comment on its own pull request.
  const { data: pull } = await github.rest.pulls.get({ owner, repo, pull_number: number });
  const headRepository = pull.head && pull.head.repo ? pull.head.repo.full_name : null;
  const runRepository = run.head_repository ? run.head_repository.full_name : null;
  if (headRepository !== runRepository) {
    core.setFailed(`La demande de fusion n° ${number} ne vient pas du dépôt vérifié.`);
    return 'refused';
  }
  if (pull.head.sha !== run.head_sha) {
    core.info(`La demande n° ${number} a reçu un commit plus récent : son propre résumé suivra.`);
    return 'outdated';
  }

  const digest = readText(directory, 'resume.md');
  if (digest === null) {
    core.setFailed('Le résumé des changements est absent de l’artefact.');
    return 'refused';
  }
  const body = composeBody(digest, run.head_sha);
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

module.exports = postDigest;
module.exports.composeBody = composeBody;
module.exports.MARKER = MARKER;
