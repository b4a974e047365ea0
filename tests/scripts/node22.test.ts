/** @jest-environment node */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const launcher = path.join(root, 'scripts', 'node22.cjs');

describe('scripts/node22.cjs (Node 22 for SPFx on a Node 20 machine)', () => {
  it('runs the command with Node 22 first on PATH, whatever node started it', () => {
    // /usr/bin/node is the machine's own Node (20 here); the launcher must still hand Node 22 to the command.
    const starter = process.env.SYSTEM_NODE || '/usr/bin/node';
    const run = spawnSync(starter, [launcher, 'node', '-p', 'process.versions.node'], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^22\./);
  });

  it('passes the exit code through', () => {
    const run = spawnSync(process.execPath, [launcher, 'node', '-e', 'process.exit(7)'], { cwd: root });
    expect(run.status).toBe(7);
  });

  it('says how to use it when no command is given', () => {
    const run = spawnSync(process.execPath, [launcher], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/usage/);
  });
});
