// Package source turns what the user names — files, directories, http(s)
// URLs, standard input — into raw crosscheck.Document values, the input of
// the extract stage.
//
// Formats are chosen by file extension: .txt (plain text), .html and .htm
// (HTML), .json (one article object, or an array of them) and .jsonl (one
// article object per line), each optionally gzipped (.gz, or any file that
// starts with the gzip magic bytes), and .warc or .warc.gz (web archives:
// one document per HTML response record, see warc.go). Standard input ("-") is sniffed: gzip is
// unpacked, then HTML is told from plain text.
//
// A bad input never stops a batch: Read yields one *Error naming the input
// (a path, a URL, or "file.jsonl:LINE" for one line of a JSONL file) and goes
// on with the next.
//
// Fetching is guarded: only http and https, a size cap on every body,
// timeouts on every phase, a redirect limit, robots.txt honoured (RFC 9309),
// and no connection to a private, loopback, link-local, CGNAT, multicast or
// unspecified address unless Options.AllowPrivate is set. The address check
// runs in the dialer on the IP actually connected to, so a public name that
// resolves (or is re-bound, or redirects) to a private address is refused too.
package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// Defaults for the zero values of Options.
const (
	DefaultMaxBytes     = 20 << 20
	DefaultTimeout      = 20 * time.Second
	DefaultMaxRedirects = 5
)

// modulePath is the module whose version goes into the default User-Agent.
const modulePath = "github.com/crosscheck-news/crosscheck"

// DefaultUserAgent is the User-Agent sent when Options.UserAgent is empty.
var DefaultUserAgent = "crosscheck/" + moduleVersion() + " (+https://github.com/crosscheck-news/crosscheck)"

// robotsAgent is the product token matched against robots.txt User-agent lines.
const robotsAgent = "crosscheck"

// Options configures Read and Fetch. The zero value is usable.
type Options struct {
	MaxBytes     int64         // per input, before and after decompression (default 20 MB); larger → error
	AllowPrivate bool          // allow URLs resolving to private/loopback/link-local/unspecified addresses
	Timeout      time.Duration // per URL fetch, default 20s
	MaxRedirects int           // default 5; negative: follow none
	UserAgent    string        // default DefaultUserAgent
	Stdin        io.Reader     // for "-"; default os.Stdin
	// Client, when set, is used for every request instead of the guarded
	// client built from these options; the private-address guard and the
	// connect/TLS/header timeouts are then the client's business. The
	// redirect limit, robots.txt and the size cap still apply.
	Client *http.Client
}

// withDefaults fills in the zero fields.
func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = DefaultMaxRedirects
	} else if o.MaxRedirects < 0 {
		o.MaxRedirects = 0
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Stdin == nil {
		o.Stdin = os.Stdin
	}
	return o
}

// Error is one input that failed: Source names it, Err says why.
type Error struct {
	Source string
	Err    error
}

// Error returns "SOURCE: reason" on one line.
func (e *Error) Error() string {
	if e.Err == nil {
		return oneLine(e.Source + ": failed")
	}
	return oneLine(e.Source + ": " + e.Err.Error())
}

// Unwrap returns the reason, for errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Err }

// oneLine folds line breaks into spaces so that every failure prints as one line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func fail(source string, err error) (crosscheck.Document, error) {
	return crosscheck.Document{}, &Error{Source: source, Err: err}
}

// Read yields the documents of inputs in input order: a directory's files in
// sorted order, a JSONL file's lines in file order. A failed input yields a
// zero Document with an *Error, and reading goes on. Each input is a file
// path, a directory (read recursively; hidden files and directories and
// files of unknown formats are skipped), an http(s) URL, or "-" for
// opt.Stdin. robots.txt is fetched once per host per call.
//
// When ctx is cancelled Read yields one *Error with the context's error for
// the input it was at and stops.
func Read(ctx context.Context, inputs []string, opt Options) iter.Seq2[crosscheck.Document, error] {
	return func(yield func(crosscheck.Document, error) bool) {
		r := &reader{opt: opt.withDefaults(), ctx: ctx}
		r.fetcher = newFetcher(r.opt)
		defer r.fetcher.Close()
		for _, in := range inputs {
			if err := ctx.Err(); err != nil {
				yield(fail(in, err))
				return
			}
			if !r.input(in, yield) {
				return
			}
		}
	}
}

// reader holds the state of one Read call.
type reader struct {
	opt       Options
	ctx       context.Context
	fetcher   *Fetcher
	stdinRead bool
}

type yielder = func(crosscheck.Document, error) bool

// input reads one named input and reports whether the consumer wants more.
func (r *reader) input(in string, yield yielder) bool {
	switch {
	case in == "-":
		if r.stdinRead {
			return yield(fail(in, errors.New("standard input was already read (give - once)")))
		}
		r.stdinRead = true
		return r.stdin(yield)
	case looksLikeURL(in):
		return yield(r.fetcher.Fetch(r.ctx, in))
	}
	info, err := os.Stat(in)
	if err != nil {
		return yield(fail(in, fileError(in, err)))
	}
	if info.IsDir() {
		return r.dir(in, yield)
	}
	return r.file(in, true, yield)
}

// looksLikeURL reports whether in starts with a URL scheme ("x://"), so that
// "ftp://host/x" is refused as a URL rather than looked up as a file.
func looksLikeURL(in string) bool {
	scheme, _, ok := strings.Cut(in, "://")
	if !ok || scheme == "" {
		return false
	}
	for i, c := range scheme {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// fileError rewords an os error on path into a reason without the path
// (Error already names it), with a hint where one helps.
func fileError(path string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, os.ErrNotExist):
		if host, _, ok := strings.Cut(path, "/"); ok && !filepath.IsAbs(path) && !strings.HasPrefix(host, ".") && strings.Contains(host, ".") {
			return errors.New("no such file or directory (for a URL, write http:// or https:// in front)")
		}
		return errors.New("no such file or directory")
	case errors.Is(err, os.ErrPermission):
		return errors.New("permission denied")
	}
	return err
}

// moduleVersion is crosscheck's module version from the build information,
// or "devel" for a build from a source tree.
func moduleVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	version := func(m *debug.Module) string {
		if m.Replace != nil {
			m = m.Replace
		}
		if m.Version == "" || m.Version == "(devel)" {
			return "devel"
		}
		return m.Version
	}
	if bi.Main.Path == modulePath {
		return version(&bi.Main)
	}
	for _, m := range bi.Deps {
		if m.Path == modulePath {
			return version(m)
		}
	}
	return "devel"
}

// sizeError says that an input is over the cap.
func sizeError(what string, limit int64) error {
	return fmt.Errorf("%s is over the size limit of %s (raise --max-bytes to read it)", what, byteCount(limit))
}

// byteCount writes n bytes for a person: "20 MB", "512 KB", "100 bytes".
func byteCount(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
