import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';

/** Who approves: `--by`, else git's user.name <user.email>, else the OS user. */
export function approver(by: string | undefined): string {
  if (by) return by;
  try {
    const name = execFileSync('git', ['config', 'user.name'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    }).trim();
    const email = execFileSync('git', ['config', 'user.email'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    }).trim();
    if (name) return email ? `${name} <${email}>` : name;
  } catch {
    // no git, or no user configured
  }
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
