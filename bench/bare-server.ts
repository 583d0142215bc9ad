/** The baseline: a bare node:http server answering the same shape of 302 with a cookie. */
import http from 'node:http';

const server = http.createServer({ keepAlive: true }, (_req, res) => {
  res.writeHead(302, {
    Location: 'http://127.0.0.1:3000/demo-shop/alza-cz?subid=abcdefghijklmnopqrstuvwxyz&url=',
    'Set-Cookie': 'vratka_ref=abcdefghijklmnopqrstuvwxyz; Max-Age=2592000; Path=/; HttpOnly; SameSite=Lax',
    'Cache-Control': 'no-store',
  });
  res.end();
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
