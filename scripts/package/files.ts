import { lstatSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AdmZip from 'adm-zip';

/** One file of an artifact: its path inside it (with /), its size, and (zipped) its compressed size. */
export interface ArtifactFile {
  path: string;
  bytes: number;
  compressedBytes?: number;
}

/** The regular files of a zip. */
export function zipFiles(zipFile: string): ArtifactFile[] {
  return new AdmZip(zipFile)
    .getEntries()
    .filter((entry) => !entry.isDirectory)
    .map((entry) => ({
      path: entry.entryName,
      bytes: entry.header.size,
      compressedBytes: entry.header.compressedSize,
    }));
}

/** The files below `dir`, symbolic links included as themselves. */
export function folderFiles(dir: string, prefix = ''): ArtifactFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory()) return folderFiles(join(dir, entry.name), `${path}/`);
    return [{ path, bytes: lstatSync(join(dir, entry.name)).size }];
  });
}

/** Zips the contents of `dir` (file modes kept: Lambda needs its files world-readable). */
export function zipFolder(dir: string, zipFile?: string): Buffer {
  const zip = new AdmZip();
  zip.addLocalFolder(dir);
  const buffer = zip.toBuffer();
  if (zipFile) writeFileSync(zipFile, buffer);
  return buffer;
}

export function unzip(zipFile: string, to: string): void {
  new AdmZip(zipFile).extractAllTo(to, true, true);
}

export const totalBytes = (files: ArtifactFile[]) => files.reduce((sum, file) => sum + file.bytes, 0);
