/**
 * Finds the `mcp-vet …` command lines in a shell script (a `run:` step of a workflow) and splits
 * them into words as bash would for plain words and quotes. Enough shell for the scripts in this
 * repository's docs: quotes, backslash line continuations, `$(…)` kept inside one word, comments,
 * the operators `&& || | ; &`, redirections (dropped), and `FOO=bar`, `if`, `then`, `!`, `npx -y`
 * prefixes before the command.
 */
export function vetCommandLines(script: string): string[][] {
  const commands: string[][] = [];
  for (const simple of simpleCommands(script)) {
    let i = 0;
    while (i < simple.length && isPrefix(simple[i]!)) i++;
    if (simple[i] === 'npx') {
      i++;
      while (i < simple.length && simple[i]!.startsWith('-')) i++;
    }
    const head = simple[i];
    if (head === 'mcp-vet' || head?.startsWith('mcp-vet@')) commands.push(simple.slice(i + 1));
  }
  return commands;
}

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', 'time', 'exec', 'command']);
const isPrefix = (word: string) => KEYWORDS.has(word) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(word);
const OPERATORS = ['&&', '||', ';;', '|', ';', '&', '\n'];
const REDIRECT = /^\d*(>>|>|<)(&\d+)?$/;

/** The simple commands of a script: word lists between operators, with redirections removed. */
function simpleCommands(script: string): string[][] {
  const out: string[][] = [];
  let words: string[] = [];
  let word: string | null = null;
  let skipNext = false;
  const endWord = () => {
    if (word === null) return;
    if (skipNext) skipNext = false;
    else if (REDIRECT.test(word)) skipNext = !/&\d+$/.test(word);
    else if (/^\d*(>>|>|<)/.test(word)) {
      // `>file` glued to its target: drop both
    } else words.push(word);
    word = null;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) out.push(words);
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (c === '\\' && script[i + 1] === '\n') {
      i++;
      continue;
    }
    if (c === '#' && word === null) {
      while (i < script.length && script[i] !== '\n') i++;
      endCommand();
      continue;
    }
    const op = OPERATORS.find((o) => script.startsWith(o, i));
    if (op) {
      endCommand();
      i += op.length - 1;
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord();
      continue;
    }
    word ??= '';
    if (c === "'") {
      const end = script.indexOf("'", i + 1);
      word += script.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < script.length && script[j] !== '"'; j++) {
        if (script[j] === '\\' && '"\\$`'.includes(script[j + 1] ?? '')) j++;
        word += script[j];
      }
      i = j;
    } else if (c === '$' && script[i + 1] === '(') {
      let depth = 0;
      let j = i;
      for (; j < script.length; j++) {
        if (script[j] === '(') depth++;
        else if (script[j] === ')' && --depth === 0) break;
      }
      word += script.slice(i, j + 1);
      i = j;
    } else if (c === '\\') {
      word += script[i + 1] ?? '';
      i++;
    } else word += c;
  }
  endCommand();
  return out;
}
