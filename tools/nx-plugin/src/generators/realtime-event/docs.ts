import { Tree } from 'nx/src/devkit-exports';
import { EventNames } from './event-names';

export const EVENTS_DOC = 'docs/events.md';

const cells = (row: string) =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());

/** A row for the event, filling the columns it can name: the event, its audience, its data, when. */
function rowFor(header: string[], names: EventNames): string {
  const row = header.map((column, index) => {
    if (index === 0) return `\`${names.event}\``;
    if (/^to\b|audience/i.test(column)) return 'tenant room';
    if (/data|payload/i.test(column)) return `\`{ ${names.idField} }\``;
    if (/when/i.test(column)) return names.when;
    return '';
  });
  return `| ${row.join(' | ')} |`;
}

/**
 * The event in the reference, as a row of the first table of the domain's section (`## Appointments`),
 * or in a new section at the end when the domain has none yet.
 */
export function writeDocsEntry(tree: Tree, names: EventNames): void {
  const text = tree.read(EVENTS_DOC, 'utf-8');
  if (text === null) throw new Error(`${EVENTS_DOC} does not exist`);
  if (text.includes(`\`${names.event}\``)) throw new Error(`${EVENTS_DOC} already documents ${names.event}`);
  const lines = text.replace(/\n*$/, '').split('\n');
  const title = names.domain[0].toUpperCase() + names.domain.slice(1).replace(/-/g, ' ');
  const section = lines.findIndex((line) => line.trim().toLowerCase() === `## ${title.toLowerCase()}`);
  const sectionEnd = lines.findIndex((line, i) => i > section && line.startsWith('## '));
  const end = sectionEnd === -1 ? lines.length : sectionEnd;
  const header =
    section === -1 ? -1 : lines.findIndex((line, i) => i > section && i < end && /^\|\s*-/.test(lines[i + 1] ?? ''));
  if (header === -1) {
    const columns = ['event', 'to', 'data', 'emitted when'];
    lines.push(
      '',
      `## ${title}`,
      '',
      `| ${columns.join(' | ')} |`,
      `|${columns.map(() => '---|').join('')}`,
      rowFor(columns, names),
    );
  } else {
    let last = header + 1;
    while (lines[last + 1]?.startsWith('|')) last++;
    lines.splice(last + 1, 0, rowFor(cells(lines[header]), names));
  }
  tree.write(EVENTS_DOC, `${lines.join('\n')}\n`);
}
