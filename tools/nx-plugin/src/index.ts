export { default as realtimeEventGenerator } from './generators/realtime-event/generator';
export type { RealtimeEventSchema } from './generators/realtime-event/schema';
