// Writes dist/help.json: the --help text of mcp-vet and of each command as commander renders it
// (80 columns, not a terminal), so `mcp-vet --help` and `mcp-vet <command> --help` print it
// without loading commander or any command (bin/mcp-vet). Run by `npm run build`; the bin falls
// back to commander when the file is older than the build, and a test compares both.
import { writeFileSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { buildProgram } = await import('../dist/cli/program.js');
const program = await buildProgram();
const fixed = (cmd) => {
  cmd.configureOutput({ getOutHelpWidth: () => 80, getErrHelpWidth: () => 80, getOutHasColors: () => false });
  cmd.commands.forEach(fixed);
};
fixed(program);
const texts = { '': program.helpInformation() };
// `run` has its own entry (dist/cli/run-main.js) and help; it is not served from here
for (const command of program.commands) if (command.name() !== 'run') texts[command.name()] = command.helpInformation();
const file = fileURLToPath(new URL('../dist/help.json', import.meta.url));
writeFileSync(`${file}.tmp`, JSON.stringify(texts));
renameSync(`${file}.tmp`, file);
