import { readFileSync } from 'node:fs';

/**
 * The JSON lines an API wrote to its log file so far. The API may be writing while the file is
 * read: only what ends in a newline is a whole line.
 */
export function readJsonLog<Line>(logFile: string): Line[] {
  const text = readFileSync(logFile, 'utf8');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);
}
