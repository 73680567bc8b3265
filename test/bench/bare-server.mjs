// The yardstick for the HTTP figures: a bare Fastify route on the same machine, same run.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/bare', async () => ({ status: 'ok' }));
// The same for a JSON body sent and an id returned: what a matter intake does at the least.
app.post('/bare', async (req, reply) => reply.status(201).send({ id: String(req.body?.clientKey ?? ''), created: true }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.send?.('ready');
