// The floor reference: a plain Node HTTP server that answers every request with fixed bytes
// (those of a warm Brisk response, gzipped once in advance), in a process of its own, like the
// app. Usage: tsx bench/lib/floor-server.ts <port> <body file> <content type>
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { gzipSync } from 'node:zlib';

const [port, file, contentType] = process.argv.slice(2);
const body = readFileSync(file!);
const gzipped = gzipSync(body);

http
  .createServer((request, response) => {
    const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    const bytes = gzip ? gzipped : body;
    response.writeHead(200, { 'content-type': contentType!, 'content-length': bytes.length, ...(gzip ? { 'content-encoding': 'gzip', vary: 'Accept-Encoding' } : {}) });
    response.end(bytes);
  })
  .listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
