import { Injectable, Optional } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RestTurns } from '@derm/api/auth';
import { ClinicActivity } from './activity/clinic-activity.service';
import type { RefusedSocket } from './activity/refusal-attribution';
import { commandLabel, commandOutcome, handshakeOutcome, roleLabel } from './labels';

/** What the metrics read of the Socket.IO server: its default namespace's sockets and rooms. */
export interface ObservedServer {
  of(namespace: '/'): {
    adapter: { rooms: Map<string, Set<string>> };
    sockets: Map<string, { data?: { role?: unknown }; conn: { transport: { name: string } } }>;
  };
}

/** Where a broadcast goes, as the broadcaster hands it to Socket.IO. */
export interface BroadcastTarget {
  event: string;
  rooms: readonly string[];
  except?: readonly string[];
  /** The clinic of the audience, for that clinic's own activity figures (never a label). */
  tenantId?: string;
  /** Set when sent to one socket of this node: a connection caught up on what its clinic already had. */
  socketId?: string;
}

/**
 * Every series `/metrics` exposes, in one registry of the node's own. Labels take values from
 * bounded sets only (contract names, error codes, roles, transports): no tenant, user, thread or
 * patient id ever becomes a label, so the series carry no clinic data and their count is fixed.
 */
@Injectable()
export class RealtimeMetrics {
  readonly registry = new Registry();
  private server?: ObservedServer;

  private readonly handshakes = new Counter({
    name: 'derm_ws_handshakes_total',
    help: 'Socket.IO handshakes by outcome: accepted, or the refusal code',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly commands = new Counter({
    name: 'derm_ws_commands_received_total',
    help: 'Client commands received, by name (names outside the contract count as "unknown")',
    labelNames: ['command'],
    registers: [this.registry],
  });
  private readonly commandDuration = new Histogram({
    name: 'derm_ws_command_duration_seconds',
    help: 'Time from a command arriving to its acknowledgement, by name and outcome (ok or the error code)',
    labelNames: ['command', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  private readonly published = new Counter({
    name: 'derm_events_published_total',
    help: 'Domain events and signals this node published to clients, by type',
    labelNames: ['type'],
    registers: [this.registry],
  });
  private readonly fanout = new Histogram({
    name: 'derm_broadcast_fanout_sockets',
    help: 'Sockets of this node addressed by one broadcast this node published',
    buckets: [0, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
    registers: [this.registry],
  });
  private readonly redisErrors = new Counter({
    name: 'derm_redis_adapter_errors_total',
    help: 'Errors of the Redis Streams adapter: its connection failing, or a broadcast not written to the stream',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  private readonly chartViewAuditFailures = new Counter({
    name: 'derm_chart_view_audit_write_failures_total',
    help: "Failed attempts at ending or continuing a chart view's audit row, each tried again until written",
    labelNames: ['write'],
    registers: [this.registry],
  });

  /** `activity` hands what belongs to one clinic to the operations page, beside these clinic-free series. */
  constructor(
    @Optional() private readonly activity?: ClinicActivity,
    @Optional() restTurns?: RestTurns,
  ) {
    collectDefaultMetrics({ register: this.registry });
    // Zero from the start, so an alert on increase() sees the first error.
    for (const kind of ['connection', 'publish'] as const) this.redisErrors.labels({ kind }).inc(0);
    for (const write of ['closed', 'continued'] as const) this.chartViewAuditFailures.labels({ write }).inc(0);
    const sockets = this.socketCounts.bind(this);
    new Gauge({
      name: 'derm_ws_connected_sockets',
      help: 'Sockets connected to this node, by role and transport',
      labelNames: ['role', 'transport'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [key, count] of sockets()) {
          const [role, transport] = key.split('|');
          this.set({ role, transport }, count);
        }
      },
    });
    new Gauge({
      name: 'derm_rest_requests_waiting',
      help: "REST requests on this node waiting for one of the same person's requests to be answered (REST_IN_FLIGHT_PER_PERSON)",
      registers: [this.registry],
      collect() {
        this.set(restTurns?.waiting ?? 0);
      },
    });
  }

  /** The Socket.IO server whose sockets and rooms are counted at scrape time. */
  watch(server: ObservedServer): void {
    this.server = server;
  }

  /** `socket`: the refused socket, when there is one, so the refusal can be attributed to its clinic. */
  handshake(refusalCode: unknown, socket?: RefusedSocket): void {
    this.handshakes.inc({ outcome: handshakeOutcome(refusalCode) });
    if (refusalCode !== undefined && socket) this.activity?.handshakeRefused(refusalCode, socket);
  }

  /** A command arrived; returns what to call with its ack, if the client asked for one. */
  commandReceived(name: string): (ack: unknown) => void {
    const command = commandLabel(name);
    this.commands.inc({ command });
    const stop = this.commandDuration.startTimer({ command });
    return (ack) => stop({ outcome: commandOutcome(ack) });
  }

  broadcast({ event, rooms, except, tenantId, socketId }: BroadcastTarget): void {
    this.published.inc({ type: event });
    // A reconnecting tab shown a pending alert again is no new activity of its clinic.
    if (!socketId) this.activity?.broadcast(tenantId, event);
    this.fanout.observe(this.localRecipients(rooms, except));
  }

  redisAdapterError(kind: 'connection' | 'publish'): void {
    this.redisErrors.inc({ kind });
  }

  chartViewAuditWriteFailed(write: 'closed' | 'continued'): void {
    this.chartViewAuditFailures.inc({ write });
  }

  /** Socket ids in the rooms, on this node, less those in `except`: what Socket.IO's adapter will write to. */
  private localRecipients(rooms: readonly string[], except: readonly string[] = []): number {
    const adapterRooms = this.server?.of('/').adapter.rooms;
    if (!adapterRooms) return 0;
    if (rooms.length === 1 && except.length === 0) return adapterRooms.get(rooms[0])?.size ?? 0;
    const excluded = new Set(except.flatMap((room) => [...(adapterRooms.get(room) ?? [])]));
    const recipients = new Set<string>();
    for (const room of rooms) {
      for (const id of adapterRooms.get(room) ?? []) if (!excluded.has(id)) recipients.add(id);
    }
    return recipients.size;
  }

  private socketCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const socket of this.server?.of('/').sockets.values() ?? []) {
      const key = `${roleLabel(socket.data?.role)}|${socket.conn.transport.name}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }
}
