// Runs .github/scripts/digest-comment.cjs against a fake GitHub API, for the tests.
//
//   node tests/tools/digest-comment.mjs < scenario.json
//
// The scenario gives the digest folder, the workflow run, the pull request and its existing
// comments; the output (JSON) is the script's result, the writes it made and any failure.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const postDigest = require('../../.github/scripts/digest-comment.cjs');

const scenario = JSON.parse(readFileSync(0, 'utf8'));
const writes = [];
const messages = [];
let failure = null;
const comments = scenario.comments.map((comment) => ({ ...comment }));

const github = {
  rest: {
    pulls: {
      get: async ({ pull_number: number }) => {
        if (number !== scenario.pull.number) {
          throw new Error(`404: pull request ${number}`);
        }
        return { data: scenario.pull };
      },
    },
    issues: {
      listComments: 'listComments',
      createComment: async ({ issue_number: number, body }) => {
        writes.push({ action: 'create', number, body });
        comments.push({ id: 1000 + comments.length, user: { login: 'github-actions[bot]' }, body });
      },
      updateComment: async ({ comment_id: id, body }) => {
        writes.push({ action: 'update', id, body });
      },
    },
  },
  paginate: async (endpoint, { issue_number: number }) => {
    if (endpoint !== 'listComments' || number !== scenario.pull.number) {
      throw new Error('unexpected listing');
    }
    return comments;
  },
};
const core = {
  info: (message) => messages.push(message),
  setFailed: (message) => { failure = message; },
};
const context = { repo: { owner: 'departement', repo: 'feuille-de-route' }, payload: { workflow_run: scenario.run } };

const result = await postDigest({ github, context, core, directory: scenario.directory });
console.log(JSON.stringify({ result, writes, failure, messages }));
