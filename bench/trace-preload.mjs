// Bench-only preload (`node --import ./bench/trace-preload.mjs bin/authmate.js ...` with
// BENCH_TRACE_FILE set): records where one CLI run's time goes and writes it as JSON at exit.
// Timestamps are performance.now(), i.e. ms since the process started. It observes, changes
// nothing: the scrypt runs through the `authmate:scrypt` diagnostics channel, the gRPC calls by
// wrapping @grpc/grpc-js's Client methods (the same module instance the CLI imports).
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const file = process.env.BENCH_TRACE_FILE;
const trace = { preloadMs: performance.now(), scrypt: [], rpcs: [], exitMs: 0 };
subscribe('authmate:scrypt', (s) => trace.scrypt.push(s));

const { Client } = createRequire(new URL('../package.json', import.meta.url))('@grpc/grpc-js');
for (const name of ['makeUnaryRequest', 'makeClientStreamRequest', 'makeServerStreamRequest']) {
  const original = Client.prototype[name];
  Client.prototype[name] = function (method, ...rest) {
    const rpc = { method: method.split('/').pop(), service: method.split('/')[1]?.split('.').pop(), startMs: performance.now(), endMs: 0 };
    trace.rpcs.push(rpc);
    const done = () => (rpc.endMs ||= performance.now());
    const last = rest.length - 1;
    if (typeof rest[last] === 'function') {
      const cb = rest[last];
      rest[last] = (...a) => {
        done();
        return cb(...a);
      };
    }
    const call = original.call(this, method, ...rest);
    if (name === 'makeServerStreamRequest') {
      call.on('end', done);
      call.on('error', done);
    }
    return call;
  };
}

process.on('exit', () => {
  trace.exitMs = performance.now();
  if (file) writeFileSync(file, JSON.stringify(trace));
});
