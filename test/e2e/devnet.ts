// Typed access to the running local NeoFS network (scripts/devnet/up.sh writes the pointer
// this reads; test/e2e/global-setup.ts starts or reuses the network before any e2e test).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface DevnetUser {
  /** NEP-6 wallet with one standard account. */
  path: string;
  password: string;
  address: string;
  /** Compressed public key, hex. */
  publicKey: string;
}

export interface DevnetGateway {
  /** S3 HTTP endpoint, e.g. http://127.0.0.1:9000 (use path-style, region us-east-1). */
  endpoint: string;
  walletPath: string;
  walletPassword: string;
  /** Gate public key (hex), what `--gate-public-key` takes. */
  publicKey: string;
  address: string;
  version: string;
  log: string;
}

export interface DevnetInfo {
  /** NeoFS API gRPC endpoint of the storage node, '127.0.0.1:PORT'. */
  peer: string;
  /** The same node's NeoFS API over TLS, 'grpcs://127.0.0.1:PORT', with a certificate from a throw-away CA. */
  tlsPeer: string;
  /** That CA (PEM): clients trust it with NODE_EXTRA_CA_CERTS. */
  tlsCa: string;
  /** FS chain JSON-RPC, 'http://127.0.0.1:PORT' (WebSocket at /ws). */
  rpcEndpoint: string;
  dataDir: string;
  /** Two user wallets (the second one for "another user" tests). */
  users: DevnetUser[];
  /** Two S3 gateways of the same version, with separate wallets. */
  gateways: DevnetGateway[];
  binDirs: { node: string; s3gw: string; neogo: string };
  versions: { neofsNode: string; s3gw: string; neoGo: string };
  admConfig: string;
  alphabetDir: string;
  irPublicKey: string;
  magic: number;
  /** Seconds between automatic epoch ticks (raised so tests do not see surprise ticks). */
  epochDuration: number;
  /** Longest gap between FS chain blocks, a Go duration ('2s'): chain time lags real time by up to this. */
  maxTimePerBlock: string;
  basePort: number;
  startedBy: 'manual' | 'lease';
  startedAt: string;
  startSeconds: number;
}

export type PinnedBinary =
  | 'neofs-ir'
  | 'neofs-node'
  | 'neofs-cli'
  | 'neofs-adm'
  | 'neofs-s3-gw'
  | 'neofs-s3-authmate'
  | 'neo-go';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Devnet extends DevnetInfo {
  /** Absolute path of a pinned binary of this network. */
  bin(name: PinnedBinary): string;
  /** Runs a pinned binary; never rejects on a non-zero exit (check `code`). */
  run(name: PinnedBinary, args: string[], opts?: { env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunResult>;
  /** Writes a neofs-cli config for a user (wallet, password, peer) so no password goes to argv. */
  cliConfig(user: DevnetUser): string;
  /** Runs neofs-cli as `user` against the storage node; rejects on a non-zero exit. */
  neofsCli(user: DevnetUser, args: string[]): Promise<string>;
  /** Current NeoFS epoch. */
  epoch(): Promise<number>;
  /** Forces the next epoch through the inner ring's committee and returns the new epoch. */
  forceNewEpoch(): Promise<number>;
}

/** Where up.sh records the running network. */
export function pointerPath(): string {
  if (process.env.DEVNET_POINTER) return process.env.DEVNET_POINTER;
  const cache = process.env.DEVNET_CACHE ?? join(homedir(), '.cache', 'authmate-devnet');
  const base = process.env.DEVNET_BASE_PORT ?? '9000';
  const run = process.env.DEVNET_RUN_DIR ?? join(cache, base === '9000' ? 'run' : `run-${base}`);
  return join(run, 'devnet.json');
}

export function readDevnetInfo(path = pointerPath()): DevnetInfo {
  if (!existsSync(path)) {
    throw new Error(`no running devnet recorded at ${path}; start one with \`npm run devnet:up\``);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as DevnetInfo;
}

function runFile(file: string, args: string[], env: NodeJS.ProcessEnv | undefined, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') {
          reject(new Error(`${file} ${args.join(' ')}: ${err.message}\n${stderr}`));
          return;
        }
        resolve({ code: err ? (err.code as number) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(); // never wait on a password prompt
  });
}

let cached: Devnet | undefined;

export function devnet(): Devnet {
  if (cached) return cached;
  const info = readDevnetInfo();
  const dirs: Record<PinnedBinary, string> = {
    'neofs-ir': info.binDirs.node,
    'neofs-node': info.binDirs.node,
    'neofs-cli': info.binDirs.node,
    'neofs-adm': info.binDirs.node,
    'neofs-s3-gw': info.binDirs.s3gw,
    'neofs-s3-authmate': info.binDirs.s3gw,
    'neo-go': info.binDirs.neogo,
  };
  const bin = (name: PinnedBinary): string => {
    const p = join(dirs[name], name);
    if (!existsSync(p)) throw new Error(`pinned binary ${name} not installed at ${p} (run scripts/devnet/install.sh)`);
    return p;
  };
  const run: Devnet['run'] = (name, args, opts = {}) => runFile(bin(name), args, opts.env, opts.timeoutMs ?? 120_000);
  const configs = new Map<string, string>();
  const cliConfig = (user: DevnetUser): string => {
    let p = configs.get(user.path);
    if (!p) {
      // Inside the network's data dir (removed with it); one file per process and user.
      mkdirSync(join(info.dataDir, 'cli'), { recursive: true });
      p = join(info.dataDir, 'cli', `${process.pid}-${configs.size}.yml`);
      writeFileSync(p, `wallet: ${JSON.stringify(user.path)}\npassword: ${JSON.stringify(user.password)}\nrpc-endpoint: ${JSON.stringify(info.peer)}\n`, { mode: 0o600 });
      configs.set(user.path, p);
    }
    return p;
  };
  const neofsCli = async (user: DevnetUser, args: string[]): Promise<string> => {
    const r = await run('neofs-cli', ['-c', cliConfig(user), ...args]);
    if (r.code !== 0) throw new Error(`neofs-cli ${args.join(' ')} exited ${r.code}:\n${r.stdout}${r.stderr}`);
    return r.stdout;
  };
  const epoch = async (): Promise<number> => {
    const out = await neofsCli(info.users[0]!, ['netmap', 'epoch']);
    const n = Number(out.trim());
    if (!Number.isInteger(n)) throw new Error(`unexpected neofs-cli netmap epoch output: ${out}`);
    return n;
  };
  const forceNewEpoch = async (): Promise<number> => {
    const before = await epoch();
    const r = await run('neofs-adm', ['-c', info.admConfig, 'fschain', 'force-new-epoch', '-r', info.rpcEndpoint, '--alphabet-wallets', info.alphabetDir]);
    if (r.code !== 0) throw new Error(`force-new-epoch exited ${r.code}:\n${r.stdout}${r.stderr}`);
    // The storage node learns the new epoch from a chain notification: wait for it.
    for (let i = 0; i < 100; i++) {
      const now = await epoch();
      if (now > before) return now;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`epoch did not advance past ${before}`);
  };
  cached = { ...info, bin, run, cliConfig, neofsCli, epoch, forceNewEpoch };
  return cached;
}
