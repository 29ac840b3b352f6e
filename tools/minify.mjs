// The Node half of guide/minify.py (which calls it with one JSON argument, a list of files):
// each of the guide's own scripts in a built folder, minified in place by terser (pinned in
// package.json and package-lock.json). Prints {file, line, col, message} as JSON and exits 1 on
// the first script terser cannot read.
import { readFile, writeFile } from "node:fs/promises";
import { minify } from "terser";

const files = JSON.parse(process.argv[2]);
for (const file of files) {
  const code = await readFile(file, "utf8");
  try {
    // ES2017 at most, like the scripts themselves; comments go (readers do not need them).
    const done = await minify(code, { ecma: 2017, compress: true, mangle: true, format: { comments: false } });
    await writeFile(file, done.code + "\n");
  } catch (err) {
    console.log(JSON.stringify({ file, line: err.line ?? null, col: err.col ?? null, message: err.message }));
    process.exit(1);
  }
}
