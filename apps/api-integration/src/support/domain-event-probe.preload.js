// Loaded into a test API process with `--require` (see domain-event-probe.ts), never into a
// deployed one. It lets a suite publish a domain event through the running app's own DomainEvents,
// for events whose service action does not exist yet. It listens on 127.0.0.1 only.
require('reflect-metadata');
const { createServer } = require('node:http');
const { ModulesContainer } = require('@nestjs/core');
const { NestFactoryStatic } = require('@nestjs/core/nest-factory');

const port = Number(process.env.DOMAIN_EVENT_PROBE_PORT);

/** The app's DomainEvents instance, found by class name: the bundle's classes are not importable. */
function domainEventsOf(app) {
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      if (wrapper.metatype && wrapper.metatype.name === 'DomainEvents') return wrapper.instance;
    }
  }
  throw new Error('The app has no DomainEvents provider');
}

/** An event whose class name is `type`: the bus routes by the class name, as for TenantEvent. */
function eventNamed(type, fields) {
  const named = { [type]: class {} }[type];
  return Object.assign(new named(), { occurredAt: new Date() }, fields);
}

function serveProbe(app) {
  const events = domainEventsOf(app);
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      try {
        const { type, fields } = JSON.parse(body);
        if (typeof type !== 'string' || typeof fields?.tenantId !== 'string')
          throw new Error('Expected { type, fields: { tenantId, … } }');
        events.publish(eventNamed(type, fields));
        response.writeHead(204).end();
      } catch (error) {
        response.writeHead(400).end(error.message);
      }
    });
  });
  server.listen(port, '127.0.0.1');
  // The probe must not keep a stopping API alive.
  server.unref();
}

const create = NestFactoryStatic.prototype.create;
NestFactoryStatic.prototype.create = async function (...args) {
  const app = await create.apply(this, args);
  serveProbe(app);
  return app;
};
