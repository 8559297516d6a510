/**
 * Node's permission model for a Node bin: read the install directory and the sandbox, write only the
 * sandbox, no child processes, no workers (nothing is allowed that is not granted). Node 20–22.12
 * spell the switch `--experimental-permission`, later versions `--permission`.
 */
export function nodePermissionFlags(
  readDirs: readonly string[],
  writeDirs: readonly string[],
  nodeVersion: string = process.versions.node,
): string[] {
  const flags = [permissionSwitch(nodeVersion)];
  for (const dir of readDirs) flags.push(`--allow-fs-read=${dir}`);
  for (const dir of writeDirs) flags.push(`--allow-fs-write=${dir}`);
  return flags;
}

export function permissionSwitch(nodeVersion: string): string {
  const [major = 0, minor = 0] = nodeVersion.split('.').map(Number);
  const stable = major > 23 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13);
  return stable ? '--permission' : '--experimental-permission';
}

/** True when Node supports a permission model at all (20+). */
export function nodeHasPermissionModel(nodeVersion: string = process.versions.node): boolean {
  return Number(nodeVersion.split('.')[0]) >= 20;
}
