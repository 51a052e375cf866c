import { modelFiles } from '../build';
import type { ArtifactFile } from './files';
import type { Arch } from './prune';

// ELF e_machine of each architecture's native code.
const ELF_MACHINE: Record<Arch, number> = { x64: 0x3e, arm64: 0xb7 };

/** The architecture an ELF binary was built for, or undefined when it is not ELF. */
export function elfArch(header: Buffer): Arch | 'other' | undefined {
  if (header.length < 20 || header.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const machine = header.readUInt16LE(18);
  return (Object.keys(ELF_MACHINE) as Arch[]).find((arch) => ELF_MACHINE[arch] === machine) ?? 'other';
}

export interface Expect {
  arch: Arch;
  /** Where the models sit inside the artifact, e.g. `models/` or `dist/models/`. */
  modelsAt: string;
  /** Files that must be there: the entry point, package.json... */
  required: string[];
  /** Whether onnxruntime-node ships inside (false: the provider installs it, as on Google Cloud). */
  nodeModules: boolean;
  sourcemap?: boolean;
}

/**
 * What is wrong with an artifact's file list: a missing entry, model or native binary, or anything that
 * is no runtime file of the target (other platforms' binaries, CUDA/TensorRT, tests, sources, source maps,
 * install-time packages). Empty when it is right.
 */
export function audit(files: ArtifactFile[], expect: Expect): string[] {
  const paths = new Set(files.map((file) => file.path));
  const problems: string[] = [];
  const required = [...expect.required, ...modelFiles().map((file) => `${expect.modelsAt}${file}`)];
  for (const path of required) if (!paths.has(path)) problems.push(`missing ${path}`);
  const bin = `node_modules/onnxruntime-node/bin/napi-v[0-9]+/linux/${expect.arch}/`;
  if (expect.nodeModules) {
    for (const name of ['onnxruntime_binding\\.node', 'libonnxruntime\\.so[.0-9]*'])
      if (![...paths].some((path) => new RegExp(`^${bin}${name}$`).test(path)))
        problems.push(`missing ${bin}${name.replaceAll('\\', '')}`);
  } else if ([...paths].some((path) => path.startsWith('node_modules/'))) {
    problems.push('carries node_modules/ although the provider installs the dependencies');
  }
  const forbidden: [RegExp, string][] = [
    [/cuda|tensorrt|directml|\.dll$|\.dylib$/i, 'GPU or other-platform library'],
    [/^node_modules\/onnxruntime-node\/bin\//, 'onnxruntime-node binary of another platform or architecture'],
    [/(^|\/)(__tests__|tests?)\/|\.(test|spec)\.[cm]?[jt]s$/, 'test file'],
    [/\.[cm]?ts$/, 'TypeScript file'],
    [/(^|\/)node_modules\/(adm-zip|global-agent)\//, "onnxruntime-node's install-time dependency"],
  ];
  if (!expect.sourcemap) forbidden.push([/\.map$/, 'source map']);
  for (const path of paths) {
    if (new RegExp(`^${bin}[^/]+$`).test(path) && !/cuda|tensorrt/i.test(path)) continue;
    const hit = forbidden.find(([pattern]) => pattern.test(path));
    if (hit) problems.push(`${hit[1]}: ${path}`);
  }
  return problems;
}

/** Native files (`.node`, `.so`) whose ELF header is not for `arch`; `head` reads a file's first bytes. */
export function auditBinaries(files: ArtifactFile[], head: (path: string) => Buffer, arch: Arch): string[] {
  return files
    .filter((file) => /\.node$|\.so(\.[0-9]+)*$/.test(file.path))
    .flatMap((file) => {
      const found = elfArch(head(file.path));
      return found === arch
        ? []
        : [`${file.path} is ${found ? `ELF for ${found}` : 'not ELF'}, not linux/${arch}`];
    });
}
