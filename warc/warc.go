// Package warc reads WARC files (ISO 28500, WARC/1.0 and WARC/1.1) as a
// stream of records: plain files, and gzip-member files where each record is
// its own gzip member, as Common Crawl publishes CC-NEWS. It is small and
// uses only the standard library; no maintained Go WARC reader is available
// from the module proxy.
//
// Archives in the wild are cut short and damaged, so a bad record never ends
// the stream: Next returns it as a *RecordError naming the file, the record
// number and its byte offset, and the following call resumes at the next
// record it can find (the next "WARC/" line of a plain file, the next gzip
// member of a compressed one). Only a failure of the underlying reader stops
// reading.
package warc

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
	"time"
)

// Record is one WARC record. Body reads its block (exactly Content-Length
// bytes); it is valid until the next call to Next.
type Record struct {
	Version string // "WARC/1.0", "WARC/1.1"
	// Header holds every named field, with canonical keys
	// (textproto.CanonicalMIMEHeaderKey: "Warc-Target-Uri"); use Get.
	Header textproto.MIMEHeader

	Type          string    // WARC-Type: "response", "request", "warcinfo", ...
	TargetURI     string    // WARC-Target-URI, without the <> some writers add
	Date          time.Time // WARC-Date; zero when missing or unreadable
	ID            string    // WARC-Record-ID
	ContentLength int64

	// Number is the record's position in the file, from 1; bad records
	// count too, so numbers match what the errors say.
	Number int
	// Offset is where the record starts in the file: for a gzip-member
	// file, the compressed offset of its member (what a CDX index holds).
	Offset int64

	Body io.Reader
}

// Get returns the first value of a header field, matched without regard to case.
func (r *Record) Get(name string) string { return r.Header.Get(name) }

// RecordError is a record that could not be read.
type RecordError struct {
	File   string // Reader.Name; may be empty
	Number int    // the record's number (from 1)
	Offset int64  // its byte offset (the gzip member's, in a compressed file)
	Err    error
}

func (e *RecordError) Error() string {
	where := fmt.Sprintf("record %d at byte %d", e.Number, e.Offset)
	if e.File != "" {
		where = e.File + ": " + where
	}
	return where + ": " + e.Err.Error()
}

func (e *RecordError) Unwrap() error { return e.Err }

// Reasons a record is bad, for errors.Is on a *RecordError.
var (
	ErrTruncated = errors.New("truncated")
	ErrMalformed = errors.New("malformed record")
	ErrCorrupt   = errors.New("corrupt gzip member")
)

// Limits on a record's header, so that garbage cannot make the reader hold
// unbounded memory.
const (
	maxHeaderLine  = 64 << 10
	maxHeaderBytes = 1 << 20
)

// peekWindow is the size of the record stream's buffer. A block that fits
// in it (nearly every news page: CC-NEWS cuts payloads at 1 MiB) is checked
// before its record is returned: its length against the record boundary
// after it, and, in a gzip file, its member's checksum. A bad record is
// then an error from Next, never a body that looked good, and a wrong
// Content-Length cannot swallow the record after it.
const peekWindow = 1<<20 + 64<<10

// Reader reads records from a WARC file. It is not safe for concurrent use.
type Reader struct {
	// Name names the file in errors (a path, usually). Optional.
	Name string

	in     *input
	gz     bool
	zr     *gzip.Reader
	br     *bufio.Reader // the record stream: the file, or the current member
	number int
	fatal  error

	// gzip state
	memberOpen bool
	memberOff  int64
	resyncing  bool // the current member was found by scanning after a bad one

	// plain state: a version line found while resyncing, not yet used
	heldLine   string
	heldOffset int64
	held       bool

	body *body // the current record's block
}

// NewReader reads WARC records from r, gzip-member or plain as the first
// bytes say.
func NewReader(r io.Reader) *Reader {
	wr := &Reader{in: newInput(r)}
	head, _ := wr.in.src.Peek(2)
	wr.gz = len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b
	if !wr.gz {
		wr.br = bufio.NewReaderSize(wr.in, peekWindow)
	}
	return wr
}

// Next returns the next record, io.EOF at the end, or a *RecordError for a
// bad record, after which Next can be called again to go on. Any other
// error is the underlying reader's, and it is returned again by every later
// call. A record's unread body is skipped.
func (r *Reader) Next() (*Record, error) {
	if r.fatal != nil {
		return nil, r.fatal
	}
	if err := r.finishRecord(); err != nil {
		return nil, r.fail(err)
	}
	for {
		var rec *Record
		var err error
		if r.gz {
			rec, err = r.nextGzip()
		} else {
			rec, err = r.nextPlain()
		}
		if err == errMemberEnd {
			continue
		}
		if err != nil {
			return nil, r.fail(err)
		}
		return rec, nil
	}
}

// errMemberEnd: a gzip member ended cleanly after its records.
var errMemberEnd = errors.New("end of gzip member")

// fail records a fatal error (anything that is neither a bad record nor EOF).
func (r *Reader) fail(err error) error {
	var re *RecordError
	if err != io.EOF && !errors.As(err, &re) {
		if r.Name != "" {
			err = fmt.Errorf("%s: %w", r.Name, err)
		}
		r.fatal = err
	}
	return err
}

func (r *Reader) recordError(number int, off int64, err error) *RecordError {
	return &RecordError{File: r.Name, Number: number, Offset: off, Err: err}
}

// ---- plain files ----

func (r *Reader) nextPlain() (*Record, error) {
	line, off, err := r.versionLine()
	if err != nil {
		return nil, err
	}
	r.number++
	rec, err := r.readHeader(line, off)
	if err != nil {
		r.resyncPlain()
		return nil, r.recordError(r.number, off, err)
	}
	return rec, nil
}

// plainOffset is the file offset of the next byte of the record stream.
func (r *Reader) plainOffset() int64 { return r.in.off - int64(r.br.Buffered()) }

// versionLine skips blank lines and returns the first other line with its
// offset; a line that is not a version line is a bad record.
func (r *Reader) versionLine() (string, int64, error) {
	if r.held {
		r.held = false
		return r.heldLine, r.heldOffset, nil
	}
	for {
		off := r.streamOffset()
		line, err := r.readLine()
		if err == io.EOF && line == "" {
			return "", 0, io.EOF
		}
		if err != nil && err != io.EOF {
			if !isFormatError(err) {
				return "", 0, err
			}
			r.number++
			if !r.gz {
				r.resyncPlain()
			}
			return "", 0, r.recordError(r.number, off, gzipReason(err))
		}
		if line == "" {
			if err == io.EOF {
				return "", 0, io.EOF
			}
			continue
		}
		if !isVersionLine(line) {
			r.number++
			if r.gz {
				return "", 0, r.recordError(r.number, r.memberOff, fmt.Errorf("%w: expected a WARC/1.x version line, found %q", ErrMalformed, clip(line)))
			}
			r.resyncPlain()
			return "", 0, r.recordError(r.number, off, fmt.Errorf("%w: expected a WARC/1.x version line, found %q", ErrMalformed, clip(line)))
		}
		return line, off, nil
	}
}

// resyncPlain skips to the next version line and holds it for Next.
func (r *Reader) resyncPlain() {
	for {
		off := r.plainOffset()
		line, err := r.readLine()
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) && !errors.Is(err, ErrMalformed) {
			if line != "" && isVersionLine(line) {
				r.heldLine, r.heldOffset, r.held = line, off, true
			}
			if err != io.EOF {
				r.fatal = err
			}
			return
		}
		if isVersionLine(line) {
			r.heldLine, r.heldOffset, r.held = line, off, true
			return
		}
	}
}

// isVersionLine reports a "WARC/1.0"-like line: WARC/, digits, a dot,
// digits, nothing else.
func isVersionLine(line string) bool {
	v, ok := strings.CutPrefix(strings.TrimSpace(line), "WARC/")
	major, minor, dot := strings.Cut(v, ".")
	return ok && dot && allDigits(major) && allDigits(minor)
}

func allDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// readLine reads one line without its line ending (CRLF or LF). A line
// longer than the limit is an error; the rest of it is skipped.
func (r *Reader) readLine() (string, error) {
	b, err := r.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) || len(b) > maxHeaderLine {
		for errors.Is(err, bufio.ErrBufferFull) {
			_, err = r.br.ReadSlice('\n')
		}
		if err != nil && err != io.EOF {
			return "", err
		}
		return "", fmt.Errorf("%w: header line longer than %d bytes", ErrMalformed, maxHeaderLine)
	}
	line := strings.TrimRight(string(b), "\r\n")
	if err == io.EOF && len(b) > 0 {
		// A last line without its line ending: the file was cut.
		return line, io.EOF
	}
	return line, err
}

// readHeader reads the named fields after the version line, up to the blank
// line, and sets up the body.
func (r *Reader) readHeader(version string, off int64) (*Record, error) {
	rec := &Record{Version: strings.TrimSpace(version), Header: textproto.MIMEHeader{}, Number: r.number, Offset: off}
	total := len(version)
	var lastKey string
	for {
		line, err := r.readLine()
		if err != nil {
			if err == io.EOF {
				return nil, fmt.Errorf("%w: the file ends inside the record header", ErrTruncated)
			}
			return nil, err
		}
		if line == "" {
			break
		}
		total += len(line)
		if total > maxHeaderBytes {
			return nil, fmt.Errorf("%w: record header longer than %d bytes", ErrMalformed, maxHeaderBytes)
		}
		if (line[0] == ' ' || line[0] == '\t') && lastKey != "" {
			// A folded continuation of the previous field (WARC 1.0 allows it).
			vals := rec.Header[lastKey]
			vals[len(vals)-1] += " " + strings.TrimSpace(line)
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return nil, fmt.Errorf("%w: header line %q is not \"Name: value\"", ErrMalformed, clip(line))
		}
		lastKey = textproto.CanonicalMIMEHeaderKey(name)
		rec.Header[lastKey] = append(rec.Header[lastKey], strings.TrimSpace(value))
	}
	cl := rec.Header.Get("Content-Length")
	if cl == "" {
		return nil, fmt.Errorf("%w: no Content-Length field", ErrMalformed)
	}
	n, err := strconv.ParseInt(cl, 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("%w: Content-Length %q is not a byte count", ErrMalformed, clip(cl))
	}
	rec.ContentLength = n
	if err := r.checkBlock(n); err != nil {
		return nil, err
	}
	rec.Type = rec.Header.Get("WARC-Type")
	rec.TargetURI = strings.TrimSuffix(strings.TrimPrefix(rec.Header.Get("WARC-Target-URI"), "<"), ">")
	rec.ID = rec.Header.Get("WARC-Record-ID")
	if d := rec.Header.Get("WARC-Date"); d != "" {
		if t, err := time.Parse(time.RFC3339Nano, d); err == nil {
			rec.Date = t
		}
	}
	r.body = &body{r: r, rec: rec, left: n}
	rec.Body = r.body
	return rec, nil
}

// body reads one record's block and reports a short or corrupt one as a
// *RecordError.
type body struct {
	r        *Reader
	rec      *Record
	left     int64
	err      error // sticky
	reported bool  // the caller has seen err
}

func (b *body) Read(p []byte) (int, error) {
	if b.err != nil {
		b.reported = true
		return 0, b.err
	}
	if b.left == 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.br.Read(p)
	b.left -= int64(n)
	if b.left == 0 && err == nil && b.rec.ContentLength+trailerPeek > int64(b.r.br.Size()) {
		// A block too big for checkBlock: check what follows it now,
		// before the caller takes the body for good.
		rest, perr := b.r.br.Peek(trailerPeek)
		switch {
		case perr != nil && perr != io.EOF:
			err = perr
		default:
			if berr := boundary(rest); berr != nil {
				err = berr
			}
		}
	}
	switch {
	case err == io.EOF && b.left > 0:
		b.err = b.r.recordError(b.rec.Number, b.rec.Offset, fmt.Errorf("%w: the block ends after %d of %d bytes (Content-Length)", ErrTruncated, b.rec.ContentLength-b.left, b.rec.ContentLength))
	case err != nil && err != io.EOF:
		if !isFormatError(err) {
			b.r.fatal = err
			b.err = err
		} else {
			b.err = b.r.recordError(b.rec.Number, b.rec.Offset, gzipReason(err))
		}
	}
	if b.err != nil {
		if n > 0 {
			return n, nil
		}
		b.reported = true
		return 0, b.err
	}
	return n, nil
}

// trailerPeek is how far past a block the boundary check looks: the CRLF
// CRLF that ends a record and the "WARC/" that starts the next.
const trailerPeek = 9

// checkBlock looks ahead over a block of n bytes, when it fits in the
// buffer, and reports a block cut short, a damaged gzip member, or a
// Content-Length that does not end at a record boundary.
func (r *Reader) checkBlock(n int64) error {
	if n+trailerPeek > int64(r.br.Size()) {
		return nil // checked when the body has been read
	}
	ahead, err := r.br.Peek(int(n) + trailerPeek)
	if err != nil && err != io.EOF {
		if isFormatError(err) {
			return gzipReason(err)
		}
		return err
	}
	if int64(len(ahead)) < n {
		return fmt.Errorf("%w: the block ends after %d of %d bytes (Content-Length)", ErrTruncated, len(ahead), n)
	}
	return boundary(ahead[n:])
}

// boundary checks the bytes after a block (fewer than trailerPeek only at
// the end of the stream): up to two line endings, then the next record's
// version line or nothing.
func boundary(rest []byte) error {
	if bytes.HasPrefix(rest, []byte("\r\n\r\n")) {
		// The proper end of a record: the length was right, and whatever
		// follows is the next record's business.
		return nil
	}
	for i := 0; i < 4 && len(rest) > 0 && (rest[0] == '\r' || rest[0] == '\n'); i++ {
		rest = rest[1:]
	}
	if len(rest) >= 5 && bytes.HasPrefix(rest, []byte("WARC/")) || len(rest) < 5 && bytes.HasPrefix([]byte("WARC/"), rest) {
		return nil
	}
	return fmt.Errorf("%w: no record boundary after the block (is Content-Length right?)", ErrMalformed)
}

// finishRecord skips what is left of the current record's block and its
// trailing blank lines, and returns the record's error if its reader has not
// seen it yet.
func (r *Reader) finishRecord() error {
	b := r.body
	if b == nil {
		return nil
	}
	r.body = nil
	if b.err == nil {
		_, _ = io.Copy(io.Discard, b)
	}
	if b.err != nil {
		r.afterBadBlock()
		if r.fatal != nil {
			return r.fatal
		}
		if b.reported {
			return nil
		}
		return b.err
	}
	// The block is followed by two line endings. Anything else means the
	// Content-Length was wrong and this record (and perhaps the next) is
	// damaged.
	if err := r.skipTrailer(); err != nil {
		if !isFormatError(err) {
			return err
		}
		if r.gz {
			r.abandonMember()
		} else {
			r.resyncPlain()
		}
		return r.recordError(b.rec.Number, b.rec.Offset, gzipReason(err))
	}
	return nil
}

// skipTrailer consumes the CRLF CRLF after a block. A next "WARC/" line
// right away, or the end of the stream, is accepted too.
func (r *Reader) skipTrailer() error {
	for range 4 {
		c, err := r.br.ReadByte()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if c != '\r' && c != '\n' {
			_ = r.br.UnreadByte()
			next, _ := r.br.Peek(5)
			if string(next) == "WARC/" {
				return nil
			}
			return fmt.Errorf("%w: no record boundary after the block (is Content-Length right?)", ErrMalformed)
		}
	}
	return nil
}

// afterBadBlock positions the reader after a block that could not be read.
func (r *Reader) afterBadBlock() {
	if r.fatal != nil {
		return
	}
	if r.gz {
		r.abandonMember()
	} else {
		r.resyncPlain()
	}
}

// isFormatError tells errors of the archive's bytes (which a resync can get
// past) from errors of the underlying reader (which it cannot).
func isFormatError(err error) bool {
	var corrupt flate.CorruptInputError
	var re *RecordError
	return errors.Is(err, ErrMalformed) || errors.Is(err, ErrTruncated) || errors.Is(err, ErrCorrupt) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) ||
		errors.As(err, &corrupt) || errors.As(err, &re)
}

// streamOffset is the offset reported for a record starting at the next
// byte of the record stream.
func (r *Reader) streamOffset() int64 {
	if r.gz {
		return r.memberOff
	}
	return r.plainOffset()
}

func clip(s string) string {
	const n = 60
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// ---- gzip-member files ----

func (r *Reader) nextGzip() (*Record, error) {
	if !r.memberOpen {
		if err := r.openMember(); err != nil {
			return nil, err
		}
	}
	line, off, err := r.versionLine()
	switch {
	case err == io.EOF:
		// The member ended (its checksum was good, or the read would have
		// failed): the next record is in the next member.
		r.memberOpen = false
		return nil, errMemberEnd
	case err != nil:
		var re *RecordError
		if errors.As(err, &re) && r.resyncing {
			// A false gzip header found while resyncing: look further.
			r.number--
			r.resyncGzip()
			return nil, errMemberEnd
		}
		if r.fatal == nil {
			r.abandonMember()
		}
		return nil, err
	}
	r.number++
	rec, err := r.readHeader(line, off)
	if err != nil {
		if r.resyncing {
			r.number--
			r.resyncGzip()
			return nil, errMemberEnd
		}
		r.abandonMember()
		return nil, r.recordError(r.number, off, gzipReason(err))
	}
	r.resyncing = false
	return rec, nil
}

// openMember starts decompressing the member at the current offset.
func (r *Reader) openMember() error {
	r.memberOff = r.in.off
	r.in.mark()
	var err error
	if r.zr == nil {
		r.zr, err = gzip.NewReader(r.in)
	} else {
		err = r.zr.Reset(r.in)
	}
	switch {
	case err == io.EOF:
		return io.EOF
	case err != nil && !isFormatError(err):
		return err
	case err != nil:
		if r.resyncing {
			r.resyncGzip()
			return errMemberEnd
		}
		r.number++
		num := r.number
		r.resyncGzip()
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return r.recordError(num, r.memberOff, fmt.Errorf("%w: the file ends inside a gzip header", ErrTruncated))
		}
		return r.recordError(num, r.memberOff, fmt.Errorf("%w: no gzip member header here (%v); skipped to the next member", ErrCorrupt, err))
	}
	r.zr.Multistream(false)
	if r.br == nil {
		r.br = bufio.NewReaderSize(r.zr, peekWindow)
	} else {
		r.br.Reset(r.zr)
	}
	r.memberOpen = true
	return nil
}

// memberFailed handles a member whose data could not be read: a format
// error moves on to the next member found by scanning.
func (r *Reader) memberFailed(err error) {
	if isFormatError(err) {
		r.resyncGzip()
	} else {
		r.fatal = err
	}
}

// abandonMember skips the rest of the current member (after a record
// inside it went wrong); if that fails, it scans for the next member.
func (r *Reader) abandonMember() {
	if _, err := io.Copy(io.Discard, r.br); err != nil {
		r.memberFailed(err)
		return
	}
	r.memberOpen = false
}

// gzipReason words a decompression error as a record error's reason.
func gzipReason(err error) error {
	var corrupt flate.CorruptInputError
	var re *RecordError
	switch {
	case errors.As(err, &re):
		return err
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: the file ends inside a gzip member", ErrTruncated)
	case errors.Is(err, gzip.ErrChecksum):
		return fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	case errors.As(err, &corrupt):
		return fmt.Errorf("%w: invalid compressed data", ErrCorrupt)
	}
	return err
}

// gzipMagic starts every gzip member: ID1, ID2 and CM=8 (deflate).
var gzipMagic = []byte{0x1f, 0x8b, 8}

// resyncGzip looks for the next gzip member header after the start of the
// current (bad) member and positions the input there.
func (r *Reader) resyncGzip() {
	r.memberOpen = false
	r.resyncing = true
	r.in.rewindTo(r.memberOff + 1)
	var window []byte
	for {
		c, err := r.in.ReadByte()
		if err != nil {
			if err != io.EOF {
				r.fatal = err
			}
			// Nothing more: the next openMember sees EOF.
			return
		}
		window = append(window, c)
		if len(window) > 4 {
			window = window[1:]
		}
		// Magic plus a flag byte with the reserved bits clear.
		if len(window) == 4 && bytes.Equal(window[:3], gzipMagic) && window[3]&0xe0 == 0 {
			r.in.unread(window)
			return
		}
	}
}
