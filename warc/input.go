package warc

import (
	"bufio"
	"io"
)

// input is the file under a Reader: it counts the offset of every byte it
// hands out, and it can record what it handed out since a mark and serve it
// again. Gzip-member WARC needs both: a record's offset is the compressed
// offset of its member (what CDX indexes point at), and after a corrupt
// member the search for the next member header must restart just after the
// bad member's start, not after whatever the decompressor swallowed.
//
// input implements io.ByteReader, so compress/gzip reads from it without a
// buffer of its own and never consumes bytes past the end of a member.
type input struct {
	src     *bufio.Reader
	pending []byte // bytes handed out before and to be served again first
	off     int64  // offset of the next byte to be handed out

	recording bool
	markOff   int64
	rec       []byte
}

// maxReplay bounds the bytes kept for a rewind. A member longer than this
// cannot be rescanned from its start; the search then goes on from where
// reading stopped, which at worst loses the member after a bad one.
const maxReplay = 64 << 20

func newInput(r io.Reader) *input {
	return &input{src: bufio.NewReaderSize(r, 64<<10)}
}

func (in *input) ReadByte() (byte, error) {
	var b byte
	if len(in.pending) > 0 {
		b, in.pending = in.pending[0], in.pending[1:]
	} else {
		var err error
		if b, err = in.src.ReadByte(); err != nil {
			return 0, err
		}
	}
	in.off++
	in.record([]byte{b})
	return b, nil
}

func (in *input) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	var n int
	var err error
	if len(in.pending) > 0 {
		n = copy(p, in.pending)
		in.pending = in.pending[n:]
	} else {
		n, err = in.src.Read(p)
	}
	in.off += int64(n)
	in.record(p[:n])
	return n, err
}

func (in *input) record(b []byte) {
	if !in.recording {
		return
	}
	if len(in.rec)+len(b) > maxReplay {
		in.recording, in.rec = false, nil
		return
	}
	in.rec = append(in.rec, b...)
}

// mark starts recording at the current offset, dropping an older record.
func (in *input) mark() {
	in.recording, in.markOff, in.rec = true, in.off, in.rec[:0]
}

// rewindTo serves the recorded bytes from offset to again and stops
// recording. It reports false when those bytes were not kept (the record
// overflowed, or to is outside it); reading then goes on where it was.
func (in *input) rewindTo(to int64) bool {
	ok := in.recording && to >= in.markOff && to <= in.off
	if ok {
		again := in.rec[to-in.markOff:]
		in.pending = append(append(make([]byte, 0, len(again)+len(in.pending)), again...), in.pending...)
		in.off = to
	}
	in.recording, in.rec = false, nil
	return ok
}

// unread puts b back in front of the input (bytes just read, so the offset
// goes back by len(b)).
func (in *input) unread(b []byte) {
	in.pending = append(append(make([]byte, 0, len(b)+len(in.pending)), b...), in.pending...)
	in.off -= int64(len(b))
}
