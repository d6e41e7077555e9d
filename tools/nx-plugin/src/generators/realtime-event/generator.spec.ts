import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { Tree, workspaceRoot } from 'nx/src/devkit-exports';
import { createTreeWithEmptyWorkspace } from 'nx/src/devkit-testing-exports';
import realtimeEventGenerator from './generator';
import { prettierFormat } from './prettier';

/** The workspace's own files the generator reads and edits, copied into a test tree. */
const REAL_FILES = [
  '.prettierrc',
  'docs/events.md',
  ...['appointments', 'messaging'].flatMap((domain) => [`libs/api/${domain}/src/index.ts`]),
  'libs/api/appointments/src/lib/appointments.gateway.ts',
  'libs/api/messaging/src/lib/messaging.gateway.ts',
  'libs/portal/appointments/src/lib/data/appointment-events.service.ts',
  'libs/portal/appointments/src/lib/data/appointments-api.service.ts',
  'libs/portal/messaging/src/lib/data/messaging-events.service.ts',
];
const CONTRACTS = 'libs/shared/contracts/src';

function treeOfRealFiles(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  const contracts = ts.sys.readDirectory(join(workspaceRoot, CONTRACTS), ['.ts'], ['**/*.spec.ts']);
  const paths = [...REAL_FILES, ...contracts.map((file) => file.slice(workspaceRoot.length + 1))];
  for (const path of paths) tree.write(path, readFileSync(join(workspaceRoot, path), 'utf8'));
  return tree;
}

const read = (tree: Tree, path: string) => tree.read(path, 'utf-8') ?? '';

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
};
const realHost = ts.createCompilerHost(COMPILER_OPTIONS);
/** The compiler's own libraries, parsed once for every program of the suite. */
const libraries = new Map<string, ts.SourceFile | undefined>();

/** The compiler's verdict on the contract library as the tree holds it (at `/` + its path). */
function contractDiagnostics(tree: Tree): string[] {
  const inTree = (file: string) => file.startsWith(`/${CONTRACTS}`);
  const fromTree = (file: string) => tree.read(file.slice(1), 'utf-8') ?? undefined;
  const host: ts.CompilerHost = {
    ...realHost,
    getCurrentDirectory: () => '/',
    realpath: (file) => file,
    directoryExists: (dir) => inTree(`${dir}/`) || (realHost.directoryExists?.(dir) ?? false),
    fileExists: (file) => (inTree(file) ? tree.exists(file.slice(1)) : realHost.fileExists(file)),
    readFile: (file) => (inTree(file) ? fromTree(file) : realHost.readFile(file)),
    getSourceFile: (file, language) => {
      if (!inTree(file)) {
        if (!libraries.has(file)) libraries.set(file, realHost.getSourceFile(file, language));
        return libraries.get(file);
      }
      const text = fromTree(file);
      return text === undefined ? undefined : ts.createSourceFile(file, text, language);
    },
  };
  const program = ts.createProgram({
    rootNames: [`/${CONTRACTS}/index.ts`],
    options: COMPILER_OPTIONS,
    host,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('realtime-event generator', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = treeOfRealFiles();
  });

  // A name no hand-written event will take (the check in CI uses it too), so the real files can
  // grow without breaking these tests; the neighbours are asserted by kind, not by name.
  describe('appointments, generator-probe', () => {
    const lines = (path: string) => read(tree, path).split('\n');
    /** The lines just before and after the one equal to `line`, which must exist once. */
    const around = (path: string, line: string) => {
      const all = lines(path);
      expect(all.filter((l) => l === line)).toHaveLength(1);
      const at = all.indexOf(line);
      return { before: all[at - 1], after: all[at + 1] };
    };

    // One run for the whole block: the generator's output is what every test reads.
    let generated: Tree;
    beforeAll(async () => {
      generated = treeOfRealFiles();
      await realtimeEventGenerator(generated, { domain: 'appointments', name: 'generator-probe' });
    });
    beforeEach(() => {
      tree = generated;
    });

    it('adds the payload type and lists the event in both contract maps, last of its subject', () => {
      expect(read(tree, `${CONTRACTS}/lib/appointments.ts`)).toMatch(
        /\n\nexport interface AppointmentGeneratorProbeData \{\n {2}appointmentId: string;\n\}\n$/,
      );
      const maps = `${CONTRACTS}/lib/events.ts`;
      for (const entry of [
        "  'appointment:generator-probe': AppointmentGeneratorProbeData;",
        "  'appointment:generator-probe': 'domain',",
      ]) {
        const { before, after } = around(maps, entry);
        expect(before).toMatch(/^ {2}'appointment:/);
        expect(after).not.toMatch(/^ {2}'appointment:/);
      }
      const imported = read(tree, maps).match(/import \{([^}]*)\} from '\.\/appointments';/)?.[1];
      const names =
        imported
          ?.split(',')
          .map((name) => name.trim())
          .filter(Boolean) ?? [];
      expect(names).toContain('AppointmentGeneratorProbeData');
      expect(names).toEqual([...names].sort());
    });

    it('leaves a contract the compiler accepts: the maps and SERVER_EVENTS still agree', () => {
      expect(contractDiagnostics(tree)).toEqual([]);
    });

    it('fails the compiler when SERVER_EVENTS misses a mapped event, so the check above can fail', () => {
      const path = `${CONTRACTS}/lib/events.ts`;
      const broken = treeOfRealFiles();
      for (const change of tree.listChanges()) broken.write(change.path, change.content ?? '');
      broken.write(path, read(tree, path).replace("  'appointment:generator-probe': 'domain',\n", ''));
      expect(contractDiagnostics(broken).join('\n')).toContain('appointment:generator-probe');
    });

    it('writes the domain event class and exports it after the domain library’s other events', () => {
      const event = read(tree, 'libs/api/appointments/src/lib/events/appointment-generator-probe.event.ts');
      expect(event).toContain('export class AppointmentGeneratorProbe extends TenantEvent {');
      expect(event).toContain('readonly appointmentId: string,');
      expect(event).toContain('super(tenantId, actor);');
      const { before } = around(
        'libs/api/appointments/src/index.ts',
        "export * from './lib/events/appointment-generator-probe.event';",
      );
      expect(before).toMatch(/^export \* from '\.\/lib\/events\//);
    });

    it('adds a gateway listener that broadcasts to the tenant room, with its import in order', () => {
      const path = 'libs/api/appointments/src/lib/appointments.gateway.ts';
      const eventImports = lines(path).filter((line) => line.includes("from './events/"));
      expect(eventImports).toContain(
        "import { AppointmentGeneratorProbe } from './events/appointment-generator-probe.event';",
      );
      expect(eventImports).toEqual([...eventImports].sort());
      const listener = [
        '  @OnDomainEvent(AppointmentGeneratorProbe)',
        '  generatorProbe({ tenantId, appointmentId, ...meta }: AppointmentGeneratorProbe): void {',
        '    this.broadcaster.publish(',
        '      audience.tenant(tenantId),',
        "      'appointment:generator-probe',",
        '      { appointmentId },',
        '      meta,',
        '    );',
        '  }',
      ].join('\n');
      expect(read(tree, path).endsWith(`  }\n\n${listener}\n}\n`)).toBe(true);
    });

    it("adds a typed stream after the other streams of the domain's portal events service", () => {
      const { before, after } = around(
        'libs/portal/appointments/src/lib/data/appointment-events.service.ts',
        "  readonly generatorProbe$ = this.connection.on('appointment:generator-probe');",
      );
      expect(before).toMatch(/^ {2}readonly \w+\$ = this\.connection\.on\('appointment:/);
      expect(after).toBe('}');
    });

    it("documents it in the domain's table of docs/events.md", () => {
      const { before } = around(
        'docs/events.md',
        '| `appointment:generator-probe` | `{ appointmentId }` | the service publishes `AppointmentGeneratorProbe` |',
      );
      expect(before).toMatch(/^\| `appointment:/);
    });

    it('writes a live integration spec that publishes the event and asserts who receives it', () => {
      // Compared with the whitespace collapsed: Prettier decides where its lines break.
      const squash = (text: string) =>
        text.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/,? \)/g, ')').replace(/,? \}/g, ' }');
      const spec = squash(read(tree, 'apps/api-integration/src/appointment-generator-probe.spec.ts'));
      for (const expected of [
        "await probe.publish('AppointmentGeneratorProbe', { tenantId: frontDesk.tenantId, actor, ...data });",
        "socket.waitFor('appointment:generator-probe', (e) => e.data.appointmentId === data.appointmentId)",
        "await otherSocket.expectNone('appointment:generator-probe');",
        "await probe.publish('AppointmentGeneratorProbe', { tenantId: otherClinic.tenantId, ...data });",
        "socket.expectNone('appointment:generator-probe', isIt)",
      ])
        expect(spec).toContain(squash(expected));
      expect(spec).not.toMatch(/\.(only|skip)\(|\bxit\(|\btodo\(/);
    });

    it('writes new files as Prettier would', () => {
      for (const path of [
        'libs/api/appointments/src/lib/events/appointment-generator-probe.event.ts',
        'apps/api-integration/src/appointment-generator-probe.spec.ts',
      ]) {
        expect(prettierFormat(tree, path, read(tree, path))).toBe(read(tree, path));
      }
    });

    it('refuses to add the same event twice, and changes nothing then', async () => {
      const before = tree.listChanges().map((change) => [change.path, change.content?.toString()]);
      await expect(realtimeEventGenerator(tree, { domain: 'appointments', name: 'generator-probe' })).rejects.toThrow(
        'already',
      );
      expect(tree.listChanges().map((change) => [change.path, change.content?.toString()])).toEqual(before);
    });
  });

  it('names the subject when it is not the domain without its s, and fills the columns of that table', async () => {
    await realtimeEventGenerator(tree, {
      domain: 'messaging',
      subject: 'message',
      name: 'pinned',
      when: 'a participant pins it',
    });
    expect(read(tree, `${CONTRACTS}/lib/messaging.ts`)).toContain(
      'export interface MessagePinnedData {\n  messageId: string;\n}',
    );
    expect(read(tree, 'libs/api/messaging/src/lib/messaging.gateway.ts')).toContain(
      'pinned({ tenantId, messageId, ...meta }: MessagePinned): void {',
    );
    expect(read(tree, 'libs/portal/messaging/src/lib/data/messaging-events.service.ts')).toContain(
      "readonly pinned$ = this.connection.on('message:pinned');",
    );
    expect(read(tree, 'docs/events.md')).toContain(
      '| `message:pinned` | tenant room | `{ messageId }` | a participant pins it |',
    );
    expect(contractDiagnostics(tree)).toEqual([]);
  });

  it.each([
    [{ domain: 'appointments', name: 'Completed' }, '--name must be kebab case'],
    [{ domain: 'billing', name: 'paid' }, 'No contract file for the domain: libs/shared/contracts/src/lib/billing.ts'],
  ])('refuses %j with a message saying why', async (options, message) => {
    await expect(realtimeEventGenerator(tree, options)).rejects.toThrow(message);
  });
});
