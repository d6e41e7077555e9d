export * from './lib/realtime.module';
export * from './lib/realtime-io.adapter';
export * from './lib/realtime-socket';
export * from './lib/broadcast/rooms';
export * from './lib/broadcast/tenant-broadcaster.service';
export * from './lib/commands/command.exception';
export * from './lib/commands/realtime-gateway.decorator';
export * from './lib/commands/ws-jwt.guard';
