import { GeneratorCallback, logger, Tree } from 'nx/src/devkit-exports';
import { writeApi } from './api';
import { writeContract } from './contract';
import { writeDocsEntry } from './docs';
import { eventNames } from './event-names';
import { writeIntegrationSpec } from './integration-spec';
import { writePortalStream } from './portal';
import { prettierFormat } from './prettier';
import { RealtimeEventSchema } from './schema';

/**
 * Formats the files this run created. Unlike `formatFiles`, it leaves the files it edited as their
 * authors formatted them, so the diff is the event and nothing else.
 */
function formatCreated(tree: Tree, paths: string[]): void {
  for (const path of paths) tree.write(path, prettierFormat(tree, path, tree.read(path, 'utf-8') ?? ''));
}

/**
 * `nx g @derm/tools:realtime-event --domain=appointments --name=completed`: writes what
 * docs/adding-an-event.md lists, for a domain event to the clinic's tenant room.
 */
export default async function realtimeEventGenerator(
  tree: Tree,
  options: RealtimeEventSchema,
): Promise<GeneratorCallback> {
  const names = eventNames(options);
  writeContract(tree, names);
  const created = writeApi(tree, names);
  writePortalStream(tree, names);
  writeDocsEntry(tree, names);
  created.push(writeIntegrationSpec(tree, names));
  formatCreated(tree, created);
  return () =>
    logger.info(
      [
        `${names.event} is wired from ${names.className} to the portal. Left to you:`,
        `- publish ${names.className} from the service, inside the unit of work that persists the change;`,
        `- add the payload's other fields to ${names.dataType}, the event class and the listener;`,
        `- drive that REST action in apps/api-integration/src/${names.fileStem}.spec.ts instead of the probe;`,
        `- say when it is emitted in docs/events.md.`,
      ].join('\n'),
    );
}
