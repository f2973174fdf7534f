package source

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
)

// format is what a file holds, as its extension says.
type format int

const (
	formatUnknown format = iota
	formatText
	formatHTML
	formatJSON
	formatJSONL
	formatWARC // read record by record (warc.go), never whole
)

// knownFormats is the list given in errors about unknown formats.
const knownFormats = ".txt, .html, .htm, .json, .jsonl or .warc, optionally gzipped (.gz)"

// formatOf reads the format from a file name: a trailing .gz (any case)
// marks gzip, the extension before it the format.
func formatOf(path string) (f format, gz bool, ext string) {
	name := strings.ToLower(filepath.Base(path))
	if trimmed, ok := strings.CutSuffix(name, ".gz"); ok {
		name, gz = trimmed, true
	}
	ext = filepath.Ext(name)
	switch ext {
	case ".txt", ".text":
		f = formatText
	case ".html", ".htm", ".xhtml":
		f = formatHTML
	case ".json":
		f = formatJSON
	case ".jsonl", ".ndjson":
		f = formatJSONL
	case ".warc":
		f = formatWARC
	}
	return f, gz, ext
}

// dir reads every article file under root in sorted order, skipping hidden
// files and directories and files of unknown formats.
func (r *reader) dir(root string, yield yielder) bool {
	found, more := false, true
	walkErr := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if cerr := r.ctx.Err(); cerr != nil {
			more = false
			yield(fail(path, cerr))
			return filepath.SkipAll
		}
		if err != nil {
			// An unreadable subdirectory or entry: report it, keep walking.
			found = true
			if more = yield(fail(path, fileError(path, err))); !more {
				return filepath.SkipAll
			}
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if f, _, _ := formatOf(path); f == formatUnknown {
			return nil
		}
		if !d.Type().IsRegular() {
			// Follow symlinks to files; skip devices, pipes, sockets and
			// symlinks to directories (which could loop).
			if d.Type()&fs.ModeSymlink == 0 {
				return nil
			}
			info, err := os.Stat(path)
			if err != nil {
				found = true
				more = yield(fail(path, fileError(path, err)))
				return skipAllUnless(more)
			}
			if !info.Mode().IsRegular() {
				return nil
			}
		}
		found = true
		more = r.file(path, false, yield)
		return skipAllUnless(more)
	})
	if !more {
		return false
	}
	if walkErr != nil {
		return yield(fail(root, fileError(root, walkErr)))
	}
	if !found {
		return yield(fail(root, errors.New("directory has no article files ("+knownFormats+"; hidden files are skipped)")))
	}
	return true
}

func skipAllUnless(more bool) error {
	if more {
		return nil
	}
	return filepath.SkipAll
}

// file reads one file. explicit says the user named it, so an unknown
// format is an error rather than a file to skip.
func (r *reader) file(path string, explicit bool, yield yielder) bool {
	f, gz, ext := formatOf(path)
	if f == formatUnknown {
		if !explicit {
			return true
		}
		if ext == "" {
			return yield(fail(path, errors.New("no file extension to tell the format by: name it "+knownFormats)))
		}
		return yield(fail(path, fmt.Errorf("unknown format %q: want %s", ext, knownFormats)))
	}
	if f == formatWARC {
		return r.warc(path, yield)
	}
	body, err := readFileLimited(path, r.opt.MaxBytes)
	if err != nil {
		return yield(fail(path, err))
	}
	body, err = unpack(body, gz, r.opt.MaxBytes)
	if err != nil {
		return yield(fail(path, err))
	}
	return documents(path, f, body, "file", yield)
}

// stdin reads "-": gzip is unpacked, then the format is sniffed.
func (r *reader) stdin(yield yielder) bool {
	body, over, err := readAllLimited(r.opt.Stdin, 0, r.opt.MaxBytes)
	switch {
	case err != nil:
		return yield(fail("-", fmt.Errorf("reading standard input: %w", err)))
	case over:
		return yield(fail("-", sizeError("standard input", r.opt.MaxBytes)))
	}
	body, err = unpack(body, false, r.opt.MaxBytes)
	if err != nil {
		return yield(fail("-", err))
	}
	return documents("-", sniffFormat(body), body, "input", yield)
}

// documents makes the documents of one input's (unpacked) body. noun names
// the input in messages: "file" or "input".
func documents(src string, f format, body []byte, noun string, yield yielder) bool {
	switch f {
	case formatHTML:
		if err := checkHTML(body, noun); err != nil {
			return yield(fail(src, err))
		}
		return yield(crosscheck.Document{Source: src, Kind: crosscheck.KindHTML, Body: body}, nil)
	case formatText:
		body, err := checkText(body, noun)
		if err != nil {
			return yield(fail(src, err))
		}
		return yield(crosscheck.Document{Source: src, Kind: crosscheck.KindText, ContentType: "text/plain; charset=utf-8", Body: body}, nil)
	case formatJSON:
		body, err := checkText(body, noun)
		if err != nil {
			return yield(fail(src, err))
		}
		return jsonDocuments(src, body, yield)
	case formatJSONL:
		return jsonlDocuments(src, body, noun, yield)
	}
	return yield(fail(src, errors.New("unknown format")))
}

// readFileLimited reads a whole file, refusing one over limit bytes without
// reading it (by its size) or, for a file that grows or has no size, once
// limit bytes have been read.
func readFileLimited(path string, limit int64) ([]byte, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, fileError(path, err)
	}
	if info.IsDir() {
		return nil, errors.New("is a directory")
	}
	if info.Size() > limit {
		return nil, sizeError(fmt.Sprintf("file (%s)", byteCount(info.Size())), limit)
	}
	body, over, err := readAllLimited(file, info.Size(), limit)
	switch {
	case err != nil:
		return nil, fileError(path, err)
	case over:
		return nil, sizeError("file", limit)
	}
	return body, nil
}

// readAllLimited reads r to its end, but stops and reports over once more
// than limit bytes come. sizeHint, when known, sizes the buffer so that a
// file is read without regrowing (as os.ReadFile does).
func readAllLimited(r io.Reader, sizeHint, limit int64) (body []byte, over bool, err error) {
	capacity := int64(512)
	if sizeHint > 0 {
		capacity = min(sizeHint, limit) + 1 // +1 so that EOF is seen without growing
	}
	buf := make([]byte, 0, capacity)
	lr := io.LimitReader(r, limit+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false, err
		}
	}
	if int64(len(buf)) > limit {
		return nil, true, nil
	}
	return buf, false, nil
}

var gzipMagic = []byte{0x1f, 0x8b}

func isGzip(body []byte) bool { return bytes.HasPrefix(body, gzipMagic) }

// unpack gunzips body when it starts with the gzip magic; named says the
// name promised gzip, so a body without the magic is an error.
func unpack(body []byte, named bool, limit int64) ([]byte, error) {
	if !isGzip(body) {
		if named && len(body) > 0 {
			return nil, errors.New("corrupt gzip: named .gz but has no gzip header")
		}
		return body, nil
	}
	return gunzip(body, limit)
}

// gunzip decompresses data, refusing more than limit bytes of output so that
// a small gzip bomb cannot exhaust memory.
func gunzip(data []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, gzipError(err)
	}
	defer zr.Close()
	out, over, err := readAllLimited(zr, int64(len(data))*4, limit)
	switch {
	case err != nil:
		return nil, gzipError(err)
	case over:
		return nil, fmt.Errorf("gzip data expands past the size limit of %s (a gzip bomb?)", byteCount(limit))
	}
	return out, nil
}

// gzipError says in plain words what is wrong with a gzip stream.
func gzipError(err error) error {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return errors.New("truncated gzip: the data ends before the end of the compressed stream")
	case errors.Is(err, gzip.ErrChecksum):
		return errors.New("corrupt gzip: checksum mismatch")
	case errors.Is(err, gzip.ErrHeader):
		return errors.New("corrupt gzip: invalid header")
	case errors.As(err, &corrupt):
		return fmt.Errorf("corrupt gzip: invalid compressed data at byte offset %d", int64(corrupt))
	}
	return fmt.Errorf("corrupt gzip: %w", err)
}

// sniffLen is how much of a body the binary checks look at: enough to
// catch every binary format's header and a NUL-heavy body, cheap on a big one.
const sniffLen = 8 << 10

var (
	bomUTF8    = []byte{0xef, 0xbb, 0xbf}
	bomUTF16BE = []byte{0xfe, 0xff}
	bomUTF16LE = []byte{0xff, 0xfe}
)

func hasUTF16BOM(body []byte) bool {
	return bytes.HasPrefix(body, bomUTF16BE) || bytes.HasPrefix(body, bomUTF16LE)
}

// checkBinary refuses an empty body and one that is not text at all (an
// image, a PDF, an archive, NUL bytes near the start). UTF-16 text passes;
// the callers decide about it.
func checkBinary(body []byte, noun string) error {
	if len(body) == 0 {
		return fmt.Errorf("empty %s", noun)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return fmt.Errorf("empty %s (only white space)", noun)
	}
	if hasUTF16BOM(body) {
		return nil
	}
	head := body[:min(len(body), sniffLen)]
	if ct := http.DetectContentType(head); !strings.HasPrefix(ct, "text/") {
		if ct == "application/octet-stream" {
			return fmt.Errorf("binary data, not text (control bytes near the start)")
		}
		return fmt.Errorf("binary data, not text (looks like %s)", ct)
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return fmt.Errorf("binary data, not text (NUL byte at offset %d)", i)
	}
	return nil
}

// checkHTML refuses empty and binary HTML; the charset is for the extract
// stage to decide (from a BOM, a <meta>, or the HTTP header).
func checkHTML(body []byte, noun string) error {
	return checkBinary(body, noun)
}

// checkText refuses empty, binary and non-UTF-8 text and returns it without
// a UTF-8 byte order mark.
func checkText(body []byte, noun string) ([]byte, error) {
	if err := checkBinary(body, noun); err != nil {
		return nil, err
	}
	if hasUTF16BOM(body) {
		return nil, errors.New("UTF-16 text (byte order mark at the start): convert it to UTF-8")
	}
	body = bytes.TrimPrefix(body, bomUTF8)
	if i := bytes.IndexByte(body, 0); i >= 0 {
		return nil, fmt.Errorf("binary data, not text (NUL byte at offset %d)", i)
	}
	if i := invalidUTF8(body); i >= 0 {
		return nil, fmt.Errorf("invalid UTF-8 at byte offset %d (convert the %s to UTF-8)", i, noun)
	}
	return body, nil
}

// invalidUTF8 returns the offset of the first byte that is not valid UTF-8,
// or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// sniffFormat tells the format of an unnamed input: JSON (one document that
// starts with { or [), JSONL (lines of objects), HTML, or else plain text.
// No plain-text article starts with a brace, so JSON is not mistaken for one.
func sniffFormat(body []byte) format {
	switch firstByte(bytes.TrimPrefix(body, bomUTF8)) {
	case '{', '[':
		if json.Valid(bytes.TrimPrefix(body, bomUTF8)) {
			return formatJSON
		}
		if firstByte(body) == '{' {
			return formatJSONL
		}
	}
	if looksLikeHTML(body) {
		return formatHTML
	}
	return formatText
}

// looksLikeHTML tells HTML from plain text for inputs without a name or a
// Content-Type: the standard sniffer, then a look for the tags no plain
// text article starts with.
func looksLikeHTML(body []byte) bool {
	head := body[:min(len(body), 1024)]
	if strings.HasPrefix(http.DetectContentType(head), "text/html") {
		return true
	}
	lower := bytes.ToLower(head)
	for _, tag := range [][]byte{[]byte("<html"), []byte("<!doctype html"), []byte("<body"), []byte("<head")} {
		if bytes.Contains(lower, tag) {
			return true
		}
	}
	return false
}
