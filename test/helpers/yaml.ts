import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const yaml = require('js-yaml') as { load(text: string): unknown };

/** Parses a YAML file of this repository (.pre-commit-hooks.yaml, action.yml, docs/workflows/*.yml). */
export function readYaml<T>(path: string): T {
  return yaml.load(readFileSync(path, 'utf8')) as T;
}
