package warc

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// sample is one record a test writes and expects back.
type sample struct {
	typ, target string
	block       string
}

var samples = []sample{
	{"warcinfo", "", "software: crosscheck-test\r\n"},
	{"request", "http://example.test/a", "GET /a HTTP/1.1\r\nHost: example.test\r\n\r\n"},
	{"response", "http://example.test/a", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>First page.</p></body></html>"},
	{"response", "http://example.test/b", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Second page.\r\n\r\nWARC/1.0 inside a body is not a record.</p></body></html>"},
	{"metadata", "http://example.test/b", ""},
	{"response", "http://example.test/c", "HTTP/1.1 404 Not Found\r\n\r\n"},
}

var date = time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)

// build writes samples as a WARC file and returns it with each record's
// start offset.
func build(t testing.TB, gz bool, recs []sample) ([]byte, []int64) {
	t.Helper()
	var buf bytes.Buffer
	var offs []int64
	w := NewWriter(&buf, gz)
	for _, s := range recs {
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		offs = append(offs, int64(buf.Len()))
		if err := w.WriteRecord(s.typ, s.target, date, []byte(s.block)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), offs
}

// got is what reading a file gives: records (with bodies) and errors.
type got struct {
	recs []*Record
	bods []string
	errs []*RecordError
}

// readAll reads data to the end, failing the test on anything but records,
// record errors and EOF, or on a read that does not end.
func readAll(t testing.TB, data []byte) got {
	t.Helper()
	r := NewReader(bytes.NewReader(data))
	r.Name = "test.warc"
	var g got
	for i := 0; ; i++ {
		if i > len(data)+10 {
			t.Fatalf("reader does not end: %d results from %d bytes", i, len(data))
		}
		rec, err := r.Next()
		if err == io.EOF {
			return g
		}
		var re *RecordError
		if errors.As(err, &re) {
			g.errs = append(g.errs, re)
			continue
		}
		if err != nil {
			t.Fatalf("unexpected error type %T: %v", err, err)
		}
		b, err := io.ReadAll(rec.Body)
		if errors.As(err, &re) {
			g.errs = append(g.errs, re)
			continue
		}
		if err != nil {
			t.Fatalf("body of record %d: unexpected error type %T: %v", rec.Number, err, err)
		}
		g.recs = append(g.recs, rec)
		g.bods = append(g.bods, string(b))
	}
}

func TestReadValid(t *testing.T) {
	for _, gz := range []bool{false, true} {
		t.Run(fmt.Sprintf("gzip=%v", gz), func(t *testing.T) {
			data, offs := build(t, gz, samples)
			if gz != bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
				t.Fatalf("writer gzip=%v wrote a file starting %x", gz, data[:2])
			}
			g := readAll(t, data)
			if len(g.errs) != 0 {
				t.Fatalf("errors on a valid file: %v", g.errs)
			}
			if len(g.recs) != len(samples) {
				t.Fatalf("got %d records, want %d", len(g.recs), len(samples))
			}
			for i, rec := range g.recs {
				s := samples[i]
				if rec.Type != s.typ || rec.TargetURI != s.target || g.bods[i] != s.block {
					t.Errorf("record %d: got type %q target %q body %q; want %q %q %q", i+1, rec.Type, rec.TargetURI, g.bods[i], s.typ, s.target, s.block)
				}
				if rec.Number != i+1 || rec.Offset != offs[i] {
					t.Errorf("record %d: number %d offset %d, want %d %d", i+1, rec.Number, rec.Offset, i+1, offs[i])
				}
				if !rec.Date.Equal(date) || rec.Version != "WARC/1.1" || !strings.HasPrefix(rec.ID, "<urn:uuid:") || rec.ContentLength != int64(len(s.block)) {
					t.Errorf("record %d: header fields %q %v %q %d", i+1, rec.Version, rec.Date, rec.ID, rec.ContentLength)
				}
			}
		})
	}
}

// TestSkipUnreadBodies: Next skips a body the caller did not read.
func TestSkipUnreadBodies(t *testing.T) {
	for _, gz := range []bool{false, true} {
		data, _ := build(t, gz, samples)
		r := NewReader(bytes.NewReader(data))
		n := 0
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if rec.Number%2 == 0 {
				io.CopyN(io.Discard, rec.Body, 3) // partly read
			}
			n++
		}
		if n != len(samples) {
			t.Errorf("gzip=%v: %d records, want %d", gz, n, len(samples))
		}
	}
}

// TestTruncatedEverywhere cuts a file at every byte: the reader must end,
// report at most one bad record (the cut one), and return every record
// that lies wholly before the cut intact.
func TestTruncatedEverywhere(t *testing.T) {
	for _, gz := range []bool{false, true} {
		data, offs := build(t, gz, samples)
		for cut := 0; cut < len(data); cut++ {
			g := readAll(t, data[:cut])
			whole := 0
			for i := range samples {
				end := int64(len(data))
				if i+1 < len(offs) {
					end = offs[i+1]
				}
				if end <= int64(cut) {
					whole++
				}
			}
			if len(g.recs) < whole-1 || len(g.recs) > whole+1 {
				// The last whole record may lose only its trailing CRLF CRLF
				// (plain) and still count; a record cut inside must not.
				t.Fatalf("gzip=%v cut at %d: %d records, want about %d", gz, cut, len(g.recs), whole)
			}
			for i, rec := range g.recs {
				if i < whole && g.bods[i] != samples[i].block {
					t.Fatalf("gzip=%v cut at %d: record %d body %q, want %q", gz, cut, i+1, g.bods[i], samples[i].block)
				}
				if int64(cut) < offs[i]+int64(len(samples[i].block)) && g.bods[i] == samples[i].block && int64(rec.ContentLength) == int64(len(samples[i].block)) && gz {
					t.Fatalf("gzip=%v cut at %d: record %d read whole although cut", gz, cut, i+1)
				}
			}
			// A cut right after a body's own "WARC/1.0" line makes that line
			// look like one more record, also cut: hence two.
			if len(g.errs) > 2 {
				t.Fatalf("gzip=%v cut at %d: %d errors, want at most one: %v", gz, cut, len(g.errs), g.errs)
			}
			for _, e := range g.errs {
				if !errors.Is(e, ErrTruncated) && !errors.Is(e, ErrMalformed) {
					t.Fatalf("gzip=%v cut at %d: error %v is not a truncation", gz, cut, e)
				}
				if e.File != "test.warc" || e.Number < 1 {
					t.Fatalf("error does not name file and record: %v", e)
				}
			}
		}
	}
}

// TestMalformedPlain: bad records in an uncompressed file are reported
// with their number and offset, and the records after them are read.
func TestMalformedPlain(t *testing.T) {
	good, _ := build(t, false, samples[2:3])
	badLength := bytes.Replace(good, []byte("Content-Length: "), []byte("Content-Length: x"), 1)
	noLength := bytes.Replace(good, []byte("Content-Length: "), []byte("Content-Lenght: "), 1)
	garbage := []byte("this is not a WARC record\r\nnor is this\r\n\r\n")
	badField := bytes.Replace(good, []byte("WARC-Type: response"), []byte("no colon on this line"), 1)
	cl := fmt.Sprintf("Content-Length: %d\r\n", len(samples[2].block))
	longLength := bytes.Replace(good, []byte(cl), []byte(fmt.Sprintf("Content-Length: %d\r\n", len(samples[2].block)+40)), 1)

	var file []byte
	var wantErrs []int64
	add := func(b []byte, bad bool) {
		if bad {
			wantErrs = append(wantErrs, int64(len(file)))
		}
		file = append(file, b...)
	}
	add(good, false)
	add(badLength, true)
	add(good, false)
	add(garbage, true)
	add(good, false)
	add(noLength, true)
	add(badField, true)
	add(good, false)
	add(longLength, true)
	add(good, false)
	if bytes.Equal(longLength, good) {
		t.Fatal("test setup: Content-Length not changed")
	}

	g := readAll(t, file)
	if len(g.recs) != 5 {
		t.Errorf("got %d good records, want 5", len(g.recs))
	}
	for i, b := range g.bods {
		if b != samples[2].block {
			t.Errorf("record %d: body %q", g.recs[i].Number, b)
		}
	}
	if len(g.errs) != len(wantErrs) {
		t.Fatalf("got %d errors, want %d: %v", len(g.errs), len(wantErrs), g.errs)
	}
	for i, e := range g.errs {
		if e.Offset != wantErrs[i] {
			t.Errorf("error %d at offset %d, want %d: %v", i, e.Offset, wantErrs[i], e)
		}
		if !strings.Contains(e.Error(), "test.warc: record ") {
			t.Errorf("error does not name the file and record: %v", e)
		}
	}
}

// TestCorruptGzipMember: a damaged member is one bad record; the members
// after it are read.
func TestCorruptGzipMember(t *testing.T) {
	data, offs := build(t, true, samples)
	// Damage the compressed data in the middle of the third member.
	mid := (offs[2] + offs[3]) / 2
	damaged := bytes.Clone(data)
	for i := mid; i < mid+8; i++ {
		damaged[i] ^= 0x5a
	}
	g := readAll(t, damaged)
	if len(g.errs) != 1 {
		t.Fatalf("got %d errors, want 1: %v", len(g.errs), g.errs)
	}
	if g.errs[0].Number != 3 || g.errs[0].Offset != offs[2] {
		t.Errorf("error names record %d at %d, want record 3 at %d: %v", g.errs[0].Number, g.errs[0].Offset, offs[2], g.errs[0])
	}
	if len(g.recs) != len(samples)-1 {
		t.Fatalf("got %d records, want %d", len(g.recs), len(samples)-1)
	}
	for _, rec := range g.recs {
		if rec.Number == 3 {
			t.Error("the damaged record came back as good")
		}
	}
	if last := g.recs[len(g.recs)-1]; last.TargetURI != samples[len(samples)-1].target {
		t.Errorf("last record %q", last.TargetURI)
	}
}

// TestGzipWrongLength: a Content-Length longer than the member's data is a
// truncated record; the next member is the next record.
func TestGzipWrongLength(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	fmt.Fprintf(zw, "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 500\r\n\r\nshort\r\n\r\n")
	zw.Close()
	tail, _ := build(t, true, samples[:2])
	g := readAll(t, append(buf.Bytes(), tail...))
	if len(g.errs) != 1 || !errors.Is(g.errs[0], ErrTruncated) || g.errs[0].Number != 1 {
		t.Fatalf("errors %v, want one truncation of record 1", g.errs)
	}
	if len(g.recs) != 2 || g.recs[0].Number != 2 || g.recs[0].Offset != int64(buf.Len()) {
		t.Fatalf("records after the bad one: %d", len(g.recs))
	}
}

// TestTrailingGarbageGzip: bytes after the last member are one error.
func TestTrailingGarbageGzip(t *testing.T) {
	data, _ := build(t, true, samples[:2])
	g := readAll(t, append(bytes.Clone(data), []byte("garbage at the end")...))
	if len(g.recs) != 2 || len(g.errs) != 1 {
		t.Fatalf("records %d errors %v", len(g.recs), g.errs)
	}
	if g.errs[0].Offset != int64(len(data)) {
		t.Errorf("error at %d, want %d", g.errs[0].Offset, len(data))
	}
}

// TestSeveralRecordsPerMember: a whole-file gzip (one member) is read too.
func TestSeveralRecordsPerMember(t *testing.T) {
	plain, _ := build(t, false, samples)
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(plain)
	zw.Close()
	g := readAll(t, buf.Bytes())
	if len(g.errs) != 0 || len(g.recs) != len(samples) {
		t.Fatalf("records %d errors %v", len(g.recs), g.errs)
	}
	for i := range g.recs {
		if g.bods[i] != samples[i].block {
			t.Errorf("record %d body %q", i+1, g.bods[i])
		}
	}
}

type failingReader struct{ data []byte }

var errDisk = errors.New("disk on fire")

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, errDisk
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

// TestUnderlyingError: a failing reader stops reading, every time.
func TestUnderlyingError(t *testing.T) {
	for _, gz := range []bool{false, true} {
		data, _ := build(t, gz, samples)
		r := NewReader(&failingReader{data: data[:len(data)/2]})
		var err error
		for range 20 {
			var rec *Record
			if rec, err = r.Next(); err == nil {
				_, err = io.ReadAll(rec.Body)
			}
			if errors.Is(err, errDisk) {
				break
			}
		}
		if !errors.Is(err, errDisk) {
			t.Fatalf("gzip=%v: the reader's error never came: last %v", gz, err)
		}
		if _, err := r.Next(); !errors.Is(err, errDisk) {
			t.Errorf("gzip=%v: error not sticky: %v", gz, err)
		}
	}
}

func TestHTTPResponse(t *testing.T) {
	var gzBody bytes.Buffer
	zw := gzip.NewWriter(&gzBody)
	zw.Write([]byte("<p>zipped</p>"))
	zw.Close()
	cases := []struct {
		name, block, wantType, wantBody string
		wantStatus                      int
	}{
		{"plain", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\n\r\n<p>hi</p>", "text/html; charset=windows-1251", "<p>hi</p>", 200},
		{"stale length", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 3\r\n\r\n<p>longer than three</p>", "text/html", "<p>longer than three</p>", 200},
		{"chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>a\r\n5\r\nb</p>\r\n0\r\n\r\n", "", "<p>ab</p>", 200},
		{"gzip encoded", "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gzBody.String(), "", "<p>zipped</p>", 200},
		{"gzip header, decoded payload", "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n<p>already plain</p>", "", "<p>already plain</p>", 200},
		{"not found", "HTTP/1.0 404 Not Found\r\n\r\n", "", "", 404},
	}
	for _, c := range cases {
		data, _ := build(t, false, []sample{{"response", "http://x.test/", c.block}})
		r := NewReader(bytes.NewReader(data))
		rec, err := r.Next()
		if err != nil {
			t.Fatal(err)
		}
		resp, err := HTTPResponse(rec)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatalf("%s: body: %v", c.name, err)
		}
		if resp.StatusCode != c.wantStatus || resp.Header.Get("Content-Type") != c.wantType || string(b) != c.wantBody {
			t.Errorf("%s: got %d %q %q", c.name, resp.StatusCode, resp.Header.Get("Content-Type"), b)
		}
	}
	// A response record without an HTTP status line is an error.
	data, _ := build(t, false, []sample{{"response", "http://x.test/", "<html>no status line</html>"}})
	rec, _ := NewReader(bytes.NewReader(data)).Next()
	if _, err := HTTPResponse(rec); err == nil {
		t.Error("a block without a status line parsed as HTTP")
	}
}

func FuzzReader(f *testing.F) {
	for _, gz := range []bool{false, true} {
		data, _ := build(f, gz, samples)
		f.Add(data)
		f.Add(data[:len(data)/2])
	}
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Add([]byte("WARC/1.1\r\n\tfolded\r\nContent-Length: 0\r\n\r\n\r\n\r\n"))
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 0x1f, 0x8b, 8})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data))
		for i := 0; ; i++ {
			if i > len(data)+10 {
				t.Fatalf("reader does not end after %d results from %d bytes", i, len(data))
			}
			rec, err := r.Next()
			if err == io.EOF {
				return
			}
			var re *RecordError
			if err != nil {
				if !errors.As(err, &re) {
					t.Fatalf("error of type %T from an in-memory file: %v", err, err)
				}
				if re.Offset < 0 || re.Offset > int64(len(data)) {
					t.Fatalf("offset %d outside a %d-byte file", re.Offset, len(data))
				}
				continue
			}
			if rec.Offset < 0 || rec.Offset > int64(len(data)) || rec.ContentLength < 0 {
				t.Fatalf("record %d: offset %d length %d", rec.Number, rec.Offset, rec.ContentLength)
			}
			if rec.Number%2 == 0 {
				n, err := io.Copy(io.Discard, rec.Body)
				if err == nil && n != rec.ContentLength {
					t.Fatalf("record %d: body of %d bytes without error, Content-Length %d", rec.Number, n, rec.ContentLength)
				}
				if err != nil && !errors.As(err, &re) {
					t.Fatalf("body error of type %T: %v", err, err)
				}
				if resp, err := HTTPResponse(rec); err == nil {
					io.Copy(io.Discard, resp.Body)
				}
			}
		}
	})
}
