import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { CLIENT_COMMAND_NAMES, SERVER_EVENTS } from '@derm/shared/contracts';
import { asyncApiDocument } from './asyncapi-document';

/**
 * Writes the AsyncAPI document of the real-time contract: JSON Schemas derived from the
 * contract's TypeScript types (the event and command maps), so no schema is written by hand.
 */
function main([output]: string[]): void {
  if (!output) throw new Error('Usage: generate-asyncapi <output.json>');
  const root = join(__dirname, '../..');
  const generator = createGenerator({
    path: join(root, 'libs/shared/contracts/src/index.ts'),
    tsconfig: join(root, 'libs/shared/contracts/tsconfig.lib.json'),
    skipTypeCheck: true,
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
  });
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  const document = asyncApiDocument({
    version,
    serverEvents: generator.createSchema('ServerEventPayloadMap'),
    commands: generator.createSchema('ClientCommandMap'),
    commandError: generator.createSchema('CommandError'),
    eventKinds: SERVER_EVENTS,
    commandNames: CLIENT_COMMAND_NAMES,
  });
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, `${JSON.stringify(document, null, 2)}\n`);
}

main(process.argv.slice(2));
