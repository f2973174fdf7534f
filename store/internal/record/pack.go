package record

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"sync"
)

// A story's JSON repeats its article IDs, field names and the sentences
// its findings and quotes cite: gzip at its fastest level shrinks it about
// five times (stories of the generated bench archive: 28 MB of JSON became
// 5 MB). A store whose document column is binary (SQLite's BLOB) keeps
// stories packed: on SQLite every byte is written twice, to the
// write-ahead log and at checkpoint (writes were about 30% of the CPU
// time of putting a story in a 40,000-page profile), and the generated
// 3,000-page store went from 63 to 40 MB.
// PostgreSQL's TEXT columns are compressed by the server (TOAST) and keep
// plain JSON. A quote row (half a kilobyte) is not worth it: packing a
// story's quotes one by one cost 60% of packing the story, to save a
// tenth as many bytes.

// gzipMagic opens every gzip stream; JSON never starts with it, so a
// document tells by its first bytes whether it is packed, and stores
// written before packing read as they were.
var gzipMagic = []byte{0x1f, 0x8b}

// packers reuses compressors: a gzip.Writer holds several hundred KB of
// tables, too much to allocate per story.
var packers = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed) // the level is valid
	return zw
}}

var unpackers sync.Pool // *gzip.Reader

// maxPresize bounds the buffer a document's own size claim may reserve.
const maxPresize = 64 << 20

// Pack returns doc gzipped, for a binary document column.
func Pack(doc []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(doc)/4 + 64)
	zw := packers.Get().(*gzip.Writer)
	zw.Reset(&buf)
	// Writes to a bytes.Buffer cannot fail.
	zw.Write(doc)
	zw.Close()
	packers.Put(zw)
	return buf.Bytes()
}

// Unpack returns the JSON of a document as Pack or an older store left it:
// gzipped documents are inflated, others returned as they are.
func Unpack(doc []byte) ([]byte, error) {
	if !bytes.HasPrefix(doc, gzipMagic) {
		return doc, nil
	}
	var err error
	zr, _ := unpackers.Get().(*gzip.Reader)
	if zr == nil {
		zr, err = gzip.NewReader(bytes.NewReader(doc))
	} else {
		err = zr.Reset(bytes.NewReader(doc))
	}
	if err != nil {
		return nil, fmt.Errorf("inflating a stored document: %w", err)
	}
	defer unpackers.Put(zr)
	// gzip's trailer ends with the inflated size (mod 2^32): the buffer is
	// sized once, within reason, rather than grown from 512 bytes.
	var out bytes.Buffer
	if n := binary.LittleEndian.Uint32(doc[max(len(doc)-4, 0):]); n <= maxPresize {
		out.Grow(int(n) + bytes.MinRead)
	}
	if _, err := out.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("inflating a stored document: %w", err)
	}
	return out.Bytes(), nil
}
