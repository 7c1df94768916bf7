/**
 * What the user's project already depends on, for fixes that can use a well-kept library
 * instead of a helper: the nearest package.json above the file (not above the project root the
 * caller passes), and the version installed in node_modules, else the declared range.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Dependency {
  name: string;
  /** The installed version, or the range from package.json when nothing is installed. */
  version: string;
  major: number;
  from: 'installed' | 'range';
  /** The package.json that declares it. */
  manifest: string;
  /** The project's `"type"`: whether plain .js files there are ES modules. */
  moduleType: 'module' | 'commonjs';
}

interface Manifest {
  file: string;
  json: { type?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
}

function readJson(file: string): Manifest['json'] | undefined {
  try {
    const v: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return v && typeof v === 'object' ? (v as Manifest['json']) : undefined;
  } catch {
    return undefined;
  }
}

const inside = (dir: string, root: string) => dir === root || dir.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/** The nearest package.json at or above `dir`; the search stops at `projectRoot` when `dir` is inside it. */
export function nearestManifest(dir: string, projectRoot?: string): Manifest | undefined {
  const root = projectRoot && inside(path.resolve(dir), path.resolve(projectRoot)) ? path.resolve(projectRoot) : undefined;
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const file = path.join(d, 'package.json');
    const json = fs.existsSync(file) ? readJson(file) : undefined;
    if (json) return { file, json };
    if (d === root || d === path.dirname(d)) return undefined;
  }
}

/** The major version a range or version names (`^10.2.0` → 10); tags such as `latest` mean the current one. */
export function majorOf(range: string): number | undefined {
  if (/^\s*(\*|x|latest|workspace:\*?)\s*$/i.test(range)) return Infinity;
  const m = /(\d+)(?:\.(?:\d+|x|\*))*/.exec(range.replace(/^npm:[^@]+@/, ''));
  return m ? Number(m[1]) : undefined;
}

/** The version of `name` the project of `file` depends on, when its nearest package.json lists it. */
export function projectDependency(file: string, name: string, projectRoot?: string): Dependency | undefined {
  const manifest = nearestManifest(path.dirname(file), projectRoot);
  if (!manifest) return undefined;
  const range = manifest.json.dependencies?.[name] ?? manifest.json.devDependencies?.[name];
  if (typeof range !== 'string') return undefined;
  const moduleType = manifest.json.type === 'module' ? 'module' : 'commonjs';
  // Node resolves the package from the project's node_modules or a parent's (workspaces hoist).
  for (let d = path.dirname(manifest.file); ; d = path.dirname(d)) {
    const installed = readJson(path.join(d, 'node_modules', name, 'package.json')) as { version?: unknown } | undefined;
    if (installed && typeof installed.version === 'string') {
      const major = majorOf(installed.version);
      if (major !== undefined) return { name, version: installed.version, major, from: 'installed', manifest: manifest.file, moduleType };
    }
    if (d === path.dirname(d)) break;
  }
  const major = majorOf(range);
  return major === undefined ? undefined : { name, version: range, major, from: 'range', manifest: manifest.file, moduleType };
}
