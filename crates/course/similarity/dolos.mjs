// `course similarity`'s engine: Dolos over each exercise's files, with the released stub as the
// ignored template (its code is everyone's). Reads [{exercise, stub, files: [path...]}] as JSON on
// standard input and writes [{exercise, left, right, similarity, longest, overlap}] as JSON.
// Runs in the folder where scripts/install-similarity installed Dolos.
import { Dolos } from "@dodona/dolos-lib";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const jobs = JSON.parse(input);
const pairs = [];
for (const job of jobs) {
  const dolos = new Dolos({ language: "rust" });
  const report = await dolos.analyzePaths(job.files, job.stub);
  for (const pair of report.allPairs()) {
    pairs.push({
      exercise: job.exercise,
      left: pair.leftFile.path,
      right: pair.rightFile.path,
      similarity: pair.similarity,
      longest: pair.longest,
      overlap: pair.overlap,
    });
  }
}
process.stdout.write(JSON.stringify(pairs));
