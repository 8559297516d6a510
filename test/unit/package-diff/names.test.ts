import { describe, expect, it } from 'vitest';
import { confusableReason, nameFindings } from '../../../src/core/names/confusable.js';

const flagged = (name: string, allowlisted: string[] = []) =>
  nameFindings(name, allowlisted, `${name}@1.0.0`).map((f) => [f.code, f.severity]);

describe('confusable package names', () => {
  it.each([
    ['@modelcontextprotoco1/server-filesystem', '@modelcontextprotocol/server-filesystem', 'look-alike'],
    ['@modelcontextprotocol/server_filesystem', '@modelcontextprotocol/server-filesystem', 'look-alike'],
    ['@modelcontextprotocol/server-fi\u217Cesystem', '@modelcontextprotocol/server-filesystem', 'look-alike'],
    ['@modelc\u043Entextprotocol/server-memory', '@modelcontextprotocol/server-memory', 'look-alike'],
    ['@mcp-tools/server-filesystem', '@modelcontextprotocol/server-filesystem', 'scope-swap'],
    ['modelcontextprotocol-server-memory', '@modelcontextprotocol/server-memory', 'scope-swap'],
    ['mcp-rernote', 'mcp-remote', 'look-alike'],
    ['@modelcontextprotocol/server-memroy', '@modelcontextprotocol/server-memory', 'one-edit'],
  ])('%s looks like %s (%s)', (candidate, known, reason) => {
    expect(confusableReason(candidate, known)).toBe(reason);
    expect(flagged(candidate)).toEqual([['package/name-confusable', 'critical']]);
  });

  it('compares with the allowlist too', () => {
    expect(flagged('acme_mail-mcp', ['acme-mail-mcp'])).toEqual([['package/name-confusable', 'critical']]);
  });

  it('leaves genuine and unrelated names alone', () => {
    for (const name of [
      '@modelcontextprotocol/server-filesystem',
      '@modelcontextprotocol/server-github',
      'mcp-remote',
      '@stripe/mcp',
      '@azure/mcp',
      'vet-server',
      'my-weather-mcp',
      '@acme/mail',
    ]) {
      expect(flagged(name, ['vet-server', '@modelcontextprotocol/server-memory'])).toEqual([]);
    }
  });
});
