/** Entry point of the `tierwise` command (bin/tierwise.mjs runs it with tsx). */
import { runCli } from './main';

const code = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  nowMs: () => Date.now(),
});
process.exitCode = code;
