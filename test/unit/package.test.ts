// The package as users install it: `dependencies` is exactly what src/ imports at run time, and
// nothing a user installs runs an install script (npm 11 warns about those).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean; hasInstallScript?: boolean }>;
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Package names of every bare import (static or dynamic) in src/. */
function importedPackages(): Set<string> {
  const found = new Set<string>();
  for (const file of sources(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const statics = text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^'.][^']*)'/gm);
    const dynamics = text.matchAll(/\bimport\(\s*'([^'.][^']*)'\s*\)/g);
    for (const m of [...statics, ...dynamics]) {
      const spec = m[1]!;
      if (spec.startsWith('node:')) continue;
      found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return found;
}

describe('package.json', () => {
  it('dependencies = the packages src/ imports', () => {
    expect([...importedPackages()].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });

  it('no package a user installs has an install script', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && !p.dev && p.hasInstallScript)
      .map(([path]) => path);
    expect(withScripts).toEqual([]);
  });
});
