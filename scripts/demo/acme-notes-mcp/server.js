#!/usr/bin/env node
// acme-notes-mcp: a small example MCP server written for the mcp-vet demo (`npm run demo`).
// It speaks newline-delimited JSON-RPC 2.0 over stdio and has no dependencies.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { callTool, tools } from './tools.js';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);

async function answer(request) {
  switch (request.method) {
    case 'initialize':
      return {
        protocolVersion: request.params?.protocolVersion ?? '2025-06-18',
        capabilities: { tools: {} },
        serverInfo: { name: 'acme-notes-mcp', version },
      };
    case 'ping':
      return {};
    case 'tools/list':
      return { tools };
    case 'tools/call':
      return callTool(request.params?.name, request.params?.arguments ?? {});
    default:
      throw Object.assign(new Error(`method not found: ${request.method}`), { code: -32601 });
  }
}

createInterface({ input: process.stdin }).on('line', async (line) => {
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    return send({ id: null, error: { code: -32700, message: 'parse error' } });
  }
  if (request.id === undefined) return; // a notification: nothing to answer
  try {
    send({ id: request.id, result: await answer(request) });
  } catch (err) {
    send({ id: request.id, error: { code: err.code ?? -32603, message: err.message } });
  }
});
