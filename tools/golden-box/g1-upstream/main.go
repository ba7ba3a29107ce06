// Command g1-upstream checks our G1 AccessBoxes against the real neofs-s3-gw v0.23.0 code (the
// G1 generation: HKDF-SHA256 without salt/info, XChaCha20-Poly1305, `Tokens` protobuf), with
// neofs-sdk-go v1.0.0-rc.6.0.20220801165707-7a99cc916c8e as that release requires.
//
//	g1-upstream gen                                   > test/vectors/box/g1-upstream.json
//	g1-upstream open -gate-key HEX [-box HEX | -box-file PATH | stdin (raw bytes)]
//
// `gen` builds tokens with that SDK (the fields authmate v0.23.0's buildBearerToken and
// buildSessionToken set), packs them with the real `accessbox.PackTokens` (fresh ephemeral key,
// secret and XChaCha nonces), adds container policies the way authmate v0.23.0 does, then opens
// every box for every gate with the real `accessbox.AccessBox.GetBox` and records what the gateway
// sees. User and gate keys are fixed (same labels as tools/golden-box/v1 and v2); the secret,
// ephemeral key, nonces and session IDs are fresh per run and recorded.
//
// Why not `authmate.Agent.IssueSecret` of v0.23.0: its tokens are signed by the SDK's randomized
// ECDSA signer, which encodes r||s with elliptic.Marshal; Go >= 1.19 panics there ("attempted
// operation on invalid point"). The generator signs with the same SDK's SignerRFC6979 instead.
//
// `open` prints what `GetBox` finds in a box made by anyone (e.g. authmate-ts); a failure goes to
// stderr with exit code 1.
//
// go.mod replaces one dbft pseudo-version (reached only through neo-go v0.99.1's old module graph)
// that the filtered module proxy refuses, with the dbft version neo-go v0.99.1 itself requires.
package main

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/google/uuid"
	"github.com/nspcc-dev/neo-go/pkg/crypto/keys"
	"github.com/nspcc-dev/neofs-api-go/v2/acl"
	"github.com/nspcc-dev/neofs-api-go/v2/refs"
	apisession "github.com/nspcc-dev/neofs-api-go/v2/session"
	"github.com/nspcc-dev/neofs-s3-gw/creds/accessbox"
	"github.com/nspcc-dev/neofs-sdk-go/bearer"
	cid "github.com/nspcc-dev/neofs-sdk-go/container/id"
	neofscrypto "github.com/nspcc-dev/neofs-sdk-go/crypto"
	neofsecdsa "github.com/nspcc-dev/neofs-sdk-go/crypto/ecdsa"
	"github.com/nspcc-dev/neofs-sdk-go/eacl"
	"github.com/nspcc-dev/neofs-sdk-go/netmap"
	"github.com/nspcc-dev/neofs-sdk-go/session"
	"github.com/nspcc-dev/neofs-sdk-go/user"
)

const upstream = "neofs-s3-gw v0.23.0 (creds/accessbox), neofs-sdk-go v1.0.0-rc.6.0.20220801165707-7a99cc916c8e"

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func hx(b []byte) string { return hex.EncodeToString(b) }

// fixedKey matches tools/golden-box/v1 and v2, so the gate and user keys are the same everywhere.
func fixedKey(label string) *keys.PrivateKey {
	h := sha256.Sum256([]byte("authmate-ts golden key " + label))
	k, err := keys.NewPrivateKeyFromBytes(h[:])
	must(err)
	return k
}

func fixedCID(label string) cid.ID {
	return cid.ID(sha256.Sum256([]byte("authmate-ts golden container " + label)))
}

type keyOut struct {
	PrivateKey string `json:"privateKey"`
	PublicKey  string `json:"publicKey"`
	UserID     string `json:"userId"`
}

func keyInfo(k *keys.PrivateKey) keyOut {
	var id user.ID
	user.IDFromKey(&id, k.PrivateKey.PublicKey)
	return keyOut{PrivateKey: hx(k.Bytes()), PublicKey: hx(k.PublicKey().Bytes()), UserID: hx(id.WalletBytes())}
}

type lifetimeOut struct {
	Iat uint64 `json:"iat"`
	Nbf uint64 `json:"nbf"`
	Exp uint64 `json:"exp"`
}

type bearerOut struct {
	Token       string      `json:"token"`
	Issuer      string      `json:"issuer"`
	Owner       string      `json:"owner"`
	EACLTable   string      `json:"eaclTable"`
	Lifetime    lifetimeOut `json:"lifetime"`
	SignatureOk bool        `json:"signatureOk"`
}

type sessionOut struct {
	Token       string      `json:"token"`
	ID          string      `json:"id"`
	Issuer      string      `json:"issuer"`
	Verb        int         `json:"verb"`
	Wildcard    bool        `json:"wildcard"`
	ContainerID string      `json:"containerId,omitempty"`
	SessionKey  string      `json:"sessionKey"`
	Lifetime    lifetimeOut `json:"lifetime"`
	SignatureOk bool        `json:"signatureOk"`
}

type policyOut struct {
	LocationConstraint string `json:"locationConstraint"`
	Policy             string `json:"policy"`
}

type openOut struct {
	Secret        string       `json:"secret"`
	Bearer        bearerOut    `json:"bearer"`
	SessionTokens []sessionOut `json:"sessionTokens"`
	Policies      []policyOut  `json:"containerPolicies"`
}

func describeBearer(b *bearer.Token) bearerOut {
	var m acl.BearerToken
	b.WriteToV2(&m)
	body := m.GetBody()
	issuer := bearer.ResolveIssuer(*b)
	return bearerOut{
		Token:     hx(b.Marshal()),
		Issuer:    hx(issuer.WalletBytes()),
		Owner:     hx(body.GetOwnerID().GetValue()),
		EACLTable: hx(body.GetEACL().StableMarshal(nil)),
		Lifetime: lifetimeOut{Iat: body.GetLifetime().GetIat(), Nbf: body.GetLifetime().GetNbf(),
			Exp: body.GetLifetime().GetExp()},
		SignatureOk: b.VerifySignature(),
	}
}

func describeSession(t *session.Container) sessionOut {
	var m apisession.Token
	t.WriteToV2(&m)
	body := m.GetBody()
	ctx, ok := body.GetContext().(*apisession.ContainerSessionContext)
	if !ok {
		must(fmt.Errorf("session token context is %T", body.GetContext()))
	}
	issuer := t.Issuer()
	o := sessionOut{
		Token:      hx(t.Marshal()),
		ID:         hx(body.GetID()),
		Issuer:     hx(issuer.WalletBytes()),
		Verb:       int(ctx.Verb()),
		Wildcard:   ctx.Wildcard(),
		SessionKey: hx(body.GetSessionKey()),
		Lifetime: lifetimeOut{Iat: body.GetLifetime().GetIat(), Nbf: body.GetLifetime().GetNbf(),
			Exp: body.GetLifetime().GetExp()},
		SignatureOk: t.VerifySignature(),
	}
	if c := ctx.ContainerID(); c != nil {
		o.ContainerID = hx(c.GetValue())
	}
	return o
}

// openBox is what the v0.23.0 gateway does with the payload of a box object
// (creds/tokens.cred.GetBox → accessbox.AccessBox.Unmarshal + GetBox).
func openBox(data []byte, gateKey *keys.PrivateKey) (openOut, error) {
	var box accessbox.AccessBox
	if err := box.Unmarshal(data); err != nil {
		return openOut{}, fmt.Errorf("unmarshal box: %w", err)
	}
	got, err := box.GetBox(gateKey)
	if err != nil {
		return openOut{}, err
	}
	o := openOut{Secret: got.Gate.AccessKey, Bearer: describeBearer(got.Gate.BearerToken),
		SessionTokens: []sessionOut{}, Policies: []policyOut{}}
	for _, t := range got.Gate.SessionTokens {
		o.SessionTokens = append(o.SessionTokens, describeSession(t))
	}
	for _, p := range got.Policies {
		o.Policies = append(o.Policies, policyOut{LocationConstraint: p.LocationConstraint, Policy: hx(p.Policy.Marshal())})
	}
	return o, nil
}

type issuedOut struct {
	Name              string            `json:"name"`
	Gates             []int             `json:"gates"`
	ContainerPolicies map[string]string `json:"containerPoliciesIn,omitempty"`
	Secret            string            `json:"secret"`
	EphemeralKey      string            `json:"ephemeralKey"`
	Box               string            `json:"box"`
	// Opened[i] is GetBox for gate Gates[i].
	Opened []openOut `json:"opened"`
}

type vectors struct {
	Generator string      `json:"generator"`
	Note      string      `json:"note"`
	User      keyOut      `json:"user"`
	Gates     []keyOut    `json:"gates"`
	Issued    []issuedOut `json:"issued"`
}

// The lifetime authmate v0.23.0 gives every token: nbf = iat.
const iat, exp = 100, 820

func sign(userKey *keys.PrivateKey, body interface{ StableMarshal([]byte) []byte }) *refs.Signature {
	var sig neofscrypto.Signature
	must(sig.Calculate(neofsecdsa.SignerRFC6979(userKey.PrivateKey), body.StableMarshal(nil)))
	var m refs.Signature
	sig.WriteToV2(&m)
	return &m
}

// bearerFor builds the bearer token authmate v0.23.0's buildBearerToken builds (eACL table, owner =
// the gate's user, iat/nbf/exp), signed with RFC 6979: the SDK's randomized ECDSA signer encodes
// r||s with elliptic.Marshal, which Go >= 1.19 refuses (panic on an invalid point).
func bearerFor(userKey *keys.PrivateKey, table *eacl.Table, gate *keys.PublicKey) *bearer.Token {
	var owner user.ID
	user.IDFromKey(&owner, (ecdsa.PublicKey)(*gate))
	var b bearer.Token
	b.SetEACLTable(*table)
	b.ForUser(owner)
	b.SetExp(exp)
	b.SetIat(iat)
	b.SetNbf(iat)
	var m acl.BearerToken
	b.WriteToV2(&m)
	m.SetSignature(sign(userKey, m.GetBody()))
	must(b.ReadFromV2(m))
	return &b
}

// sessionFor builds a container session token like v0.23.0's buildSessionToken (random ID, the
// gate key as session key, issuer = the user), optionally bound to a container.
func sessionFor(userKey *keys.PrivateKey, verb session.ContainerVerb, cnr *cid.ID, gate *keys.PublicKey) *session.Container {
	var t session.Container
	t.ForVerb(verb)
	if cnr != nil {
		t.ApplyOnlyTo(*cnr)
	}
	t.SetID(uuid.New())
	t.SetAuthKey((*neofsecdsa.PublicKey)(gate))
	t.SetIat(iat)
	t.SetNbf(iat)
	t.SetExp(exp)
	var m apisession.Token
	t.WriteToV2(&m)
	var issuer user.ID
	user.IDFromKey(&issuer, userKey.PrivateKey.PublicKey)
	var ownerV2 refs.OwnerID
	issuer.WriteToV2(&ownerV2)
	m.GetBody().SetOwnerID(&ownerV2)
	m.SetSignature(sign(userKey, m.GetBody()))
	must(t.ReadFromV2(m))
	return &t
}

type sessionRule struct {
	verb session.ContainerVerb
	cnr  *cid.ID
}

// authmateTable is v0.23.0's default eACL (buildEACLTable with no rules): GET allowed to OTHERS,
// then every operation denied to OTHERS.
func authmateTable() *eacl.Table {
	table := eacl.NewTable()
	record := eacl.NewRecord()
	record.SetOperation(eacl.OperationGet)
	record.SetAction(eacl.ActionAllow)
	eacl.AddFormedTarget(record, eacl.RoleOthers)
	table.AddRecord(record)
	for op := eacl.OperationGet; op <= eacl.OperationRangeHash; op++ {
		r := eacl.NewRecord()
		r.SetOperation(op)
		r.SetAction(eacl.ActionDeny)
		eacl.AddFormedTarget(r, eacl.RoleOthers)
		table.AddRecord(r)
	}
	return table
}

// pack makes a box with the real accessbox.PackTokens (fresh ephemeral key, secret and nonces)
// and adds container policies the way authmate v0.23.0 does (box.ContainerPolicy).
func pack(userKey *keys.PrivateKey, gateKeys []*keys.PrivateKey, o issuedOut, table *eacl.Table, rules []sessionRule, withBearer bool) issuedOut {
	var gates []*accessbox.GateData
	for _, i := range o.Gates {
		pub := gateKeys[i].PublicKey()
		var b *bearer.Token
		if withBearer {
			b = bearerFor(userKey, table, pub)
		} else {
			b = new(bearer.Token)
		}
		g := accessbox.NewGateData(pub, b)
		for _, r := range rules {
			g.SessionTokens = append(g.SessionTokens, sessionFor(userKey, r.verb, r.cnr, pub))
		}
		gates = append(gates, g)
	}
	box, secrets, err := accessbox.PackTokens(gates)
	must(err)
	for lc, s := range o.ContainerPolicies {
		var p netmap.PlacementPolicy
		must(p.DecodeString(s))
		box.ContainerPolicy = append(box.ContainerPolicy, &accessbox.AccessBox_ContainerPolicy{LocationConstraint: lc, Policy: p.Marshal()})
	}
	data, err := box.Marshal()
	must(err)
	o.Secret, o.EphemeralKey, o.Box = secrets.AccessKey, hx(secrets.EphemeralKey.Bytes()), hx(data)
	for _, i := range o.Gates {
		got, err := openBox(data, gateKeys[i])
		must(err)
		if got.Secret != o.Secret {
			must(fmt.Errorf("%s: gate %d opened secret %s, packed %s", o.Name, i, got.Secret, o.Secret))
		}
		o.Opened = append(o.Opened, got)
	}
	return o
}

func gen() {
	userKey := fixedKey("user")
	gateKeys := []*keys.PrivateKey{fixedKey("gate 0"), fixedKey("gate 1"), fixedKey("gate 2")}
	v := vectors{Generator: "tools/golden-box/g1-upstream (" + upstream + ")",
		Note: "boxes by accessbox.PackTokens; tokens built by this generator with the same SDK, signed with RFC 6979",
		User: keyInfo(userKey)}
	for _, g := range gateKeys {
		v.Gates = append(v.Gates, keyInfo(g))
	}
	defaults := []sessionRule{{verb: session.VerbContainerPut}, {verb: session.VerbContainerDelete}, {verb: session.VerbContainerSetEACL}}
	v.Issued = append(v.Issued, pack(userKey, gateKeys, issuedOut{
		Name: "authmate v0.23.0 defaults (eACL, PUT/DELETE/SETEACL wildcard sessions), gate 0, one container policy", Gates: []int{0},
		ContainerPolicies: map[string]string{"rep3": "REP 3"}}, authmateTable(), defaults, true))
	a := fixedCID("A")
	table := eacl.NewTable()
	r := eacl.NewRecord()
	r.SetOperation(eacl.OperationPut)
	r.SetAction(eacl.ActionAllow)
	eacl.AddFormedTarget(r, eacl.RoleOthers)
	table.AddRecord(r)
	v.Issued = append(v.Issued, pack(userKey, gateKeys, issuedOut{
		Name: "one-record eACL, PUT bound to a container + wildcard DELETE, gates 2, 0, 1", Gates: []int{2, 0, 1},
		ContainerPolicies: map[string]string{"eu": "REP 2 IN X CBF 1 SELECT 2 FROM * AS X"}},
		table, []sessionRule{{verb: session.VerbContainerPut, cnr: &a}, {verb: session.VerbContainerDelete}}, true))
	v.Issued = append(v.Issued, pack(userKey, gateKeys, issuedOut{
		Name: "bearer token only (no session tokens), gates 1 and 2", Gates: []int{1, 2}}, authmateTable(), nil, true))
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	must(enc.Encode(v))
}

func open(args []string) {
	fs := flag.NewFlagSet("open", flag.ExitOnError)
	boxHex := fs.String("box", "", "box as hex")
	boxFile := fs.String("box-file", "", "file with the raw box bytes")
	gateHex := fs.String("gate-key", "", "gate private key as hex")
	must(fs.Parse(args))
	var data []byte
	var err error
	switch {
	case *boxHex != "":
		data, err = hex.DecodeString(*boxHex)
	case *boxFile != "":
		data, err = os.ReadFile(*boxFile)
	default:
		data, err = io.ReadAll(os.Stdin)
	}
	must(err)
	raw, err := hex.DecodeString(*gateHex)
	must(err)
	key, err := keys.NewPrivateKeyFromBytes(raw)
	must(err)
	got, err := openBox(data, key)
	must(err)
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	must(enc.Encode(got))
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: g1-upstream gen | open -gate-key HEX [-box HEX | -box-file PATH | < raw]")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "gen":
		gen()
	case "open":
		open(os.Args[2:])
	default:
		fmt.Fprintln(os.Stderr, "unknown command", os.Args[1])
		os.Exit(2)
	}
}
