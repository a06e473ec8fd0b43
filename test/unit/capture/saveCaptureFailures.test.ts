// saveCapture when the disk says no: a capture is one file plus its sidecar, or nothing. The failures
// are real ones: a file size limit (`ulimit -f`, the EFBIG a full disk's ENOSPC also takes) makes the
// temp write or the sidecar write fail half way, and a folder where the sidecar goes makes its rename fail.
// The fallback to a second folder then saves the one copy there and leaves nothing in the first.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { saveCapture, saveCaptureWithFallback } from '../../../src/collect/saveCapture';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-save-fail-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => fs.mkdtempSync(path.join(root, `d${n++}-`));
const modulePath = path.join(__dirname, '..', '..', '..', 'src', 'collect', 'saveCapture.js');
const big = 200_000;
/** Files in dir, hidden ones too (what a failed save must not leave). */
const listing = (dir: string) => fs.readdirSync(dir).sort();

/**
 * Runs `call` (an expression over `m`, the saveCapture module) in a Node whose files may not grow past
 * 8 blocks (4 KiB with dash's 512-byte blocks, 8 KiB with bash's): writes beyond fail with EFBIG.
 */
function underFileSizeLimit(call: string): { ok: boolean; code?: string; result?: unknown } {
  const script = `const m = require(${JSON.stringify(modulePath)});
(${call}).then((r) => console.log(JSON.stringify({ ok: true, result: r })), (e) => console.log(JSON.stringify({ ok: false, code: e.code })));`;
  const r = spawnSync('sh', ['-c', 'ulimit -f 8 && exec "$0" -e "$1"', process.execPath, script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('saveCapture: nothing left behind when a write fails', () => {
  it('the limit is real: a small capture is written, a big one is refused with EFBIG', () => {
    const dir = freshDir();
    const small = underFileSizeLimit(`m.saveCapture(${JSON.stringify(dir)}, 'small.pb.gz', Buffer.alloc(100, 1), { source: 'x' })`);
    assert.equal(small.ok, true);
    assert.deepEqual(listing(dir), ['small.pb.gz', 'small.pb.gz.json']);
    assert.equal(fs.statSync(path.join(dir, 'small.pb.gz')).size, 100);
  });

  it('a temp write that fails half way leaves no hidden partial file', () => {
    const dir = freshDir();
    const r = underFileSizeLimit(`m.saveCapture(${JSON.stringify(dir)}, 'cpu.pb.gz', Buffer.alloc(${big}, 1), { source: 'x' })`);
    assert.deepEqual(r, { ok: false, code: 'EFBIG' });
    assert.deepEqual(listing(dir), []);
  });

  it('a sidecar write that fails removes the profile and the sidecar temp', () => {
    const dir = freshDir();
    const r = underFileSizeLimit(`m.saveCapture(${JSON.stringify(dir)}, 'heap.pb.gz', Buffer.alloc(100, 1), { note: 'y'.repeat(${big}) })`);
    assert.deepEqual(r, { ok: false, code: 'EFBIG' });
    assert.deepEqual(listing(dir), []);
  });

  it('a sidecar that cannot be renamed into place removes the profile', async () => {
    const dir = freshDir();
    fs.mkdirSync(path.join(dir, 'heap.pb.gz.json'));
    await assert.rejects(saveCapture(dir, 'heap.pb.gz', Buffer.from('profile'), { source: 'x' }), (e: NodeJS.ErrnoException) => e.code === 'EISDIR');
    assert.deepEqual(listing(dir), ['heap.pb.gz.json']);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'heap.pb.gz.json')), []);
  });
});

describe('saveCaptureWithFallback: one copy', () => {
  it('saves in the first folder when it can', async () => {
    const dir = freshDir();
    const fallback = freshDir();
    const r = await saveCaptureWithFallback(dir, fallback, 'cpu.pb.gz', Buffer.from('p'), { source: 'x' });
    assert.equal(r.primaryError, undefined);
    assert.equal(r.saved.path, path.join(dir, 'cpu.pb.gz'));
    assert.deepEqual(listing(fallback), []);
  });

  it('a sidecar failure in the first folder: the capture is in the fallback only, with its sidecar', async () => {
    const dir = freshDir();
    const fallback = freshDir();
    fs.mkdirSync(path.join(dir, 'heap.pb.gz.json'));
    const r = await saveCaptureWithFallback(dir, fallback, 'heap.pb.gz', Buffer.from('profile'), { source: 'http://svc/heap' });
    assert.equal((r.primaryError as NodeJS.ErrnoException).code, 'EISDIR');
    assert.equal(r.saved.path, path.join(fallback, 'heap.pb.gz'));
    assert.deepEqual(listing(dir), ['heap.pb.gz.json']);
    assert.deepEqual(listing(fallback), ['heap.pb.gz', 'heap.pb.gz.json']);
    assert.equal(fs.readFileSync(r.saved.path, 'utf8'), 'profile');
    assert.equal(JSON.parse(fs.readFileSync(r.saved.metaPath!, 'utf8')).source, 'http://svc/heap');
  });

  it('both folders full: the error is thrown and neither folder keeps anything', () => {
    const dir = freshDir();
    const fallback = freshDir();
    const r = underFileSizeLimit(`m.saveCaptureWithFallback(${JSON.stringify(dir)}, ${JSON.stringify(fallback)}, 'cpu.pb.gz', Buffer.alloc(${big}, 1), { source: 'x' })`);
    assert.deepEqual(r, { ok: false, code: 'EFBIG' });
    assert.deepEqual(listing(dir), []);
    assert.deepEqual(listing(fallback), []);
  });

  it('no fallback folder, or the same one: the first error is thrown, no second try', async () => {
    const dir = freshDir();
    fs.mkdirSync(path.join(dir, 'heap.pb.gz.json'));
    await assert.rejects(saveCaptureWithFallback(dir, undefined, 'heap.pb.gz', Buffer.from('p'), {}), (e: NodeJS.ErrnoException) => e.code === 'EISDIR');
    await assert.rejects(saveCaptureWithFallback(dir, dir + path.sep, 'heap.pb.gz', Buffer.from('p'), {}), (e: NodeJS.ErrnoException) => e.code === 'EISDIR');
    assert.deepEqual(listing(dir), ['heap.pb.gz.json']);
  });
});
