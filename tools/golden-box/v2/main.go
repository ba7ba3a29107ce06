// Command v2 writes golden vectors for G4 credentials (AccessBox version 1 with a session token
// v2) using the real neofs-s3-gw v0.45.0 code: `authmate.Agent.IssueSecret` runs against an
// in-memory NeoFS that only records the stored box, and `creds/accessbox` opens boxes the way
// the gateway does. Session tokens v2 for the codec tests are made with neofs-sdk-go rc.21.
//
//	v2 gen                          > test/vectors/box/v2.json
//	v2 open -box HEX -gate-key HEX  opens a G4 box as gateway v0.45.0 does and prints the result
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/nspcc-dev/neo-go/pkg/crypto/keys"
	"github.com/nspcc-dev/neofs-s3-gw/authmate"
	"github.com/nspcc-dev/neofs-s3-gw/creds/accessbox"
	"github.com/nspcc-dev/neofs-s3-gw/creds/tokens"
	cid "github.com/nspcc-dev/neofs-sdk-go/container/id"
	"github.com/nspcc-dev/neofs-sdk-go/eacl"
	"github.com/nspcc-dev/neofs-sdk-go/object"
	oid "github.com/nspcc-dev/neofs-sdk-go/object/id"
	session "github.com/nspcc-dev/neofs-sdk-go/session/v2"
	"github.com/nspcc-dev/neofs-sdk-go/user"
	"go.uber.org/zap"
)

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func hx(b []byte) string { return hex.EncodeToString(b) }

func fixedKey(label string) *keys.PrivateKey {
	h := sha256.Sum256([]byte("authmate-ts golden key " + label))
	k, err := keys.NewPrivateKeyFromBytes(h[:])
	must(err)
	return k
}

func fixedCID(label string) cid.ID { return cid.ID(sha256.Sum256([]byte("authmate-ts golden container " + label))) }

// memNeoFS is the smallest authmate.NeoFS: the auth container exists, epochs are fixed, and the
// box object is kept in memory.
type memNeoFS struct{ payload []byte }

func (m *memNeoFS) CreateObject(_ context.Context, p tokens.PrmObjectCreate) (oid.ID, error) {
	m.payload = bytes.Clone(p.Payload)
	return oid.ID(sha256.Sum256(p.Payload)), nil
}

func (m *memNeoFS) ReadObject(context.Context, oid.Address) ([]byte, *object.Object, error) {
	return m.payload, object.New(cid.ID{}, user.ID{}), nil
}

func (m *memNeoFS) ContainerExists(context.Context, cid.ID) error { return nil }

func (m *memNeoFS) CreateContainer(context.Context, authmate.PrmContainerCreate) (cid.ID, error) {
	return cid.ID{}, errors.New("not used: the generator passes a container id")
}

func (m *memNeoFS) TimeToEpoch(context.Context, time.Time) (uint64, uint64, error) { return 100, 820, nil }

func (m *memNeoFS) SetContainerEACL(context.Context, eacl.Table, *session.Token) error {
	return errors.New("not used")
}

func (m *memNeoFS) ContainerEACL(context.Context, cid.ID) (*eacl.Table, error) {
	return nil, errors.New("not used")
}

type keyOut struct {
	PrivateKey string `json:"privateKey"`
	PublicKey  string `json:"publicKey"`
	UserID     string `json:"userId"`
}

func keyInfo(k *keys.PrivateKey) keyOut {
	id := user.NewFromScriptHash(k.PublicKey().GetScriptHash())
	return keyOut{hx(k.Bytes()), hx(k.PublicKey().Bytes()), hx(id[:])}
}

type issueOut struct {
	Name              string            `json:"name"`
	Rules             string            `json:"rules,omitempty"`
	Gates             []int             `json:"gates"`
	ContainerPolicies map[string]string `json:"containerPolicies,omitempty"`
	Secret            string            `json:"secret"`
	EphemeralKey      string            `json:"ephemeralKey"`
	Box               string            `json:"box"`
}

type contextOut struct {
	ContainerID string `json:"containerId,omitempty"`
	Verbs       []int  `json:"verbs"`
}

type subjectOut struct {
	UserID  string `json:"userId,omitempty"`
	NNSName string `json:"nnsName,omitempty"`
}

type tokenOut struct {
	Name       string       `json:"name"`
	Version    uint32       `json:"version"`
	AppData    string       `json:"appdata"`
	Subjects   []subjectOut `json:"subjects"`
	Lifetime   [3]int64     `json:"lifetime"` // iat, nbf, exp (unix seconds)
	Contexts   []contextOut `json:"contexts"`
	Final      bool         `json:"final"`
	SignedData string       `json:"signedData"`
	Token      string       `json:"token"`
}

type vectors struct {
	Generator string     `json:"generator"`
	User      keyOut     `json:"user"`
	Gates     []keyOut   `json:"gates"`
	Issued    []issueOut `json:"issued"`
	TokensV2  []tokenOut `json:"sessionTokensV2"`
}

func issue(userKey *keys.PrivateKey, gateKeys []*keys.PrivateKey, name, rules string, gates []int, policies map[string]string) issueOut {
	neofs := &memNeoFS{}
	var pubs []*keys.PublicKey
	for _, i := range gates {
		pubs = append(pubs, gateKeys[i].PublicKey())
	}
	opts := &authmate.IssueSecretOptions{
		Container:         authmate.ContainerOptions{ID: fixedCID("auth")},
		NeoFSKey:          userKey,
		GatesPublicKeys:   pubs,
		SessionTokenRules: []byte(rules),
		Lifetime:          720 * time.Hour,
		ContainerPolicies: policies,
	}
	var out bytes.Buffer
	must(authmate.New(zap.NewNop(), neofs).IssueSecret(context.Background(), &out, opts))
	var res struct {
		SecretAccessKey string `json:"secret_access_key"`
		OwnerPrivateKey string `json:"owner_private_key"`
	}
	must(json.Unmarshal(out.Bytes(), &res))
	return issueOut{Name: name, Rules: rules, Gates: gates, ContainerPolicies: policies, Secret: res.SecretAccessKey,
		EphemeralKey: res.OwnerPrivateKey, Box: hx(neofs.payload)}
}

func describe(name string, t session.Token) tokenOut {
	o := tokenOut{Name: name, Version: t.Version(), AppData: hx(t.AppData()), Final: t.IsFinal(),
		Lifetime:   [3]int64{t.Iat().Unix(), t.Nbf().Unix(), t.Exp().Unix()},
		SignedData: hx(t.SignedData()), Token: hx(t.Marshal())}
	for _, s := range t.Subjects() {
		if s.IsNNS() {
			o.Subjects = append(o.Subjects, subjectOut{NNSName: s.NNSName()})
		} else {
			id := s.UserID()
			o.Subjects = append(o.Subjects, subjectOut{UserID: hx(id[:])})
		}
	}
	for _, c := range t.Contexts() {
		co := contextOut{Verbs: []int{}}
		if cnr := c.Container(); !cnr.IsZero() {
			co.ContainerID = hx(cnr[:])
		}
		for _, v := range c.Verbs() {
			co.Verbs = append(co.Verbs, int(v))
		}
		o.Contexts = append(o.Contexts, co)
	}
	return o
}

func gen() {
	userKey := fixedKey("user")
	gateKeys := []*keys.PrivateKey{fixedKey("gate 0"), fixedKey("gate 1"), fixedKey("gate 2")}
	v := vectors{Generator: "tools/golden-box/v2 (neofs-s3-gw v0.45.0 authmate.IssueSecret, neofs-sdk-go v1.0.0-rc.21)", User: keyInfo(userKey)}
	for _, g := range gateKeys {
		v.Gates = append(v.Gates, keyInfo(g))
	}

	v.Issued = append(v.Issued, issue(userKey, gateKeys, "default rules, gates 0 and 1, one container policy", "",
		[]int{0, 1}, map[string]string{"rep3": "REP 3"}))
	a, b := fixedCID("A"), fixedCID("B")
	rules := fmt.Sprintf(`[{"verb":"PUT","containerID":%q},{"verb":"OBJECT_GET"},{"verb":"DELETE","containerID":%q},`+
		`{"verb":"OBJECT_PUT","containerID":%q},{"verb":"CONTAINER_DELETE"},{"verb":"OBJECT_GET"}]`, a.EncodeToString(), b.EncodeToString(), a.EncodeToString())
	v.Issued = append(v.Issued, issue(userKey, gateKeys, "custom rules with container ids, gates 2, 0, 1", rules, []int{2, 0, 1}, nil))
	v.Issued = append(v.Issued, issue(userKey, gateKeys, "one gate, object verbs only", `[{"verb":"OBJECT_HEAD"},{"verb":"OBJECT_SEARCH"}]`, []int{1}, nil))

	// Codec vectors: every body field set, both subject kinds, a final token.
	signer := user.NewAutoIDSignerRFC6979(userKey.PrivateKey)
	mk := func(name string, appdata []byte, subjects []session.Target, ctxs []session.Context, final bool, iat, nbf, exp int64) {
		var t session.Token
		t.SetVersion(session.TokenCurrentVersion)
		must(t.SetAppData(appdata))
		must(t.SetSubjects(subjects))
		must(t.SetContexts(ctxs))
		t.SetIat(time.Unix(iat, 0))
		t.SetNbf(time.Unix(nbf, 0))
		t.SetExp(time.Unix(exp, 0))
		t.SetFinal(final)
		must(t.Sign(signer))
		v.TokensV2 = append(v.TokensV2, describe(name, t))
	}
	ctx := func(c cid.ID, verbs ...session.Verb) session.Context {
		x, err := session.NewContext(c, verbs)
		must(err)
		return x
	}
	g0 := user.NewFromScriptHash(gateKeys[0].PublicKey().GetScriptHash())
	lo, hi := a, b
	if bytes.Compare(lo[:], hi[:]) > 0 {
		lo, hi = hi, lo
	}
	mk("wildcard + two containers, user and NNS subjects", []byte("app data"),
		[]session.Target{session.NewTargetUser(g0), session.NewTargetNamed("gates.neofs")},
		[]session.Context{ctx(cid.ID{}, session.VerbObjectGet, session.VerbObjectHead), ctx(lo, session.VerbObjectPut, session.VerbContainerSetEACL),
			ctx(hi, session.VerbContainerDelete)}, false, 1700000000, 1700000000, 1702592000)
	mk("final, no appdata, one container", nil, []session.Target{session.NewTargetUser(g0)},
		[]session.Context{ctx(lo, session.VerbObjectPut)}, true, 1700000000, 1700000060, 1700003600)

	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	must(enc.Encode(v))
}

type openOut struct {
	Secret         string `json:"secret"`
	SessionTokenV2 string `json:"sessionTokenV2"`
	SignatureOK    bool   `json:"signatureOk"`
	ValidateError  string `json:"validateError"`
	Issuer         string `json:"issuer"`
}

type noNNS struct{}

func (noNNS) HasUser(string, user.ID) (bool, error) { return false, nil }

func open(boxHex, gateHex string) {
	data, err := hex.DecodeString(boxHex)
	must(err)
	gateKey, err := keys.NewPrivateKeyFromHex(gateHex)
	must(err)
	var box accessbox.AccessBox
	must(box.Unmarshal(data))
	gd, err := box.GetTokens(gateKey, noNNS{})
	must(err)
	out := openOut{Secret: gd.AccessKey, SessionTokenV2: hx(gd.SessionTokenV2.Marshal()), SignatureOK: gd.SessionTokenV2.VerifySignature()}
	if err := gd.SessionTokenV2.Validate(noNNS{}); err != nil {
		out.ValidateError = err.Error()
	}
	iss := gd.SessionTokenV2.Issuer()
	out.Issuer = hx(iss[:])
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	must(enc.Encode(out))
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: v2 gen | v2 open -box HEX -gate-key HEX")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "gen":
		gen()
	case "open":
		fs := flag.NewFlagSet("open", flag.ExitOnError)
		box := fs.String("box", "", "AccessBox bytes, hex")
		gate := fs.String("gate-key", "", "gate private key, hex")
		_ = fs.Parse(os.Args[2:])
		open(*box, *gate)
	default:
		fmt.Fprintln(os.Stderr, "unknown command", os.Args[1])
		os.Exit(2)
	}
}
