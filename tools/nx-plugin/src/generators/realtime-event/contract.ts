import * as ts from 'typescript';
import { Tree } from 'nx/src/devkit-exports';
import { EventNames } from './event-names';
import {
  addNamedImport,
  editFile,
  Edit,
  findConstObject,
  findInterface,
  hasMember,
  lineAfter,
  nameOf,
} from './source-edits';

export const CONTRACTS = 'libs/shared/contracts/src/lib';
export const EVENT_MAPS = `${CONTRACTS}/events.ts`;

/** The payload type, beside its domain's other contract types (`appointments.ts`). */
function addPayloadType(tree: Tree, names: EventNames): void {
  const path = `${CONTRACTS}/${names.domain}.ts`;
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`No contract file for the domain: ${path}`);
  if (new RegExp(`\\binterface ${names.dataType}\\b`).test(text))
    throw new Error(`${path} already has ${names.dataType}`);
  tree.write(
    path,
    `${text.replace(/\n*$/, '\n')}\nexport interface ${names.dataType} {\n  ${names.idField}: string;\n}\n`,
  );
}

/** After the last entry of the same subject, so the domain's events stay together; else last. */
function afterSubject<T extends ts.NamedDeclaration>(entries: readonly T[], names: EventNames, fallback = entries): T {
  const ofSubject = entries.filter((entry) => nameOf(entry)?.startsWith(`${names.subject}:`));
  const anchor = ofSubject.at(-1) ?? fallback.at(-1);
  if (!anchor) throw new Error(`Nowhere to add ${names.event}: the map is empty`);
  return anchor;
}

/**
 * The event in the contract's maps: `DomainEventDataMap` types both ends of the socket, and
 * `SERVER_EVENTS` is the list the AsyncAPI document is generated from.
 */
function addToEventMaps(tree: Tree, names: EventNames): void {
  editFile(tree, EVENT_MAPS, (source): Edit[] => {
    const dataMap = findInterface(source, 'DomainEventDataMap');
    const serverEvents = findConstObject(source, 'SERVER_EVENTS');
    if (hasMember(dataMap, names.event) || hasMember(serverEvents, names.event))
      throw new Error(`${names.event} is already in ${EVENT_MAPS}`);
    const domainEntries = serverEvents.properties.filter(
      (p) => ts.isPropertyAssignment(p) && ts.isStringLiteral(p.initializer) && p.initializer.text === 'domain',
    );
    return [
      ...addNamedImport(source, `./${names.domain}`, names.dataType),
      lineAfter(source, afterSubject(dataMap.members, names), `'${names.event}': ${names.dataType};`),
      lineAfter(source, afterSubject(serverEvents.properties, names, domainEntries), `'${names.event}': 'domain',`),
    ];
  });
}

export function writeContract(tree: Tree, names: EventNames): void {
  addPayloadType(tree, names);
  addToEventMaps(tree, names);
}
