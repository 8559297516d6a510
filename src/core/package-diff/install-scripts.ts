import { finding, type Finding } from '../findings/finding.js';
import type { PackageMeta } from '../workspace/package-meta.js';

/** preinstall, install, postinstall, prepare added or changed (a new binding.gyp implies `node-gyp rebuild`). */
export function installScriptFindings(subject: string, before: PackageMeta, after: PackageMeta): Finding[] {
  const out: Finding[] = [];
  for (const [name, command] of Object.entries(after.installScripts)) {
    const location = { kind: 'package', name: after.name, pointer: `/scripts/${name}` };
    // npm runs `prepare` for git and folder installs only, never for a registry tarball
    const registryRuns = name !== 'prepare';
    const where = registryRuns ? '' : ' (runs only when installed from git or a folder, not from the registry)';
    const severity = registryRuns ? {} : { severity: 'info' as const };
    const old = before.installScripts[name];
    if (old === undefined) {
      out.push(
        finding('package/install-script-added', {
          subject,
          ...severity,
          location,
          message: `${name} script added${where}: ${command}`,
          evidence: { script: name, after: command },
        }),
      );
    } else if (old !== command) {
      out.push(
        finding('package/install-script-changed', {
          subject,
          ...severity,
          location,
          message: `${name} script changed${where} from "${old}" to "${command}"`,
          evidence: { script: name, before: old, after: command },
        }),
      );
    }
  }
  return out;
}
