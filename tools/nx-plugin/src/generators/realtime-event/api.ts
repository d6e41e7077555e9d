import * as ts from 'typescript';
import { Tree } from 'nx/src/devkit-exports';
import { EventNames } from './event-names';
import {
  addNamedImport,
  appendClassMember,
  callStatement,
  classes,
  editFile,
  hasDecorator,
  hasMember,
  readSource,
} from './source-edits';

const libOf = (names: EventNames) => `libs/api/${names.domain}/src`;

/** The internal event a service publishes after persisting the change (`TenantEvent`). */
function writeEventClass(tree: Tree, names: EventNames): string {
  const path = `${libOf(names)}/lib/events/${names.fileStem}.event.ts`;
  if (tree.exists(path)) throw new Error(`${path} already exists`);
  tree.write(
    path,
    `import { TenantEvent } from '@derm/api/events';
import { EventActor } from '@derm/shared/contracts';

export class ${names.className} extends TenantEvent {
  constructor(tenantId: string, actor: EventActor, readonly ${names.idField}: string) {
    super(tenantId, actor);
  }
}
`,
  );
  return path;
}

/** Exported beside the domain's other events, so the domain's services and tests can publish it. */
function exportEventClass(tree: Tree, names: EventNames): void {
  const path = `${libOf(names)}/index.ts`;
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`The domain has no API library: ${path}`);
  const line = `export * from './lib/events/${names.fileStem}.event';`;
  const lines = text.replace(/\n*$/, '').split('\n');
  const lastEvent = lines.map((l) => l.includes("'./lib/events/")).lastIndexOf(true);
  lines.splice(lastEvent === -1 ? lines.length : lastEvent + 1, 0, line);
  tree.write(path, `${lines.join('\n')}\n`);
}

/** The domain's `@RealtimeGateway()` class: in `<domain>.gateway.ts` if there, else the only one. */
function findGateway(tree: Tree, names: EventNames): { path: string; gateway: string } {
  const dir = `${libOf(names)}/lib`;
  const candidates = tree.exists(dir)
    ? tree
        .children(dir)
        .filter((file) => file.endsWith('.gateway.ts'))
        .map((file) => `${dir}/${file}`)
    : [];
  const found = candidates.flatMap((path) =>
    classes(readSource(tree, path))
      .filter((c) => hasDecorator(c, 'RealtimeGateway'))
      .map((gateway) => ({ path, gateway: gateway.name?.text ?? '' })),
  );
  const preferred = found.filter(({ path }) => path.endsWith(`/${names.domain}.gateway.ts`));
  const chosen = preferred.length === 1 ? preferred : found;
  if (chosen.length !== 1)
    throw new Error(`Expected one @RealtimeGateway() class in ${dir}/*.gateway.ts, found ${chosen.length}`);
  return chosen[0];
}

/** The name of the gateway's `TenantBroadcaster` constructor parameter. */
function broadcasterOf(gateway: ts.ClassDeclaration): string {
  const constructor = gateway.members.find(ts.isConstructorDeclaration);
  const parameter = constructor?.parameters.find((p) => p.type?.getText() === 'TenantBroadcaster');
  if (!parameter || !ts.isIdentifier(parameter.name))
    throw new Error(`${gateway.name?.text ?? 'The gateway'} takes no TenantBroadcaster`);
  return parameter.name.text;
}

/** One domain event, one broadcast to the clinic's tenant room. */
function addGatewayListener(tree: Tree, names: EventNames): void {
  const { path, gateway: gatewayName } = findGateway(tree, names);
  editFile(tree, path, (source) => {
    const gateway = classes(source).find((c) => c.name?.text === gatewayName) as ts.ClassDeclaration;
    if (hasMember(gateway, names.listener))
      throw new Error(`${gateway.name?.text} already has a member ${names.listener}`);
    const publish = callStatement('    ', `this.${broadcasterOf(gateway)}.publish`, [
      'audience.tenant(tenantId)',
      `'${names.event}'`,
      `{ ${names.idField} }`,
      'meta',
    ]);
    return [
      ...addNamedImport(source, '@derm/api/events', 'OnDomainEvent'),
      ...addNamedImport(source, '@derm/api/realtime', 'audience'),
      ...addNamedImport(source, `./events/${names.fileStem}.event`, names.className),
      appendClassMember(source, gateway, [
        `@OnDomainEvent(${names.className})`,
        `${names.listener}({ tenantId, ${names.idField}, ...meta }: ${names.className}): void {`,
        ...publish.map((line) => `  ${line}`),
        '}',
      ]),
    ];
  });
}

export function writeApi(tree: Tree, names: EventNames): string[] {
  const created = writeEventClass(tree, names);
  exportEventClass(tree, names);
  addGatewayListener(tree, names);
  return [created];
}
