import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { VetError } from '../../core/errors.js';

/**
 * The bin that starts the server: `--bin NAME` when given, else the bin named like the package
 * (without its scope), else the only bin. Returns the absolute path of the script.
 */
export async function pickBin(
  packageDir: string,
  name: string,
  wanted?: string,
): Promise<{ bin: string; script: string }> {
  const pkg = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const bins: Record<string, string> =
    typeof pkg.bin === 'string' ? { [name.split('/').pop() as string]: pkg.bin } : { ...(pkg.bin ?? {}) };
  const names = Object.keys(bins).sort();
  if (names.length === 0)
    throw new VetError(
      'INVALID_FILE',
      `${name}: the package has no bin to start (use --command to start it another way)`,
      { details: { package: name } },
    );
  let chosen: string | undefined;
  if (wanted) {
    if (!(wanted in bins))
      throw new VetError('USAGE', `--bin ${wanted}: ${name} has no such bin (it has ${names.join(', ')})`);
    chosen = wanted;
  } else {
    const short = name.split('/').pop() as string;
    chosen = short in bins ? short : names.length === 1 ? names[0] : undefined;
    if (!chosen) throw new VetError('USAGE', `${name} has several bins (${names.join(', ')}); choose one with --bin`);
  }
  const script = resolve(packageDir, bins[chosen] as string);
  if (!script.startsWith(packageDir + sep))
    throw new VetError('INVALID_FILE', `${name}: bin ${chosen} points outside the package`, {
      details: { package: name },
    });
  return { bin: chosen, script };
}
