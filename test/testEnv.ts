// What tests need to know about where they run: the repository's root (tests run from out/test/…)
// and a free TCP port on loopback for the servers they start.
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

/** The repository root: the nearest folder above this file holding examples/sample-service. */
export const repoRoot: string = (() => {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'examples', 'sample-service'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
})();

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
