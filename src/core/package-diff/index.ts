import type { Finding } from '../findings/finding.js';
import { binFindings } from './bin-changed.js';
import { codeTexts, profileCode, type CodeScanner, type CodeText } from './code-profile.js';
import { apiScanner, dangerousApiFindings } from './dangerous-apis.js';
import { dependencyFindings } from './dependencies.js';
import { matchFiles, type FileChanges } from './file-pairs.js';
import { filesChangedFindings } from './files-changed.js';
import type { PackageVersion } from './input.js';
import { installScriptFindings } from './install-scripts.js';
import { metadataFindings } from './metadata-changed.js';
import { minifiedFindings } from './minified-code.js';
import { nativeBinaryFindings } from './native-binaries.js';
import { endpointFindings, endpointScanner } from './network-endpoints.js';
import { obfuscationFindings, obfuscationScanner } from './obfuscated-code.js';
import { sizeJumpFindings } from './size-jump.js';
import { unsafeEntryFindings } from './unsafe-entries.js';

export type { PackageEntry, PackageVersion } from './input.js';
export { isCodePath } from './input.js';
export type { FileChanges, FilePair } from './file-pairs.js';

const SCANNERS: CodeScanner[] = [endpointScanner, apiScanner, obfuscationScanner];

export interface PackageDiff {
  findings: Finding[];
  changes: FileChanges;
  beforeCode: CodeText[];
  afterCode: CodeText[];
}

/**
 * Everything that changed between an approved version and a candidate that matters for a rug
 * pull: install scripts, dependencies, bin, files,
 * native and obfuscated code, new endpoints and dangerous APIs in code, size, repository/homepage/author.
 * Pure: the versions come in as data; code signals read only the files whose content was kept.
 */
export function diffPackages(before: PackageVersion, after: PackageVersion): PackageDiff {
  const subject = after.subject;
  const changes = matchFiles(before, after);
  const beforeCode = codeTexts(before);
  const afterCode = codeTexts(after);
  const a = profileCode(beforeCode, SCANNERS);
  const b = profileCode(afterCode, SCANNERS);
  const findings: Finding[] = [
    ...unsafeEntryFindings(subject, after),
    ...installScriptFindings(subject, before.meta, after.meta),
    ...dependencyFindings(subject, before.meta, after.meta),
    ...binFindings(subject, before.meta, after.meta),
    ...filesChangedFindings(subject, after.meta.name, changes),
    ...nativeBinaryFindings(subject, changes),
    ...minifiedFindings(subject, changes, beforeCode, afterCode),
    ...obfuscationFindings(subject, a, b),
    ...endpointFindings(subject, a, b),
    ...dangerousApiFindings(subject, a, b),
    ...sizeJumpFindings(subject, before.meta, after.meta),
    ...metadataFindings(subject, before.meta, after.meta),
  ];
  return { findings, changes, beforeCode, afterCode };
}
