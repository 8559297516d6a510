/**
 * The output formats by name, apart from the renderers themselves: the CLI lists and checks them
 * when it defines its options, which must not load every renderer (start-up time of `--help`).
 * renderers.ts is typed against this list, so a format cannot be added to one and not the other.
 */
export const FORMAT_NAMES = ['text', 'json', 'sarif', 'markdown'] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}
