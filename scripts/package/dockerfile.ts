/** Dockerfile instructions of one kind, continuation lines joined. */
export function instructions(dockerfile: string, kind: string): string[] {
  return dockerfile
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((line) => line.startsWith(`${kind} `))
    .map((line) => line.slice(kind.length + 1).trim());
}
