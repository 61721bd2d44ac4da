// The node:http side of NodeDifferentialTest: a server that answers each request it parsed with an
// empty 200 whose X-Echo header (base64) is the request in the test's transcript form, and each
// request it could not parse with node's own error status. Prints its port, then stays quiet.
'use strict';
const http = require('http');

function esc(s) {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0x20 && c < 0x7f && c !== 0x5c ? s[i] : '\\x' + c.toString(16).padStart(2, '0');
  }
  return out;
}

function fields(raw) {
  const pairs = [];
  for (let i = 0; i < raw.length; i += 2) pairs.push(raw[i] + ': ' + esc(raw[i + 1]));
  return '[' + pairs.join(', ') + ']';
}

function head(req) {
  return req.method + ' ' + req.url + ' HTTP/' + req.httpVersion + ' ' + fields(req.rawHeaders);
}

function echo(res, line) {
  res.writeHead(200, { 'X-Echo': Buffer.from(line, 'latin1').toString('base64'), 'Content-Length': '0' });
  res.end();
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let line = head(req);
    const body = Buffer.concat(chunks).toString('latin1');
    if (body.length > 0) line += ' body="' + esc(body) + '"';
    if (req.rawTrailers.length > 0) line += ' trailers' + fields(req.rawTrailers);
    echo(res, line);
  });
});

// Upgrade and CONNECT: the head, then whatever followed it on the connection until the client's FIN.
function tunnel(req, socket, rest) {
  const chunks = [rest];
  socket.on('data', (c) => chunks.push(c));
  socket.on('end', () => {
    let line = head(req);
    const after = Buffer.concat(chunks).toString('latin1');
    if (after.length > 0) line += ' >>' + esc(after);
    const b64 = Buffer.from(line, 'latin1').toString('base64');
    socket.end('HTTP/1.1 200 OK\r\nX-Echo: ' + b64 + '\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
}
server.on('upgrade', tunnel);
server.on('connect', tunnel);
server.on('clientError', (err, socket) => {
  if (socket.writable) {
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    socket.end('HTTP/1.1 ' + status + ' Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  } else {
    socket.destroy();
  }
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(server.address().port + '\n');
});
