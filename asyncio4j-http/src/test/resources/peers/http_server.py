# A test peer for asyncio4j's ClientSession: Python's http.server (HTTP/1.1, keep-alive),
# written for the tests, printing its port on the first line of stdout.
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_body(self, status, body, ctype="text/plain; charset=utf-8", close=False):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Peer-Port", str(self.client_address[1]))
        if close:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        if close:
            self.close_connection = True

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        path = self.path
        if path.startswith("/json"):
            self.send_body(200, json.dumps({"isPackageExists": True, "n": [1, 2.5]}).encode(),
                           "application/json")
        elif path.startswith("/chunked"):
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (b"hello ", b"chunked ", b"world\n"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        elif path.startswith("/truncated"):
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b"only ten b")
            self.wfile.flush()
            self.close_connection = True
        elif path.startswith("/close-after"):
            # answers with keep-alive headers, then closes the connection once idle
            self.send_body(200, b"bye")
            self.wfile.flush()
            self.close_connection = True
        elif path.startswith("/missing"):
            self.send_body(404, b"no such thing")
        elif path.startswith("/echo-query"):
            self.send_body(200, path.encode())
        elif path.startswith("/cookie"):
            self.send_response(200)
            self.send_header("Set-Cookie", "token=t1; Path=/")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path.startswith("/show-cookie"):
            self.send_body(200, (self.headers.get("Cookie") or "").encode())
        else:
            self.send_body(200, ("path " + path).encode())

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(n)
        reply = {"type": self.headers.get("Content-Type"), "body": data.decode("utf-8")}
        self.send_body(200, json.dumps(reply).encode(), "application/json")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
