// Command golden prints NeoFS byte-level test vectors as JSON, produced by the real Go SDK
// (neofs-sdk-go v1.0.0-rc.17, the API 2.21 reference) from fixed keys and inputs. RFC 6979
// signatures make everything deterministic except the one ECDSA_SHA512 sample.
//
//	cd tools/golden && go run . > ../../test/vectors/neofs/golden.json
package main

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"os"

	"github.com/google/uuid"
	"github.com/nspcc-dev/neo-go/pkg/crypto/keys"
	"github.com/nspcc-dev/neofs-sdk-go/checksum"
	"github.com/nspcc-dev/neofs-sdk-go/container"
	"github.com/nspcc-dev/neofs-sdk-go/container/acl"
	cid "github.com/nspcc-dev/neofs-sdk-go/container/id"
	neofscrypto "github.com/nspcc-dev/neofs-sdk-go/crypto"
	neofsecdsa "github.com/nspcc-dev/neofs-sdk-go/crypto/ecdsa"
	"github.com/nspcc-dev/neofs-sdk-go/netmap"
	"github.com/nspcc-dev/neofs-sdk-go/object"
	protoacl "github.com/nspcc-dev/neofs-sdk-go/proto/acl"
	protocontainer "github.com/nspcc-dev/neofs-sdk-go/proto/container"
	protonetmap "github.com/nspcc-dev/neofs-sdk-go/proto/netmap"
	protoobject "github.com/nspcc-dev/neofs-sdk-go/proto/object"
	"github.com/nspcc-dev/neofs-sdk-go/proto/refs"
	protosession "github.com/nspcc-dev/neofs-sdk-go/proto/session"
	"github.com/nspcc-dev/neofs-sdk-go/session"
	"github.com/nspcc-dev/neofs-sdk-go/user"
	"github.com/nspcc-dev/neofs-sdk-go/version"
	"github.com/nspcc-dev/tzhash/tz"
	"google.golang.org/protobuf/proto"
)

type stable interface {
	MarshaledSize() int
	MarshalStable([]byte)
}

// stb is the SDK's stable encoding of a message (nil-safe: a nil message encodes to nothing).
func stb(m stable) []byte {
	b := make([]byte, m.MarshaledSize())
	m.MarshalStable(b)
	return b
}

func st(m stable) string { return hex.EncodeToString(stb(m)) }

func h(b []byte) string { return hex.EncodeToString(b) }

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func key(seed string) *keys.PrivateKey {
	d := sha256.Sum256([]byte(seed))
	k, err := keys.NewPrivateKeyFromBytes(d[:])
	must(err)
	return k
}

// signedRequest is what the TS side rebuilds: stable parts plus Go's wire encoding of the whole.
type signedRequest struct {
	Signer       string `json:"signer"`
	Body         string `json:"body"`
	Meta         string `json:"meta"`
	VerifyHeader string `json:"verifyHeader"`
	Wire         string `json:"wire"`
}

type request[B neofscrypto.ProtoMessage] interface {
	neofscrypto.SignedRequest[B]
	proto.Message
}

func sign[B neofscrypto.ProtoMessage](signerName string, k *keys.PrivateKey, req request[B], set func(*protosession.RequestVerificationHeader)) signedRequest {
	vh, err := neofscrypto.SignRequestWithBuffer[B](neofsecdsa.SignerRFC6979(k.PrivateKey), req, nil)
	must(err)
	set(vh)
	wire, err := proto.Marshal(req)
	must(err)
	return signedRequest{Signer: signerName, Body: st(req.GetBody()), Meta: st(req.GetMetaHeader()), VerifyHeader: st(vh), Wire: h(wire)}
}

func meta() *protosession.RequestMetaHeader {
	return &protosession.RequestMetaHeader{Version: version.Current().ProtoMessage(), Ttl: 2}
}

func main() {
	user1 := key("authmate-ts golden user")
	client := key("authmate-ts golden client")
	out := map[string]any{
		"sdk":  "github.com/nspcc-dev/neofs-sdk-go v1.0.0-rc.17",
		"keys": map[string]string{"user": h(user1.Bytes()), "client": h(client.Bytes())},
	}
	owner := user.NewFromECDSAPublicKey(user1.PrivateKey.PublicKey)
	out["ownerId"] = map[string]string{"publicKey": h(user1.PublicKey().Bytes()), "bytes": h(owner[:]), "string": owner.EncodeToString()}

	// Signatures over fixed data (RFC 6979 is deterministic; SHA512 is random, verify only).
	data := []byte("neofs golden data")
	rfc, err := neofsecdsa.SignerRFC6979(user1.PrivateKey).Sign(data)
	must(err)
	sha, err := neofsecdsa.Signer(user1.PrivateKey).Sign(data)
	must(err)
	wc, err := neofsecdsa.SignerWalletConnect(user1.PrivateKey).Sign(data)
	must(err)
	out["signatures"] = map[string]string{"data": h(data), "rfc6979": h(rfc), "sha512": h(sha), "walletConnect": h(wc)}

	// Containers: fixed nonce, authmate's basic ACL, attributes, two policies.
	containers := []map[string]string{}
	var firstCnr container.Container
	for i, pol := range []string{"REP 1", "REP 2 IN X CBF 3 SELECT 2 FROM * AS X"} {
		var p netmap.PlacementPolicy
		must(p.DecodeString(pol))
		var c container.Container
		c.Init()
		c.SetOwner(owner)
		c.SetBasicACL(acl.Basic(0x1C8C8CCE))
		c.SetPlacementPolicy(p)
		c.SetAttribute("Timestamp", "1700000000")
		c.SetAttribute("Name", "golden")
		m := c.ProtoMessage()
		m.Nonce = []byte{0x0f, 0x1e, 0x2d, 0x3c, 0x4b, 0x5a, 0x49, 0x78, 0x87, 0x96, 0xa5, 0xb4, 0xc3, 0xd2, 0xe1, byte(0xf0 + i)}
		must(c.FromProtoMessage(m))
		var sig neofscrypto.Signature
		must(c.CalculateSignature(&sig, neofsecdsa.SignerRFC6979(user1.PrivateKey)))
		id := cid.NewFromMarshalledContainer(c.Marshal())
		containers = append(containers, map[string]string{
			"policy": pol, "policyBytes": h(p.Marshal()), "nonce": h(m.Nonce), "bytes": h(c.Marshal()),
			"id": h(id[:]), "idString": id.EncodeToString(), "signature": h(sig.Value()),
		})
		if i == 0 {
			firstCnr = c
		}
	}
	out["containers"] = containers
	cnrID := cid.NewFromMarshalledContainer(firstCnr.Marshal())

	// Object with attributes, SHA-256 and Tillich-Zemor checksums, ID and RFC 6979 signature.
	payload := []byte("hello from the golden vector generator")
	obj := object.New(cnrID, owner)
	obj.SetCreationEpoch(42)
	obj.SetPayload(payload)
	obj.SetPayloadSize(uint64(len(payload)))
	obj.SetAttributes(object.NewAttribute("FileName", "golden.txt"), object.NewAttribute("Timestamp", "1700000000"))
	obj.CalculateAndSetPayloadChecksum()
	obj.SetPayloadHomomorphicHash(checksum.NewTillichZemor(tz.Sum(payload)))
	must(obj.SetVerificationFields(neofsecdsa.SignerRFC6979(user1.PrivateKey)))
	om := obj.ProtoMessage()
	objID := obj.GetID()
	out["object"] = map[string]string{
		"payload": h(payload), "header": st(om.Header), "id": h(objID[:]), "idString": objID.EncodeToString(),
		"signature": st(om.Signature), "creationEpoch": "42",
	}

	// Object session token (for a meta header), signed by the user, session key = client key.
	var tok session.Object
	tok.SetID(uuid.MustParse("5f4b3a2c-1d0e-4f9a-8b7c-6d5e4f3a2b1c"))
	tok.SetExp(100)
	tok.BindContainer(cnrID)
	tok.ForVerb(session.VerbObjectPut)
	tok.SetAuthKey((*neofsecdsa.PublicKey)(&client.PrivateKey.PublicKey))
	must(tok.Sign(user.NewAutoIDSignerRFC6979(user1.PrivateKey)))
	out["objectSessionToken"] = h(tok.Marshal())

	reqs := map[string]signedRequest{}
	// NetworkInfo as rc.17 sends it: no body at all.
	ni := &protonetmap.NetworkInfoRequest{MetaHeader: meta()}
	reqs["networkInfo"] = sign[*protonetmap.NetworkInfoRequest_Body]("client", client, ni, func(v *protosession.RequestVerificationHeader) { ni.VerifyHeader = v })
	lni := &protonetmap.LocalNodeInfoRequest{Body: &protonetmap.LocalNodeInfoRequest_Body{}, MetaHeader: meta()}
	reqs["localNodeInfo"] = sign[*protonetmap.LocalNodeInfoRequest_Body]("client", client, lni, func(v *protosession.RequestVerificationHeader) { lni.VerifyHeader = v })

	cs, err := neofsecdsa.SignerRFC6979(user1.PrivateKey).Sign(firstCnr.Marshal())
	must(err)
	cput := &protocontainer.PutRequest{Body: &protocontainer.PutRequest_Body{
		Container: firstCnr.ProtoMessage(),
		Signature: &refs.SignatureRFC6979{Key: user1.PublicKey().Bytes(), Sign: cs},
	}, MetaHeader: meta()}
	reqs["containerPut"] = sign[*protocontainer.PutRequest_Body]("client", client, cput, func(v *protosession.RequestVerificationHeader) { cput.VerifyHeader = v })

	ds, err := neofsecdsa.SignerRFC6979(user1.PrivateKey).Sign(cnrID[:])
	must(err)
	cdel := &protocontainer.DeleteRequest{Body: &protocontainer.DeleteRequest_Body{
		ContainerId: cnrID.ProtoMessage(),
		Signature:   &refs.SignatureRFC6979{Key: user1.PublicKey().Bytes(), Sign: ds},
	}, MetaHeader: meta()}
	reqs["containerDelete"] = sign[*protocontainer.DeleteRequest_Body]("client", client, cdel, func(v *protosession.RequestVerificationHeader) { cdel.VerifyHeader = v })

	cget := &protocontainer.GetRequest{Body: &protocontainer.GetRequest_Body{ContainerId: cnrID.ProtoMessage()}, MetaHeader: meta()}
	reqs["containerGet"] = sign[*protocontainer.GetRequest_Body]("client", client, cget, func(v *protosession.RequestVerificationHeader) { cget.VerifyHeader = v })

	table := &protoacl.EACLTable{
		Version:     version.Current().ProtoMessage(),
		ContainerId: cnrID.ProtoMessage(),
		Records: []*protoacl.EACLRecord{{
			Operation: protoacl.Operation_GET, Action: protoacl.Action_ALLOW,
			Targets: []*protoacl.EACLRecord_Target{{Role: protoacl.Role_OTHERS}},
		}},
	}
	es, err := neofsecdsa.SignerRFC6979(user1.PrivateKey).Sign(stb(table))
	must(err)
	seacl := &protocontainer.SetExtendedACLRequest{Body: &protocontainer.SetExtendedACLRequest_Body{
		Eacl: table, Signature: &refs.SignatureRFC6979{Key: user1.PublicKey().Bytes(), Sign: es},
	}, MetaHeader: meta()}
	reqs["containerSetExtendedAcl"] = sign[*protocontainer.SetExtendedACLRequest_Body]("client", client, seacl, func(v *protosession.RequestVerificationHeader) { seacl.VerifyHeader = v })
	out["eaclTable"] = st(table)

	// Object PUT stream: init (with an object session token in the meta header) then one chunk.
	initMeta := meta()
	initMeta.SessionToken = tok.ProtoMessage()
	pinit := &protoobject.PutRequest{Body: &protoobject.PutRequest_Body{ObjectPart: &protoobject.PutRequest_Body_Init_{Init: &protoobject.PutRequest_Body_Init{
		ObjectId: om.ObjectId, Signature: om.Signature, Header: om.Header,
	}}}, MetaHeader: initMeta}
	reqs["objectPutInit"] = sign[*protoobject.PutRequest_Body]("user", user1, pinit, func(v *protosession.RequestVerificationHeader) { pinit.VerifyHeader = v })
	pchunk := &protoobject.PutRequest{Body: &protoobject.PutRequest_Body{ObjectPart: &protoobject.PutRequest_Body_Chunk{Chunk: payload}}, MetaHeader: meta()}
	reqs["objectPutChunk"] = sign[*protoobject.PutRequest_Body]("user", user1, pchunk, func(v *protosession.RequestVerificationHeader) { pchunk.VerifyHeader = v })

	addr := &refs.Address{ContainerId: cnrID.ProtoMessage(), ObjectId: objID.ProtoMessage()}
	oget := &protoobject.GetRequest{Body: &protoobject.GetRequest_Body{Address: addr}, MetaHeader: meta()}
	reqs["objectGet"] = sign[*protoobject.GetRequest_Body]("user", user1, oget, func(v *protosession.RequestVerificationHeader) { oget.VerifyHeader = v })
	ohead := &protoobject.HeadRequest{Body: &protoobject.HeadRequest_Body{Address: addr}, MetaHeader: meta()}
	reqs["objectHead"] = sign[*protoobject.HeadRequest_Body]("user", user1, ohead, func(v *protosession.RequestVerificationHeader) { ohead.VerifyHeader = v })
	odel := &protoobject.DeleteRequest{Body: &protoobject.DeleteRequest_Body{Address: addr}, MetaHeader: meta()}
	reqs["objectDelete"] = sign[*protoobject.DeleteRequest_Body]("user", user1, odel, func(v *protosession.RequestVerificationHeader) { odel.VerifyHeader = v })

	screate := &protosession.CreateRequest{Body: &protosession.CreateRequest_Body{OwnerId: owner.ProtoMessage(), Expiration: 142}, MetaHeader: meta()}
	reqs["sessionCreate"] = sign[*protosession.CreateRequest_Body]("user", user1, screate, func(v *protosession.RequestVerificationHeader) { screate.VerifyHeader = v })
	out["requests"] = reqs

	// A NetworkInfo response as a node would send it (signed here with RFC 6979 to be stable).
	u64 := func(v uint64) []byte { b := make([]byte, 8); binary.LittleEndian.PutUint64(b, v); return b }
	resp := &protonetmap.NetworkInfoResponse{
		Body: &protonetmap.NetworkInfoResponse_Body{NetworkInfo: &protonetmap.NetworkInfo{
			CurrentEpoch: 17, MagicNumber: 15405, MsPerBlock: 1000,
			NetworkConfig: &protonetmap.NetworkConfig{Parameters: []*protonetmap.NetworkConfig_Parameter{
				{Key: []byte("MaxObjectSize"), Value: u64(64 << 20)},
				{Key: []byte("BasicIncomeRate"), Value: u64(0)},
				{Key: []byte("EpochDuration"), Value: u64(240)},
				{Key: []byte("ContainerFee"), Value: u64(1000)},
				{Key: []byte("ContainerAliasFee"), Value: u64(500)},
				{Key: []byte("WithdrawFee"), Value: u64(100000000)},
				{Key: []byte("HomomorphicHashingDisabled"), Value: []byte{1}},
			}},
		}},
		MetaHeader: &protosession.ResponseMetaHeader{Version: version.Current().ProtoMessage(), Epoch: 17, Ttl: 1},
	}
	rvh, err := neofscrypto.SignResponseWithBuffer[*protonetmap.NetworkInfoResponse_Body](neofsecdsa.SignerRFC6979(client.PrivateKey), resp, nil)
	must(err)
	resp.VerifyHeader = rvh
	rwire, err := proto.Marshal(resp)
	must(err)
	out["networkInfoResponse"] = map[string]string{"wire": h(rwire), "body": st(resp.Body)}

	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	must(enc.Encode(out))
}
