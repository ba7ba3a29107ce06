module github.com/authmate-ts/tools/golden-box/g1-upstream

go 1.17

require (
	github.com/google/uuid v1.2.0
	github.com/nspcc-dev/neo-go v0.99.1
	github.com/nspcc-dev/neofs-api-go/v2 v2.13.1
	github.com/nspcc-dev/neofs-s3-gw v0.23.0
	github.com/nspcc-dev/neofs-sdk-go v1.0.0-rc.6.0.20220801165707-7a99cc916c8e
)

require (
	github.com/antlr/antlr4/runtime/Go/antlr v0.0.0-20210521073959-f0d4d129b7f1 // indirect
	github.com/btcsuite/btcd v0.22.0-beta // indirect
	github.com/golang/protobuf v1.5.2 // indirect
	github.com/hashicorp/golang-lru v0.5.4 // indirect
	github.com/mr-tron/base58 v1.2.0 // indirect
	github.com/nspcc-dev/hrw v1.0.9 // indirect
	github.com/nspcc-dev/neofs-crypto v0.3.0 // indirect
	github.com/nspcc-dev/rfc6979 v0.2.0 // indirect
	github.com/nspcc-dev/tzhash v1.6.1 // indirect
	github.com/pkg/errors v0.9.1 // indirect
	github.com/spaolacci/murmur3 v1.1.0 // indirect
	golang.org/x/crypto v0.0.0-20220315160706-3147a52a75dd // indirect
	golang.org/x/net v0.0.0-20211112202133-69e39bad7dc2 // indirect
	golang.org/x/sys v0.0.0-20220114195835-da31bd327af9 // indirect
	golang.org/x/text v0.3.7 // indirect
	google.golang.org/genproto v0.0.0-20210602131652-f16073e35f0c // indirect
	google.golang.org/grpc v1.41.0 // indirect
	google.golang.org/protobuf v1.27.1 // indirect
)

replace github.com/nspcc-dev/dbft v0.0.0-20191209120240-0d6b7568d9ae => github.com/nspcc-dev/dbft v0.0.0-20220629112714-fd49ca59d354
