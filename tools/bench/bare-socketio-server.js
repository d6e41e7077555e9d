// Baseline for the fan-out benchmark: a bare Socket.IO server with no auth, no database and no
// event bus. POST /emit broadcasts one envelope-sized payload to every connected socket.
const { createServer } = require('node:http');
const { randomUUID } = require('node:crypto');
const { Server } = require('socket.io');

const http = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/emit') return res.writeHead(404).end();
  const event = {
    id: randomUUID(),
    type: 'appointment:created',
    tenantId: randomUUID(),
    occurredAt: new Date().toISOString(),
    actor: { id: randomUUID(), name: 'Felix Park' },
    data: { appointment: { id: randomUUID(), patientName: 'Jordan Blake', providerName: 'Dr. Ana Ortiz', status: 'scheduled' } },
  };
  io.to('all').emit('appointment:created', event);
  res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(event));
});
const io = new Server(http);
io.on('connection', (socket) => socket.join('all'));
http.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
