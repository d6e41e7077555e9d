import { DeliveryCheck } from './results';
import { Delivery } from './worker-protocol';

/**
 * Compares deliveries with what was expected: for each event key, the sockets that had to get it.
 * Returns the check and, per key, the arrival times of its first delivery to each socket.
 */
export function checkDeliveries(
  expected: Map<string, Set<number>>,
  deliveries: Delivery[],
): { check: DeliveryCheck; arrivals: Map<string, number[]> } {
  const seen = new Map<string, Set<number>>();
  const arrivals = new Map<string, number[]>();
  const check: DeliveryCheck = { expected: 0, delivered: deliveries.length, missing: 0, duplicates: 0, unexpected: 0 };
  for (const sockets of expected.values()) check.expected += sockets.size;
  for (const [socket, key, at] of deliveries) {
    const wanted = expected.get(key);
    if (!wanted?.has(socket)) {
      check.unexpected++;
      continue;
    }
    const got = seen.get(key) ?? new Set<number>();
    seen.set(key, got);
    if (got.has(socket)) {
      check.duplicates++;
      continue;
    }
    got.add(socket);
    const times = arrivals.get(key) ?? [];
    arrivals.set(key, times);
    times.push(at);
  }
  for (const [key, sockets] of expected) check.missing += sockets.size - (seen.get(key)?.size ?? 0);
  return { check, arrivals };
}
