import { finding, type Finding } from '../findings/finding.js';
import type { PackageMeta } from '../workspace/package-meta.js';

/** preinstall, install, postinstall, prepare added or changed (a new binding.gyp implies `node-gyp rebuild`). */
export function installScriptFindings(subject: string, before: PackageMeta, after: PackageMeta): Finding[] {
  const out: Finding[] = [];
  for (const [name, command] of Object.entries(after.installScripts)) {
    const location = { kind: 'package', name: after.name, pointer: `/scripts/${name}` };
    const old = before.installScripts[name];
    if (old === undefined) {
      out.push(
        finding('package/install-script-added', {
          subject,
          location,
          message: `${name} script added: ${command}`,
          evidence: { script: name, after: command },
        }),
      );
    } else if (old !== command) {
      out.push(
        finding('package/install-script-changed', {
          subject,
          location,
          message: `${name} script changed from "${old}" to "${command}"`,
          evidence: { script: name, before: old, after: command },
        }),
      );
    }
  }
  return out;
}
