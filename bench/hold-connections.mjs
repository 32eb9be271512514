// A busy host for the bench: listens on 127.0.0.1 and holds `count` loopback connections to itself
// (2 sockets each), prints its listening port, and holds them until stdin closes or it is told to stop.
// Loopback only; bounded by `count` and by the parent's time limit.
import net from 'node:net';

const count = Number(process.argv[2] ?? 1000);
const server = net.createServer(() => {});
const sockets = [];
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  for (let i = 0; i < count; i += 200) {
    const batch = Array.from({ length: Math.min(200, count - i) }, () => new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
      socket.once('error', reject);
      sockets.push(socket);
    }));
    await Promise.all(batch);
  }
  process.stdout.write(`${port}\n`);
});
const stop = () => {
  for (const socket of sockets) socket.destroy();
  server.close();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.resume();
setTimeout(stop, 10 * 60_000).unref(); // never outlive a bench
