// Runs .github/scripts/digest-comment.cjs against a fake GitHub API, for the tests.
//
//   node tests/tools/digest-comment.mjs < scenario.json
//
// The scenario gives the entry point (`find`: findPullRequest, `post`: postDigest), the
// workflow run, the open pull requests and their comments, and for `post` the pull request's
// number and the digest folder; the output (JSON) is the script's result, the step outputs it
// set, the writes it made, any failure and what it said.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const { findPullRequest, postDigest } = require('../../.github/scripts/digest-comment.cjs');

const OWNER = 'departement';
const REPO = 'feuille-de-route';
const scenario = JSON.parse(readFileSync(0, 'utf8'));
const writes = [];
const messages = [];
const outputs = {};
let failure = null;
const pulls = scenario.pulls.map((pull) => ({ ...pull }));
const comments = (scenario.comments || []).map((comment) => ({ ...comment }));

function checkRepository({ owner, repo }) {
  if (owner !== OWNER || repo !== REPO) {
    throw new Error(`unexpected repository ${owner}/${repo}`);
  }
}

// GitHub's filter: `head` is `owner-login:branch` of the repository the pull request comes from.
function listPulls({ state, head, ...rest }) {
  checkRepository(rest);
  if (state !== 'open' || typeof head !== 'string') {
    throw new Error(`unexpected listing: state=${state} head=${head}`);
  }
  return pulls.filter((pull) => pull.state === 'open'
    && `${pull.head.repo.owner.login}:${pull.head.ref}` === head);
}

const github = {
  rest: {
    pulls: {
      list: 'pulls.list',
      get: async ({ pull_number: number, ...rest }) => {
        checkRepository(rest);
        const pull = pulls.find((p) => p.number === number);
        if (!pull) {
          throw new Error(`404: pull request ${number}`);
        }
        return { data: pull };
      },
    },
    issues: {
      listComments: 'issues.listComments',
      createComment: async ({ issue_number: number, body }) => {
        writes.push({ action: 'create', number, body });
        comments.push({ id: 1000 + comments.length, user: { login: 'github-actions[bot]' }, body });
      },
      updateComment: async ({ comment_id: id, body }) => {
        writes.push({ action: 'update', id, body });
      },
    },
  },
  paginate: async (endpoint, parameters) => {
    if (endpoint === 'pulls.list') {
      return listPulls(parameters);
    }
    if (endpoint === 'issues.listComments' && parameters.issue_number === scenario.number) {
      checkRepository(parameters);
      return comments;
    }
    throw new Error(`unexpected listing ${endpoint}`);
  },
};
const core = {
  info: (message) => messages.push(message),
  setFailed: (message) => { failure = message; },
  setOutput: (name, value) => { outputs[name] = value; },
};
const context = { repo: { owner: OWNER, repo: REPO }, payload: { workflow_run: scenario.run } };

const result = scenario.action === 'find'
  ? await findPullRequest({ github, context, core })
  : await postDigest({ github, context, core, number: scenario.number, directory: scenario.directory });
console.log(JSON.stringify({ result, outputs, writes, failure, messages }));
