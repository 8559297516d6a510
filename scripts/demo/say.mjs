// What the demo prints between steps: headings, explanations and the commands it runs.
const color = process.env.NO_COLOR
  ? false
  : process.env.FORCE_COLOR
    ? process.env.FORCE_COLOR !== '0'
    : process.stdout.isTTY === true;
const style = (open, close) => (s) => (color ? `\u001b[${open}m${s}\u001b[${close}m` : s);

export const bold = style(1, 22);
export const dim = style(2, 22);
export const green = style(32, 39);
export const red = style(31, 39);
export const cyan = style(36, 39);

/** Whether mcp-vet, run with piped output, should be told to colour its report. */
export const colorWanted = color;

export function heading(text) {
  process.stdout.write(`\n${bold(cyan(`== ${text}`))}\n`);
}

export function say(...lines) {
  for (const line of lines) process.stdout.write(`${line}\n`);
}

export function command(text) {
  process.stdout.write(`\n${bold(`$ ${text}`)}\n`);
}
