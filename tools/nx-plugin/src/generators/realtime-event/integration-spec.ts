import { Tree } from 'nx/src/devkit-exports';
import { EventNames } from './event-names';

/**
 * A live spec of the event in the built API: the probe publishes the domain event inside the
 * running app, and the real gateway, broadcaster and rooms must bring it to every colleague of the
 * clinic and to nobody of another clinic. Once a service action publishes it, the REST call replaces the probe.
 */
export function writeIntegrationSpec(tree: Tree, names: EventNames): string {
  const path = `apps/api-integration/src/${names.fileStem}.spec.ts`;
  if (tree.exists(path)) throw new Error(`${path} already exists`);
  const { event, className, dataType, idField } = names;
  tree.write(
    path,
    `import { randomUUID } from 'node:crypto';
import { ${dataType} } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession } from '@derm/shared/test-client';
import { DomainEventProbe, startApiServerWithProbe } from './support/domain-event-probe';

// The probe publishes ${className} inside the running API. Once a service publishes it, call
// that REST action here instead, as appointments.spec.ts does.
describe('${event}, live', () => {
  let server: ApiServer;
  let probe: DomainEventProbe;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let otherClinic: StaffSession;
  let clinicSockets: RealtimeTestClient[];
  let otherSocket: RealtimeTestClient;

  beforeAll(async () => {
    ({ server, probe } = await startApiServerWithProbe());
    [frontDesk, nurse, otherClinic] = await Promise.all([
      StaffSession.signIn(server.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'frontdesk@lakeside.test'),
    ]);
    clinicSockets = [await frontDesk.connect(), await nurse.connect()];
    otherSocket = await otherClinic.connect();
  });
  afterAll(async () => {
    [frontDesk, nurse, otherClinic].forEach((session) => session?.close());
    await server?.dispose();
  });

  it('reaches every colleague of the clinic in the envelope, and nobody of another clinic', async () => {
    const actor = { id: frontDesk.userId, name: frontDesk.login.user.name };
    const data: ${dataType} = { ${idField}: randomUUID() };
    await probe.publish('${className}', { tenantId: frontDesk.tenantId, actor, ...data });

    const received = await Promise.all(
      clinicSockets.map((socket) =>
        socket.waitFor('${event}', (e) => e.data.${idField} === data.${idField}),
      ),
    );
    for (const event of received) {
      expect(event).toEqual({
        id: expect.any(String),
        type: '${event}',
        tenantId: frontDesk.tenantId,
        occurredAt: expect.any(String),
        actor,
        data,
      });
    }
    expect(new Set(received.map((e) => e.id)).size).toBe(1);
    await otherSocket.expectNone('${event}');
  });

  it("brings another clinic's event to that clinic only", async () => {
    const data: ${dataType} = { ${idField}: randomUUID() };
    await probe.publish('${className}', { tenantId: otherClinic.tenantId, ...data });

    const isIt = (e: { data: ${dataType} }) => e.data.${idField} === data.${idField};
    expect((await otherSocket.waitFor('${event}', isIt)).tenantId).toBe(otherClinic.tenantId);
    await Promise.all(clinicSockets.map((socket) => socket.expectNone('${event}', isIt)));
  });
});
`,
  );
  return path;
}
