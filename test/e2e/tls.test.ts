// `--peer grpcs://…` against the local storage node serving the NeoFS API over TLS with a
// certificate from a CA the devnet made for this run: trusted through NODE_EXTRA_CA_CERTS it
// works for issue and obtain; untrusted, the command fails at once with exit 2 and says why.
import { describe, expect, it } from 'vitest';
import { runOurs, type IssuedSecret } from './authmate.js';
import { devnet } from './devnet.js';

describe('TLS to the storage node (grpcs://)', () => {
  it('with the CA trusted: issue-secret and obtain-secret over TLS; without it: exit 2, certificate not verified', async () => {
    const net = devnet();
    const user = net.users[0]!;
    const gate = net.gateways[0]!;
    const issueArgs = ['issue-secret', '--wallet', user.path, '--peer', net.tlsPeer, '--gate-public-key', gate.publicKey, '--container-placement-policy', 'REP 1'];
    const trusted = { NODE_EXTRA_CA_CERTS: net.tlsCa, AUTHMATE_WALLET_PASSPHRASE: user.password };

    const issued = await runOurs(issueArgs, trusted);
    expect(issued.code, issued.stderr).toBe(0);
    const creds = JSON.parse(issued.stdout) as IssuedSecret;
    const obtained = await runOurs(['obtain-secret', '--peer', net.tlsPeer, '--gate-wallet', gate.walletPath, '--access-key-id', creds.access_key_id], {
      NODE_EXTRA_CA_CERTS: net.tlsCa,
      AUTHMATE_WALLET_GATE_PASSPHRASE: gate.walletPassword,
    });
    expect(obtained.code, obtained.stderr).toBe(0);
    expect(JSON.parse(obtained.stdout)).toEqual({ secret_access_key: creds.secret_access_key });

    // An empty value overrides any CA the test runner's environment may carry.
    const refused = await runOurs(issueArgs, { NODE_EXTRA_CA_CERTS: '', AUTHMATE_WALLET_PASSPHRASE: user.password });
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^failed to create NeoFS component: peer grpcs:\/\/127\.0\.0\.1:\d+: .*(unable to verify|self-signed|certificate)/m);
  });
});
