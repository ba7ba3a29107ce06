// Command v1 writes golden vectors for the pre-v2 credentials of neofs-s3-gw (authmate v0.16–v0.42):
// bearer tokens and v1 session tokens made and signed by neofs-sdk-go v1.0.0-rc.17 (the SDK of
// authmate v0.42.0), and AccessBoxes in the G1, G2 and G3 layouts.
//
// The gateway module of v0.42.0 is not available from the module proxy, so the per-gate
// encryption here is our own Go transcription of that scheme (ECDH P-256 x-coordinate,
// HKDF-SHA256, XChaCha20-Poly1305 or AES-256-GCM) built from the Go standard library and
// x/crypto; the tokens inside are real SDK output.
//
//	v1 gen                          > test/vectors/box/v1.json
//	v1 open -box HEX -gate-key HEX  decrypts a box (any of G1–G3) and prints what is inside
package main

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/google/uuid"
	"github.com/nspcc-dev/neo-go/pkg/crypto/keys"
	"github.com/nspcc-dev/neofs-sdk-go/bearer"
	cid "github.com/nspcc-dev/neofs-sdk-go/container/id"
	neofsecdsa "github.com/nspcc-dev/neofs-sdk-go/crypto/ecdsa"
	"github.com/nspcc-dev/neofs-sdk-go/eacl"
	"github.com/nspcc-dev/neofs-sdk-go/netmap"
	oid "github.com/nspcc-dev/neofs-sdk-go/object/id"
	"github.com/nspcc-dev/neofs-sdk-go/session"
	"github.com/nspcc-dev/neofs-sdk-go/user"
	"golang.org/x/crypto/chacha20poly1305"
	"google.golang.org/protobuf/encoding/protowire"
)

// seeded gives reproducible keys and "random" bytes: SHA-256 of a label and a counter.
type seeded struct {
	label string
	n     int
	buf   []byte
}

func (s *seeded) Read(p []byte) (int, error) {
	for len(s.buf) < len(p) {
		h := sha256.Sum256(fmt.Appendf(nil, "%s/%d", s.label, s.n))
		s.n++
		s.buf = append(s.buf, h[:]...)
	}
	copy(p, s.buf)
	s.buf = s.buf[len(p):]
	return len(p), nil
}

func fixedKey(label string) *keys.PrivateKey {
	h := sha256.Sum256([]byte("authmate-ts golden key " + label))
	k, err := keys.NewPrivateKeyFromBytes(h[:])
	must(err)
	return k
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func hx(b []byte) string { return hex.EncodeToString(b) }

// ---- per-gate encryption (G1, G2, G3) ----

const hkdfInfo = "neofs-s3-gw"

func shared(priv *keys.PrivateKey, pub *keys.PublicKey) []byte {
	sk, err := ecdh.P256().NewPrivateKey(priv.Bytes())
	must(err)
	pk, err := ecdh.P256().NewPublicKey(pub.UncompressedBytes())
	must(err)
	x, err := sk.ECDH(pk) // the affine x-coordinate, 32 bytes big-endian
	must(err)
	return x
}

func aead(format string, sharedX, salt []byte) cipher.AEAD {
	var info string
	if format != "g1" {
		info = hkdfInfo
	}
	key, err := hkdf.Key(sha256.New, sharedX, salt, info, 32)
	must(err)
	if format == "g3" {
		block, err := aes.NewCipher(key)
		must(err)
		gcm, err := cipher.NewGCM(block)
		must(err)
		return gcm
	}
	x, err := chacha20poly1305.NewX(key)
	must(err)
	return x
}

func encrypt(format string, eph *keys.PrivateKey, gate *keys.PublicKey, plain []byte, rnd io.Reader) []byte {
	var salt []byte
	if format != "g1" {
		salt = make([]byte, 16)
		_, _ = io.ReadFull(rnd, salt)
	}
	a := aead(format, shared(eph, gate), salt)
	nonce := make([]byte, a.NonceSize())
	_, _ = io.ReadFull(rnd, nonce)
	return append(salt, a.Seal(nonce, nonce, plain, nil)...)
}

func decrypt(format string, gate *keys.PrivateKey, eph *keys.PublicKey, data []byte) ([]byte, error) {
	var salt []byte
	if format != "g1" {
		if len(data) < 16 {
			return nil, errors.New("short")
		}
		salt, data = data[:16], data[16:]
	}
	a := aead(format, shared(gate, eph), salt)
	if len(data) < a.NonceSize() {
		return nil, errors.New("short")
	}
	return a.Open(nil, data[:a.NonceSize()], data[a.NonceSize():], nil)
}

// ---- protobuf of creds/accessbox/accessbox.proto (v0.42.0 field numbers) ----

func appendBytes(b []byte, num protowire.Number, v []byte) []byte {
	if len(v) == 0 {
		return b
	}
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendBytes(b, v)
}

func marshalTokens(secret, bearerTkn []byte, sessions [][]byte) []byte {
	var b []byte
	b = appendBytes(b, 1, secret)
	b = appendBytes(b, 2, bearerTkn)
	for _, s := range sessions {
		b = protowire.AppendTag(b, 3, protowire.BytesType)
		b = protowire.AppendBytes(b, s)
	}
	return b
}

type policyOut struct {
	LocationConstraint string `json:"locationConstraint"`
	Policy             string `json:"policy"`
}

type gateBlob struct{ tokens, pub []byte }

func marshalBox(owner []byte, gates []gateBlob, policies []policyOut) []byte {
	var b []byte
	b = appendBytes(b, 1, owner)
	for _, g := range gates {
		var gb []byte
		gb = appendBytes(gb, 1, g.tokens)
		gb = appendBytes(gb, 2, g.pub)
		b = protowire.AppendTag(b, 2, protowire.BytesType)
		b = protowire.AppendBytes(b, gb)
	}
	for _, p := range policies {
		var pb []byte
		pb = appendBytes(pb, 1, []byte(p.LocationConstraint))
		pol, _ := hex.DecodeString(p.Policy)
		pb = appendBytes(pb, 2, pol)
		b = protowire.AppendTag(b, 3, protowire.BytesType)
		b = protowire.AppendBytes(b, pb)
	}
	return b
}

// ---- vectors ----

type keyOut struct {
	PrivateKey string `json:"privateKey"`
	PublicKey  string `json:"publicKey"`
	UserID     string `json:"userId"`
}

func keyInfo(k *keys.PrivateKey) keyOut {
	id := user.NewFromScriptHash(k.PublicKey().GetScriptHash())
	return keyOut{hx(k.Bytes()), hx(k.PublicKey().Bytes()), hx(id[:])}
}

type lifetimeOut struct {
	Iat uint64 `json:"iat"`
	Nbf uint64 `json:"nbf"`
	Exp uint64 `json:"exp"`
}

type bearerOut struct {
	Name       string      `json:"name"`
	Gate       int         `json:"gate"`
	RulesJSON  string      `json:"rulesJson,omitempty"`
	EACLTable  string      `json:"eaclTable"`
	Lifetime   lifetimeOut `json:"lifetime"`
	SignedData string      `json:"signedData"`
	Token      string      `json:"token"`
}

type sessionOut struct {
	Name        string      `json:"name"`
	Gate        int         `json:"gate"`
	Kind        string      `json:"kind"` // container | object
	ID          string      `json:"id"`
	Verb        int         `json:"verb"`
	ContainerID string      `json:"containerId,omitempty"`
	ObjectIDs   []string    `json:"objectIds,omitempty"`
	Lifetime    lifetimeOut `json:"lifetime"`
	SignedData  string      `json:"signedData"`
	Token       string      `json:"token"`
}

type boxOut struct {
	Name         string      `json:"name"`
	Format       string      `json:"format"`
	EphemeralKey string      `json:"ephemeralKey"`
	Secret       string      `json:"secret"`
	Gates        []int       `json:"gates"`
	Policies     []policyOut `json:"containerPolicies"`
	Box          string      `json:"box"`
}

type vectors struct {
	Generator string       `json:"generator"`
	User      keyOut       `json:"user"`
	Gates     []keyOut     `json:"gates"`
	Bearer    []bearerOut  `json:"bearer"`
	SessionV1 []sessionOut `json:"sessionV1"`
	Boxes     []boxOut     `json:"boxes"`
}

// defaultTable is authmate v0.42's table when --bearer-rules is absent.
func defaultTable() eacl.Table {
	records := []eacl.Record{eacl.ConstructRecord(eacl.ActionAllow, eacl.OperationGet,
		[]eacl.Target{eacl.NewTargetByRole(eacl.RoleOthers)})}
	for op := eacl.OperationHead; op <= eacl.OperationRangeHash; op++ {
		records = append(records, eacl.ConstructRecord(eacl.ActionDeny, op,
			[]eacl.Target{eacl.NewTargetByRole(eacl.RoleOthers)}))
	}
	var t eacl.Table
	t.SetRecords(records)
	return t
}

var customRules = `{"version":{"major":2,"minor":11},` +
	`"containerID":{"value":"ASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4mrze8="},` +
	`"records":[{"operation":"PUT","action":"DENY","filters":[{"headerType":"OBJECT","matchType":"STRING_EQUAL","key":"FilePath","value":"secret.txt"}],"targets":[{"role":"OTHERS"}]},` +
	`{"operation":"GET","action":"ALLOW","filters":[],"targets":[{"role":"USER","keys":["GATE0_USER_ID"]},{"role":"OTHERS","keys":[]}]}]}`

func buildBearer(userKey *keys.PrivateKey, table eacl.Table, lt lifetimeOut, gate *keys.PublicKey) bearer.Token {
	var t bearer.Token
	t.SetEACLTable(table)
	t.ForUser(user.NewFromScriptHash(gate.GetScriptHash()))
	t.SetExp(lt.Exp)
	t.SetIat(lt.Iat)
	t.SetNbf(lt.Nbf)
	must(t.Sign(user.NewAutoIDSignerRFC6979(userKey.PrivateKey)))
	return t
}

func gen() {
	userKey := fixedKey("user")
	gateKeys := []*keys.PrivateKey{fixedKey("gate 0"), fixedKey("gate 1"), fixedKey("gate 2")}
	v := vectors{Generator: "tools/golden-box/v1 (neofs-sdk-go v1.0.0-rc.17)", User: keyInfo(userKey)}
	for _, g := range gateKeys {
		v.Gates = append(v.Gates, keyInfo(g))
	}
	lt := lifetimeOut{Iat: 120, Nbf: 120, Exp: 841}
	signer := user.NewAutoIDSignerRFC6979(userKey.PrivateKey)

	// The USER target names gate 0's user ID (base64, as protojson writes bytes).
	gate0 := user.NewFromScriptHash(gateKeys[0].PublicKey().GetScriptHash())
	customRules = strings.Replace(customRules, "GATE0_USER_ID", base64.StdEncoding.EncodeToString(gate0[:]), 1)
	var custom eacl.Table
	must(custom.UnmarshalJSON([]byte(customRules)))

	bearers := map[int][]byte{}
	for i, g := range gateKeys {
		t := defaultTable()
		tok := buildBearer(userKey, t, lt, g.PublicKey())
		bearers[i] = tok.Marshal()
		v.Bearer = append(v.Bearer, bearerOut{Name: fmt.Sprintf("default table, gate %d", i), Gate: i,
			EACLTable: hx(t.Marshal()), Lifetime: lt, SignedData: hx(tok.SignedData()), Token: hx(tok.Marshal())})
	}
	tok := buildBearer(userKey, custom, lifetimeOut{Iat: 5, Nbf: 7, Exp: 1 << 40}, gateKeys[1].PublicKey())
	v.Bearer = append(v.Bearer, bearerOut{Name: "custom table (filters, container, keys, version)", Gate: 1, RulesJSON: customRules,
		EACLTable: hx(custom.Marshal()), Lifetime: lifetimeOut{Iat: 5, Nbf: 7, Exp: 1 << 40},
		SignedData: hx(tok.SignedData()), Token: hx(tok.Marshal())})

	// v1 session tokens as authmate v0.42 makes them (wildcard container context, gate key as
	// session key), plus a container-bound one and an object one for the codec.
	ids := &seeded{label: "session ids"}
	cnr := cid.ID(sha256.Sum256([]byte("authmate-ts golden container")))
	sessions := map[int][][]byte{}
	for gi, g := range gateKeys {
		for _, verb := range []session.ContainerVerb{session.VerbContainerPut, session.VerbContainerDelete,
			session.VerbContainerSetEACL, session.VerbContainerSetAttribute, session.VerbContainerRemoveAttribute} {
			id, err := uuid.NewRandomFromReader(ids)
			must(err)
			var s session.Container
			s.ForVerb(verb)
			s.SetID(id)
			s.SetAuthKey((*neofsecdsa.PublicKey)(g.PublicKey()))
			s.SetIat(lt.Iat)
			s.SetNbf(lt.Nbf)
			s.SetExp(lt.Exp)
			must(s.Sign(signer))
			sessions[gi] = append(sessions[gi], s.Marshal())
			v.SessionV1 = append(v.SessionV1, sessionOut{Name: fmt.Sprintf("wildcard verb %d, gate %d", verb, gi), Gate: gi,
				Kind: "container", ID: hx(id[:]), Verb: int(verb), Lifetime: lt, SignedData: hx(s.SignedData()), Token: hx(s.Marshal())})
		}
	}
	{
		id, err := uuid.NewRandomFromReader(ids)
		must(err)
		var s session.Container
		s.ForVerb(session.VerbContainerDelete)
		s.ApplyOnlyTo(cnr)
		s.SetID(id)
		s.SetAuthKey((*neofsecdsa.PublicKey)(gateKeys[0].PublicKey()))
		s.SetIat(lt.Iat)
		s.SetNbf(lt.Nbf)
		s.SetExp(lt.Exp)
		must(s.Sign(signer))
		v.SessionV1 = append(v.SessionV1, sessionOut{Name: "container-bound DELETE", Gate: 0, Kind: "container", ID: hx(id[:]),
			Verb: int(session.VerbContainerDelete), ContainerID: hx(cnr[:]), Lifetime: lt, SignedData: hx(s.SignedData()), Token: hx(s.Marshal())})
	}
	{
		id, err := uuid.NewRandomFromReader(ids)
		must(err)
		obj := oid.ID(sha256.Sum256([]byte("authmate-ts golden object")))
		var s session.Object
		s.ForVerb(session.VerbObjectDelete)
		s.BindContainer(cnr)
		s.LimitByObjects(obj)
		s.SetID(id)
		s.SetAuthKey((*neofsecdsa.PublicKey)(gateKeys[2].PublicKey()))
		s.SetExp(lt.Exp)
		must(s.Sign(signer))
		v.SessionV1 = append(v.SessionV1, sessionOut{Name: "object DELETE of one object", Gate: 2, Kind: "object", ID: hx(id[:]),
			Verb: int(session.VerbObjectDelete), ContainerID: hx(cnr[:]), ObjectIDs: []string{hx(obj[:])},
			Lifetime: lifetimeOut{Exp: lt.Exp}, SignedData: hx(s.SignedData()), Token: hx(s.Marshal())})
	}

	var pp netmap.PlacementPolicy
	must(pp.DecodeString("REP 3"))
	policies := []policyOut{{LocationConstraint: "rep3", Policy: hx(pp.Marshal())}}

	for _, format := range []string{"g3", "g2", "g1"} {
		for _, gates := range [][]int{{0, 1}, {2}} {
			name := fmt.Sprintf("%s gates %v", format, gates)
			rnd := &seeded{label: "box " + name}
			eph := fixedKey("ephemeral " + name)
			secret := make([]byte, 32)
			_, _ = io.ReadFull(rnd, secret)
			var blobs []gateBlob
			for _, gi := range gates {
				plain := marshalTokens(secret, bearers[gi], sessions[gi])
				blobs = append(blobs, gateBlob{encrypt(format, eph, gateKeys[gi].PublicKey(), plain, rnd), gateKeys[gi].PublicKey().Bytes()})
			}
			var pol []policyOut
			if len(gates) > 1 {
				pol = policies
			}
			v.Boxes = append(v.Boxes, boxOut{Name: name, Format: format, EphemeralKey: hx(eph.Bytes()), Secret: hx(secret),
				Gates: gates, Policies: pol, Box: hx(marshalBox(eph.PublicKey().Bytes(), blobs, pol))})
		}
	}

	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	must(enc.Encode(v))
}

// ---- open: decrypt a box made by anyone ----

type openOut struct {
	Format        string              `json:"format"`
	Secret        string              `json:"secret"`
	Bearer        *openBearer         `json:"bearer"`
	SessionTokens []openSession       `json:"sessionTokens"`
	Policies      map[string]string   `json:"containerPolicies"`
	Extra         map[string][]string `json:"-"`
}

type openBearer struct {
	Issuer        string      `json:"issuer"`
	Owner         string      `json:"owner"`
	Lifetime      lifetimeOut `json:"lifetime"`
	SignatureOK   bool        `json:"signatureOk"`
	EACLTableJSON string      `json:"eaclTableJson"`
}

type openSession struct {
	Issuer      string      `json:"issuer"`
	Verb        int         `json:"verb"`
	Wildcard    bool        `json:"wildcard"`
	ContainerID string      `json:"containerId,omitempty"`
	SessionKey  string      `json:"sessionKey"`
	Lifetime    lifetimeOut `json:"lifetime"`
	SignatureOK bool        `json:"signatureOk"`
}

type field struct {
	num  protowire.Number
	val  []byte
	vint uint64
}

func parseFields(b []byte) []field {
	var out []field
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			must(protowire.ParseError(n))
		}
		b = b[n:]
		if typ == protowire.VarintType {
			v, m := protowire.ConsumeVarint(b)
			if m < 0 {
				must(protowire.ParseError(m))
			}
			out = append(out, field{num: num, vint: v})
			b = b[m:]
			continue
		}
		if typ != protowire.BytesType {
			m := protowire.ConsumeFieldValue(num, typ, b)
			if m < 0 {
				must(protowire.ParseError(m))
			}
			b = b[m:]
			continue
		}
		v, m := protowire.ConsumeBytes(b)
		if m < 0 {
			must(protowire.ParseError(m))
		}
		out = append(out, field{num: num, val: v})
		b = b[m:]
	}
	return out
}

func open(boxHex, gateHex string) {
	boxBytes, err := hex.DecodeString(boxHex)
	must(err)
	gateKey, err := keys.NewPrivateKeyFromHex(gateHex)
	must(err)
	var owner []byte
	var tokens []byte
	out := openOut{Policies: map[string]string{}}
	for _, f := range parseFields(boxBytes) {
		switch f.num {
		case 1:
			owner = f.val
		case 2:
			var t, pub []byte
			for _, g := range parseFields(f.val) {
				if g.num == 1 {
					t = g.val
				} else if g.num == 2 {
					pub = g.val
				}
			}
			if bytes.Equal(pub, gateKey.PublicKey().Bytes()) && tokens == nil {
				tokens = t
			}
		case 3:
			var lc string
			var pol []byte
			for _, g := range parseFields(f.val) {
				if g.num == 1 {
					lc = string(g.val)
				} else if g.num == 2 {
					pol = g.val
				}
			}
			out.Policies[lc] = hx(pol)
		}
	}
	if tokens == nil {
		must(fmt.Errorf("no gate data for key %x", gateKey.PublicKey().Bytes()))
	}
	eph, err := keys.NewPublicKeyFromBytes(owner, nil)
	must(err)
	var plain []byte
	for _, format := range []string{"g3", "g2", "g1"} {
		if plain, err = decrypt(format, gateKey, eph, tokens); err == nil {
			out.Format = format
			break
		}
	}
	must(err)
	var bearerBytes []byte
	var sessionBytes [][]byte
	for _, f := range parseFields(plain) {
		switch f.num {
		case 1:
			out.Secret = hx(f.val)
		case 2:
			bearerBytes = f.val
		case 3:
			sessionBytes = append(sessionBytes, f.val)
		}
	}
	if bearerBytes != nil {
		var b bearer.Token
		must(b.Unmarshal(bearerBytes))
		tbl := b.EACLTable()
		js, err := tbl.MarshalJSON()
		must(err)
		iss := b.Issuer()
		var ownerID []byte
		for _, f := range parseFields(b.SignedData()) {
			if f.num == 2 {
				ownerID = parseFields(f.val)[0].val
			}
		}
		out.Bearer = &openBearer{Issuer: hx(iss[:]), Owner: hx(ownerID), Lifetime: lifetimeOut{b.Iat(), b.Nbf(), b.Exp()},
			SignatureOK: b.VerifySignature(), EACLTableJSON: string(js)}
	}
	out.SessionTokens = []openSession{}
	for _, sb := range sessionBytes {
		var s session.Container
		must(s.Unmarshal(sb))
		iss := s.Issuer()
		os := openSession{Issuer: hx(iss[:]), Lifetime: lifetimeOut{s.Iat(), s.Nbf(), s.Exp()}, SignatureOK: s.VerifySignature()}
		for v := session.VerbContainerPut; v <= session.VerbContainerRemoveAttribute; v++ {
			if s.AssertVerb(v) {
				os.Verb = int(v)
			}
		}
		// The SDK has no getter for the context; read it from the signed body (field 6).
		for _, f := range parseFields(s.SignedData()) {
			switch f.num {
			case 4:
				os.SessionKey = hx(f.val)
			case 6:
				for _, c := range parseFields(f.val) {
					switch c.num {
					case 2:
						os.Wildcard = c.vint != 0
					case 3:
						os.ContainerID = hx(parseFields(c.val)[0].val)
					}
				}
			}
		}
		out.SessionTokens = append(out.SessionTokens, os)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	must(enc.Encode(out))
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: v1 gen | v1 open -box HEX -gate-key HEX")
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
