/** Who caused a domain event: shown to staff ("checked in by …"), never a secret. */
export interface EventActor {
  id: string;
  name: string;
}

/**
 * Every server → client domain event travels in this envelope so that clients can
 * de-duplicate (`id`) and order (`occurredAt`) what they receive, whatever the domain.
 */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  id: string;
  type: TType;
  tenantId: string;
  /** ISO 8601 */
  occurredAt: string;
  actor?: EventActor;
  data: TData;
}
