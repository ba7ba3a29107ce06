// Command policyvectors prints golden vectors for src/policy, computed by the real
// github.com/nspcc-dev/neofs-sdk-go v1.0.0-rc.17 (the SDK neofs-s3-gw v0.42.0 builds with):
// placement policies (query language and protojson) and eACL tables (protojson), with their
// stable binary encodings or Go's error.
//
//	go run . > ../../test/vectors/policy/sdk-rc17.json
package main

import (
	"encoding/hex"
	"encoding/json"
	"os"

	"github.com/nspcc-dev/neofs-sdk-go/eacl"
	"github.com/nspcc-dev/neofs-sdk-go/netmap"
)

type policyResult struct {
	Input string `json:"input"`
	// DecodeString error, "" if accepted.
	Error string `json:"error"`
	// Stable encoding (Marshal) of the accepted policy.
	Bytes string `json:"bytes,omitempty"`
	// rc.17 DecodeString validates references on the receiver's previous value; decoding the
	// same text a second time into the same receiver therefore yields the intended check.
	ValidateError string `json:"validateError,omitempty"`
	// Verify() of the accepted policy (limits, REP selectors), "" if it passes.
	VerifyError string `json:"verifyError,omitempty"`
	// MarshalJSON of the accepted policy.
	JSON json.RawMessage `json:"json,omitempty"`
}

type tableResult struct {
	Input string `json:"input"`
	Error string `json:"error"`
	Bytes string `json:"bytes,omitempty"`
}

type output struct {
	Source       string         `json:"source"`
	PolicyQL     []policyResult `json:"policyQL"`
	PolicyJSON   []policyResult `json:"policyJSON"`
	EACLJSON     []tableResult  `json:"eaclJSON"`
	DefaultTable string         `json:"defaultBearerTable"`
}

var qlInputs = []string{
	"REP 2 IN X CBF 3 SELECT 2 FROM * AS X",
	"REP 1",
	"REP 3",
	"REP 1 REP 2",
	"REP 1 IN X REP 2 IN Y CBF 2 SELECT 1 IN SAME City FROM F AS X SELECT 2 IN DISTINCT Country FROM * AS Y FILTER Country EQ Germany AS F",
	"REP 1 IN X SELECT 1 FROM F AS X FILTER a EQ 1 AND b EQ 2 AND c EQ 3 OR d EQ 4 AS F",
	"REP 1 IN X SELECT 1 FROM F AS X FILTER a EQ 1 OR b EQ 2 AND c EQ 3 OR d EQ 4 AS F",
	"REP 1 IN X SELECT 1 FROM F AS X FILTER (a EQ 1 OR b EQ 2) AND c EQ 3 AS F",
	"REP 1 IN X SELECT 1 FROM F AS X FILTER (a EQ 1 AND b EQ 2) AND c EQ 3 AS F",
	"REP 1 IN X SELECT 1 FROM F AS X FILTER a EQ 1 AND (b EQ 2 AND c EQ 3) AS F",
	"REP 1 IN X SELECT 1 FROM F AS X FILTER a EQ 1 OR (b EQ 2 OR c EQ 3) AS F",
	"REP 1 IN X SELECT 1 FROM G AS X FILTER Price GT 10 AS F FILTER @F AND Price LE 100 AS G",
	"REP 1 IN X SELECT 1 FROM G AS X FILTER Price GE 0 AS F FILTER @F AS G",
	"REP 1 IN X SELECT 1 FROM F AS X FILTER \"Key with space\" NE 'it''s' AS F",
	"REP 1 IN X SELECT 1 FROM F AS X FILTER 'a\\'b' EQ \"c\\\"d\\u0041\" AS F",
	"REP 1 IN X SELECT 1 FROM F AS X FILTER A LT B AS F",
	"REP 1 IN FROM SELECT 1 FROM * AS FROM",
	"REP 1 IN SELECT SELECT 1 IN IN FROM FILTER AS SELECT FILTER REP EQ EC AS FILTER",
	"REP 2\nCBF 1\r\n\tSELECT 2 FROM *\nAS X",
	"REP 1 SELECT 1 FROM *",
	"REP 1 SELECT 1 IN DISTINCT Country FROM *",
	"EC 3/2",
	"EC 3/2 IN X SELECT 5 FROM * AS X",
	"EC 3 / 2 REP 1",
	"REP 4294967295",
	"REP 9",
	"REP 8 CBF 9",
	"REP 8 CBF 8",
	"REP 1 IN Y SELECT 1 FROM * AS X",
	"REP 1 SELECT 1 FROM G AS X",
	"EC 60/10",
	"EC 4294967295/1",
	"REP 1 REPX",
	// rejected
	"",
	"   ",
	"REP",
	"REP 0",
	"REP -1",
	"REP 01",
	"REP 1.5",
	"rep 1",
	"REP 1 CBF 0",
	"REP 1 CBF 4294967296",
	"REP 4294967296",
	"REP 1 SELECT 0 FROM *",
	"REP 1 SELECT 1 FROM",
	"REP 1 SELECT 1",
	"REP 1 SELECT 1 FROM * AS",
	"REP 1 SELECT 1 IN SAME FROM *",
	"REP 1 SELECT 1 IN AND FROM *",
	"REP 1 FILTER a EQ 1",
	"REP 1 FILTER a EQ 1 AS",
	"REP 1 FILTER a == 1 AS F",
	"REP 1 FILTER a EQ 'unterminated AS F",
	"REP 1 FILTER (a EQ 1 AS F",
	"REP 1 FILTER a EQ 1) AS F",
	"REP 1 FILTER a EQ -1 AS F",
	"REP 1 FILTER a EQ 1.5 AS F",
	"REP 1 FILTER a EQ 01 AS F",
	"REP 1 FILTER a AND b AS F",
	"REP 1 FILTER @ AS F",
	"REP 1 FILTER AND EQ 1 AS F",
	"REP 1 FILTER a EQ b AS F SELECT 1 FROM F",
	"CBF 3 REP 1",
	"SELECT 1 FROM *",
	"REP 1 CBF 2 CBF 3",
	"REP 1 UNIQUE",
	"UNIQUE REP 1",
	"REP 1 #comment",
	"REP 1 IN",
	"REP 1 IN *",
	"REP 1 SELECT 2 FROM * AS X X",
	"EC 3/0",
	"EC 3",
	"EC 3/",
	"EC /2",
	"REP 1 IN X SELECT 1 FROM F AS X FILTER a EQ \"x\ny\" AS F",
	"REP 1 IN X SELECT 1 FROM F AS X FILTER a EQ 'bad\\q' AS F",
	"REP 1 SAME",
	"REP 1 FILTER a EQ 1 AS F FILTER b EQ 2",
	"REP 1 ∑",
}

var jsonPolicyInputs = []string{
	`{"replicas":[{"count":2,"selector":"X"}],"containerBackupFactor":3,"selectors":[{"name":"X","count":2,"clause":"CLAUSE_UNSPECIFIED","attribute":"","filter":"*"}],"filters":[],"subnetId":null,"ecRules":[]}`,
	`{"replicas":[{"count":3,"selector":"SelASD0"}],"container_backup_factor":3,"selectors":[{"name":"SelASD0","count":3,"filter":"*"}],"filters":[]}`,
	`{"replicas":[{"count":1}]}`,
	`{"replicas":[{"count":"2"}],"containerBackupFactor":"1"}`,
	`{"replicas":[{"count":1,"selector":"S"}],"selectors":[{"name":"S","count":1,"clause":"SAME","attribute":"City","filter":"F"}],"filters":[{"name":"F","op":"AND","filters":[{"key":"a","op":"EQ","value":"1"},{"key":"b","op":8,"filters":[{"name":"G"}]}]}]}`,
	`{"replicas":[{"count":1}],"selectors":[{"count":1,"clause":2,"filter":"*"}]}`,
	`{"replicas":[{"count":1}],"selectors":[{"count":1,"clause":7}]}`,
	`{"replicas":[{"count":1}],"filters":[{"name":"F","op":42}]}`,
	`{"ecRules":[{"dataPartNum":3,"parityPartNum":2}]}`,
	`{"ec_rules":[{"data_part_num":3,"parity_part_num":1,"selector":"X"}],"selectors":[{"name":"X","count":4}]}`,
	`{"replicas":[{"count":1}],"subnetId":{"value":0}}`,
	`{"replicas":[{"count":1}],"subnet_id":{"value":7}}`,
	`{}`,
	`{"replicas":null,"selectors":null}`,
	`{"replicas":[{"count":1.0}]}`,
	`{"replicas":[{"count":1e1}]}`,
	// rejected
	`{"replicas":[{"count":1}],"unknown":1}`,
	`{"Replicas":[{"count":1}]}`,
	`{"replicas":[{"count":-1}]}`,
	`{"replicas":[{"count":4294967296}]}`,
	`{"replicas":[{"count":1.5}]}`,
	`{"replicas":[{"count":"x"}]}`,
	`{"replicas":[{"count":true}]}`,
	`{"replicas":{"count":1}}`,
	`{"replicas":[{"count":1}],"selectors":[{"count":1,"clause":"UNIQUE"}]}`,
	`{"replicas":[{"count":1}],"selectors":[{"count":1,"clause":-1}]}`,
	`{"replicas":[{"count":1}],"filters":[{"name":"F","op":"eq"}]}`,
	`{"replicas":[{"count":1}],"filters":[{"name":"F","op":-2}]}`,
	`{"ecRules":[{"dataPartNum":0,"parityPartNum":2}]}`,
	`{"replicas":[{"count":1}],"containerBackupFactor":1,"container_backup_factor":2}`,
	`{"replicas":[null]}`,
	`[]`,
	`"REP 1"`,
	`{"replicas":[{"count":1,"selector":5}]}`,
}

var eaclInputs = []string{
	`{"records":[{"operation":"GET","action":"ALLOW","filters":[],"targets":[{"role":"OTHERS","keys":[]}]}]}`,
	`{"records":[{"operation":"GET","action":"ALLOW","filters":[],"targets":[{"role":"OTHERS","keys":[]}]},{"operation":"PUT","action":"DENY","filters":[{"headerType":"OBJECT","matchType":"STRING_EQUAL","key":"FilePath","value":"secret.txt"}],"targets":[{"role":"OTHERS"}]}]}`,
	`{}`,
	`{"records":[]}`,
	`{"version":{"major":2,"minor":11},"records":[{"operation":3,"action":2,"targets":[{"role":1}]}]}`,
	`{"version":{}}`,
	`{"containerID":{"value":"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="},"records":[{"operation":"HEAD","action":"DENY","targets":[{"role":"USER","keys":["NXXbU1nb6EM/aQ6EnB14o6tQHMyPgCJ4Kg==","A6Tm4tcxymnUdFyYjN68uxvXHwmjHBQPZFqlMxs1WvZN"]}]}]}`,
	`{"container_id":{"value":"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="},"records":[{"operation":"GETRANGEHASH","action":"ALLOW","filters":[{"header_type":"REQUEST","match_type":"NUM_GE","key":"$Object:payloadLength","value":"10"},{"headerType":"SERVICE","matchType":"NOT_PRESENT","key":"k"}],"targets":[{"role":"SYSTEM"}]}]}`,
	`{"records":[{"operation":"SEARCH","action":"ALLOW","filters":[{"headerType":"OBJECT","matchType":"STRING_NOT_EQUAL","key":"","value":""}],"targets":[{"role":"OTHERS","keys":[""]}]}]}`,
	`{"records":[{"operation":"OPERATION_UNSPECIFIED","action":"ACTION_UNSPECIFIED","targets":[{"role":"ROLE_UNSPECIFIED"}]}]}`,
	`{"records":[{"operation":99,"action":7,"filters":[{"headerType":9,"matchType":8}],"targets":[{"role":4}]}]}`,
	`{"records":[{"operation":"GET","action":"ALLOW","filters":null,"targets":null}]}`,
	`{"records":[{"operation":"DELETE","action":"DENY","targets":[{"role":"OTHERS"},{"role":"USER"}]},{"operation":"GETRANGE","action":"DENY","filters":[{"headerType":"OBJECT","matchType":"NUM_LT","key":"x","value":"5"},{"headerType":"OBJECT","matchType":"NUM_LE","key":"y","value":"6"},{"headerType":"OBJECT","matchType":"NUM_GT","key":"z","value":"7"}]}]}`,
	// rejected
	`{"records":[{"operation":"GET","action":"ALLOW","targets":[{"role":"OTHER"}]}]}`,
	`{"records":[{"operation":"get","action":"ALLOW"}]}`,
	`{"records":[{"operation":"GET","action":"ALLOW","foo":1}]}`,
	`{"Records":[]}`,
	`{"containerID":{"value":null}}`,
	`{"containerID":{"value":"AQID"}}`,
	`{"containerID":{"value":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}}`,
	`{"containerID":"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="}`,
	`{"records":[{"operation":"GET","action":"ALLOW","targets":[{"role":"OTHERS","keys":["not base64!"]}]}]}`,
	`{"records":[{"operation":-1}]}`,
	`{"records":[{"action":-1}]}`,
	`{"records":[{"targets":[{"role":-3}]}]}`,
	`{"records":[{"filters":[{"matchType":-1}]}]}`,
	`{"records":[{"filters":[{"headerType":"HEADER"}]}]}`,
	`{"records":[{"filters":[{"key":5}]}]}`,
	`{"version":{"major":-1}}`,
	`{"records":{}}`,
	`{"records":[null]}`,
	`[]`,
	`{"records":[{"operation":"GET","operation":"PUT"}]}`,
	`{"containerID":{"value":"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="},"container_id":{"value":"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="}}`,
}

func main() {
	out := output{Source: "github.com/nspcc-dev/neofs-sdk-go v1.0.0-rc.17 (tools/policyvectors)"}

	for _, in := range qlInputs {
		var r policyResult
		r.Input = in
		var p netmap.PlacementPolicy
		if err := p.DecodeString(in); err != nil {
			r.Error = err.Error()
		} else {
			r.Bytes = hex.EncodeToString(p.Marshal())
			if err := p.DecodeString(in); err != nil {
				r.ValidateError = err.Error()
			}
			if err := p.Verify(); err != nil {
				r.VerifyError = err.Error()
			}
			j, err := p.MarshalJSON()
			if err != nil {
				panic(err)
			}
			r.JSON = j
		}
		out.PolicyQL = append(out.PolicyQL, r)
	}

	for _, in := range jsonPolicyInputs {
		var r policyResult
		r.Input = in
		var p netmap.PlacementPolicy
		if err := p.UnmarshalJSON([]byte(in)); err != nil {
			r.Error = err.Error()
		} else {
			r.Bytes = hex.EncodeToString(p.Marshal())
			if err := p.Verify(); err != nil {
				r.VerifyError = err.Error()
			}
		}
		out.PolicyJSON = append(out.PolicyJSON, r)
	}

	for _, in := range eaclInputs {
		var r tableResult
		r.Input = in
		var t eacl.Table
		if err := t.UnmarshalJSON([]byte(in)); err != nil {
			r.Error = err.Error()
		} else {
			r.Bytes = hex.EncodeToString(t.Marshal())
		}
		out.EACLJSON = append(out.EACLJSON, r)
	}

	// neofs-s3-gw v0.42.0 authmate buildEACLTable without --bearer-rules.
	records := []eacl.Record{eacl.ConstructRecord(eacl.ActionAllow, eacl.OperationGet,
		[]eacl.Target{eacl.NewTargetByRole(eacl.RoleOthers)})}
	for op := eacl.OperationHead; op <= eacl.OperationRangeHash; op++ {
		records = append(records, eacl.ConstructRecord(eacl.ActionDeny, op,
			[]eacl.Target{eacl.NewTargetByRole(eacl.RoleOthers)}))
	}
	var table eacl.Table
	table.SetRecords(records)
	out.DefaultTable = hex.EncodeToString(table.Marshal())

	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
