/** The options of `nx g @derm/tools:realtime-event` (see schema.json). */
export interface RealtimeEventSchema {
  domain: string;
  name: string;
  subject?: string;
  when?: string;
}
