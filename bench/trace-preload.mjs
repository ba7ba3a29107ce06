// Bench-only preload (`node --import ./bench/trace-preload.mjs bin/authmate.js ...` with
// BENCH_TRACE_FILE set): records where one CLI run's time goes and writes it as JSON at exit.
// Timestamps are performance.now(), i.e. ms since the process started. It observes, changes
// nothing: the scrypt runs through the `authmate:scrypt` diagnostics channel, the gRPC calls by
// wrapping node:http2's session requests.
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const file = process.env.BENCH_TRACE_FILE;
const trace = { preloadMs: performance.now(), scrypt: [], rpcs: [], exitMs: 0 };
subscribe('authmate:scrypt', (s) => trace.scrypt.push(s));

// The client speaks gRPC over node:http2 (src/neofs/grpc.ts): wrap http2.connect so every
// session's request() is timed from the call to the stream's close; syncBuiltinESMExports makes
// the CLI's `import { connect } from 'node:http2'` see the wrapper.
const http2 = createRequire(import.meta.url)('node:http2');
const connect = http2.connect;
http2.connect = function (...args) {
  const session = connect.apply(this, args);
  const request = session.request;
  session.request = function (headers, ...rest) {
    const path = String(headers?.[':path'] ?? '');
    const rpc = { method: path.split('/').pop(), service: path.split('/')[1]?.split('.').pop(), startMs: performance.now(), endMs: 0 };
    trace.rpcs.push(rpc);
    const stream = request.call(this, headers, ...rest);
    stream.on('close', () => (rpc.endMs ||= performance.now()));
    return stream;
  };
  return session;
};
syncBuiltinESMExports();

process.on('exit', () => {
  trace.exitMs = performance.now();
  if (file) writeFileSync(file, JSON.stringify(trace));
});
