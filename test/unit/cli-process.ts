// Runs the built CLI (`node bin/authmate.js`, built by `npm test`) as users run it: stdin closed
// (not a terminal), CI=true, none of this machine's AUTHMATE_ variables (nor others a test names),
// a hang killed after 20 s so it fails the case, not the run.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runCli(
  args: string[],
  env: Record<string, string> = {},
  o: { dropEnv?: (name: string) => boolean; nodeArgs?: string[] } = {},
): Promise<CliRun> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AUTHMATE_') && !o.dropEnv?.(k)));
  const started = Date.now();
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [...(o.nodeArgs ?? []), join(ROOT, 'bin/authmate.js'), ...args], {
      env: { ...clean, CI: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', rej);
    child.on('close', (code) => {
      clearTimeout(timer);
      res({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}
