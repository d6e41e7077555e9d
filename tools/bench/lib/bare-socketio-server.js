// The baseline: a bare Socket.IO 4.8 server. io.use checks a JWT and joins the tenant and user
// rooms; POST /emit { rooms, event, payload } broadcasts once to those rooms. No database, no
// event bus, no recovery. Started by the benchmark with PORT and JWT_SECRET.
const { createSecretKey } = require('node:crypto');
const { createServer } = require('node:http');
const { verify } = require('jsonwebtoken');
const { Server } = require('socket.io');

// A key object, as the API's JwtModule gets: a string secret costs a failed public-key parse per verify.
const secret = createSecretKey(Buffer.from(process.env.JWT_SECRET, 'utf8'));

const http = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/emit') return res.writeHead(404).end();
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const { rooms, event, payload } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    io.to(rooms).emit(event, payload);
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
  });
});

const io = new Server(http);
io.use((socket, next) => {
  try {
    const claims = verify(socket.handshake.auth.token, secret);
    socket.data = { userId: claims.sub, tenantId: claims.tid };
    socket.join([`tenant:${claims.tid}`, `tenant:${claims.tid}:user:${claims.sub}`]);
    next();
  } catch {
    next(new Error('UNAUTHORIZED'));
  }
});
io.on('connection', (socket) => socket.emit('session:ready', { userId: socket.data.userId }));

http.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => io.close(() => process.exit(0)));
