import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { MessageEntity, MessageThreadEntity, ThreadParticipantEntity } from '@derm/api/messaging';
import { StaffRole } from '@derm/shared/contracts';

interface SeededStaff {
  id: string;
  role: StaffRole;
}

/** Who says what, oldest first; the front desk has not read the last message yet. */
const CONVERSATION: [from: StaffRole, body: (patient: string) => string][] = [
  ['front-desk', (patient) => `${patient} is here early for the morning skin check.`],
  ['nurse', () => 'Thanks, I will take them to exam room 2.'],
  ['provider', () => 'Great, I will be there in ten minutes.'],
];
const UNREAD_BY: StaffRole = 'front-desk';

/** One thread per demo clinic between its provider, nurse and front desk, about its first patient. */
export async function seedDemoThread(
  manager: EntityManager,
  tenantId: string,
  staff: readonly SeededStaff[],
  patient: { id: string; displayName: string },
): Promise<void> {
  const lines = CONVERSATION.flatMap(([role, body]) => {
    const sender = staff.find((member) => member.role === role);
    return sender ? [{ sender, body: body(patient.displayName) }] : [];
  });
  if (lines.length !== CONVERSATION.length) return;

  const threadId = randomUUID();
  const start = Date.now() - 30 * 60_000;
  const messages = lines.map(({ sender, body }, index) => ({
    id: randomUUID(),
    tenantId,
    threadId,
    kind: 'message' as const,
    senderId: sender.id,
    body,
    sentAt: new Date(start + index * 5 * 60_000),
  }));
  const last = messages[messages.length - 1];
  await manager.insert(MessageThreadEntity, {
    id: threadId,
    tenantId,
    subject: `${patient.displayName}: morning skin check`,
    patientId: patient.id,
    createdById: messages[0].senderId,
    lastMessageId: last.id,
    lastActivityAt: last.sentAt,
  });
  await manager.insert(MessageEntity, messages);
  await manager.insert(
    ThreadParticipantEntity,
    [...new Set(lines.map(({ sender }) => sender))].map((person) => {
      const read = person.role === UNREAD_BY ? messages[messages.length - 2] : last;
      return {
        id: randomUUID(),
        tenantId,
        threadId,
        userId: person.id,
        lastReadMessageId: read.id,
        lastReadSentAt: read.sentAt,
      };
    }),
  );
}
