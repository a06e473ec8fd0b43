// The MCP server as a client sees it: `pprof-lens mcp FOLDER` spawned through bin/pprof-lens.js, spoken
// to over stdio in newline-delimited JSON-RPC 2.0 (initialize, notifications/initialized, tools/list,
// tools/call), with profile_top's text compared to the CLI's -top and every error path checked.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as path from 'path';
import { generatedDir, repoRoot, runProcess } from '../../golden/goldenHarness';
import { PROFILE_TOOLS } from '../../../src/agent/profileTools';

const bin = path.join(repoRoot, 'bin', 'pprof-lens.js');

/** A running server and a way to send it a message and await the reply with the same id. */
class McpClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buf = '';
  private readonly waiting = new Map<unknown, (m: Record<string, unknown>) => void>();
  readonly unmatched: unknown[] = [];
  stderr = '';
  exit: Promise<number | null>;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [bin, 'mcp', ...args], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (d: string) => {
      this.buf += d;
      let nl: number;
      while ((nl = this.buf.indexOf('\n')) >= 0) {
        const line = this.buf.slice(0, nl);
        this.buf = this.buf.slice(nl + 1);
        const m = JSON.parse(line) as Record<string, unknown>; // any non-JSON on stdout fails the test
        const w = this.waiting.get(m.id);
        if (w) {
          this.waiting.delete(m.id);
          w(m);
        } else {
          this.unmatched.push(m);
        }
      }
    });
    this.child.stderr.on('data', (d: Buffer) => { this.stderr += d; });
    this.exit = new Promise((r) => this.child.on('close', (code) => r(code)));
  }

  raw(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  request(id: number | string, method: string, params?: unknown): Promise<Record<string, unknown>> {
    const p = new Promise<Record<string, unknown>>((r) => this.waiting.set(id, r));
    this.raw(JSON.stringify({ jsonrpc: '2.0', id, method, ...(params !== undefined ? { params } : {}) }));
    return p;
  }

  notify(method: string): void {
    this.raw(JSON.stringify({ jsonrpc: '2.0', method }));
  }

  close(): Promise<number | null> {
    this.child.stdin.end();
    return this.exit;
  }
}

type ToolCallResult = { content: { type: string; text: string }[]; isError: boolean };

describe('pprof-lens mcp over stdio', () => {
  let c: McpClient;
  before(() => { c = new McpClient([generatedDir]); });
  after(async () => { await c.close(); });

  it('initialize: protocol version, tools capability, server info', async () => {
    const r = await c.request(1, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } });
    const res = r.result as { protocolVersion: string; capabilities: { tools?: unknown }; serverInfo: { name: string; version: string } };
    assert.equal(r.jsonrpc, '2.0');
    assert.equal(res.protocolVersion, '2025-06-18');
    assert.ok(res.capabilities.tools);
    assert.equal(res.serverInfo.name, 'pprof-lens');
    assert.match(res.serverInfo.version, /^\d+\.\d+\.\d+/);
    c.notify('notifications/initialized');
  });

  it('tools/list: every tool but capture_profile, with its schema', async () => {
    const r = await c.request(2, 'tools/list');
    const tools = (r.result as { tools: { name: string; description: string; inputSchema: { type: string } }[] }).tools;
    assert.deepEqual(tools.map((t) => t.name), PROFILE_TOOLS.filter((t) => t.name !== 'capture_profile').map((t) => t.name));
    for (const t of tools) assert.equal(t.inputSchema.type, 'object');
  });

  it('tools/call profile_top = pprof-lens -top', async () => {
    const r = await c.request(3, 'tools/call', { name: 'profile_top', arguments: { profile: 'service.heap.pb.gz', sample_index: 'inuse_space', nodecount: 7 } });
    const res = r.result as ToolCallResult;
    assert.equal(res.isError, false, res.content[0]?.text);
    const cli = await runProcess(process.execPath, [bin, '-top', '-sample_index=inuse_space', '-nodecount=7', 'service.heap.pb.gz']);
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(res.content.length, 1);
    assert.equal(res.content[0].type, 'text');
    assert.equal(res.content[0].text, cli.stdout.toString('utf8'));
  });

  it('tools/call profile_list and list_profiles', async () => {
    const list = await c.request(4, 'tools/call', { name: 'profile_list', arguments: { profile: 'service.cpu.pb.gz', function: 'main\\.isPrime$' } });
    const cli = await runProcess(process.execPath, [bin, '-list=main\\.isPrime$', 'service.cpu.pb.gz']);
    assert.equal((list.result as ToolCallResult).content[0].text, cli.stdout.toString('utf8'));
    const profiles = await c.request(5, 'tools/call', { name: 'list_profiles', arguments: {} });
    assert.ok((profiles.result as ToolCallResult).content[0].text.includes(path.join(generatedDir, 'service.cpu.pb.gz')));
  });

  it('a tool error is a result with isError, one line', async () => {
    const r = await c.request(6, 'tools/call', { name: 'profile_top', arguments: { profile: 'service.cpu.pb.gz', sample_index: 'inuse_space' } });
    const res = r.result as ToolCallResult;
    assert.equal(res.isError, true);
    assert.match(res.content[0].text, /sample_index "inuse_space" must be one of: \[samples cpu\]/);
    const outside = await c.request(7, 'tools/call', { name: 'profile_top', arguments: { profile: path.join(repoRoot, 'package.json') } });
    assert.match((outside.result as ToolCallResult).content[0].text, /^unknown profile/);
  });

  it('protocol errors: capture_profile and unknown tools, unknown methods, bad JSON, no method', async () => {
    const cap = await c.request(8, 'tools/call', { name: 'capture_profile', arguments: { kind: 'cpu' } });
    assert.equal((cap.error as { code: number }).code, -32602);
    const unknown = await c.request(9, 'resources/list');
    assert.deepEqual(unknown.error, { code: -32601, message: 'method not found: resources/list' });
    const ping = await c.request('p', 'ping');
    assert.deepEqual(ping.result, {});
    const before = c.unmatched.length;
    c.raw('{"jsonrpc":"2.0","id":10,');
    c.raw(JSON.stringify({ jsonrpc: '2.0', id: 11 }));
    const after = await c.request(12, 'ping'); // replies come in order: the two above are in by now
    assert.deepEqual(after.result, {});
    const errs = c.unmatched.slice(before) as { id: unknown; error: { code: number } }[];
    assert.deepEqual(errs.map((e) => e.error.code), [-32700, -32600]);
  });

  it('ends with status 0 when stdin closes, nothing but JSON on stdout', async () => {
    assert.equal(await c.close(), 0);
    assert.match(c.stderr, /serving .*generated/);
  });
});
