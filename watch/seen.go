package watch

import (
	"bufio"
	"container/list"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
)

// NormalizeURL makes the key under which an article URL is remembered: the
// same page reached through two feeds, with tracking parameters, a
// fragment, an upper-case host or a default port, is one key. It returns ""
// for a URL that is not absolute http(s).
func NormalizeURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if port == "" || u.Scheme == "http" && port == "80" || u.Scheme == "https" && port == "443" {
		u.Host = host
	} else {
		u.Host = host + ":" + port
	}
	if strings.Contains(host, ":") && u.Host == host {
		u.Host = "[" + host + "]"
	}
	u.Fragment, u.RawFragment, u.User = "", "", nil
	if u.Path == "" {
		u.Path = "/"
	}
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			if trackingParam(k) {
				q.Del(k)
			}
		}
		u.RawQuery = encodeSorted(q)
	}
	return u.String()
}

// trackingParam names query parameters that only say where a click came
// from; they never change the page.
func trackingParam(k string) bool {
	k = strings.ToLower(k)
	switch k {
	case "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ocid", "cmpid", "smid":
		return true
	}
	return strings.HasPrefix(k, "utm_")
}

func encodeSorted(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		vs := q[k]
		sort.Strings(vs)
		for _, v := range vs {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k))
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
	}
	return b.String()
}

// Seen remembers which article URLs (normalised keys) have been taken, so
// that no article is fetched twice. Implementations are safe for
// concurrent use.
type Seen interface {
	// Claim marks key as taken and reports whether it was not before.
	Claim(key string) bool
	// Done records that key's article is settled (delivered, or refused for
	// good); a persistent set writes it down.
	Done(key string) error
	// Release forgets a claim whose fetch failed for now, so that a later
	// poll tries it again.
	Release(key string)
}

// MemorySeen is a Seen of bounded size: past its capacity the least
// recently claimed keys are forgotten (an article fetched again then is
// still one article, since the store's article ids are content hashes).
type MemorySeen struct {
	mu       sync.Mutex
	capacity int
	order    *list.List // front: most recent
	keys     map[string]*list.Element
}

// DefaultSeenCapacity is the number of URLs a MemorySeen keeps by default:
// about 100 MB for a million URLs at most.
const DefaultSeenCapacity = 1 << 20

// NewMemorySeen makes a MemorySeen keeping capacity keys (0: the default).
func NewMemorySeen(capacity int) *MemorySeen {
	if capacity <= 0 {
		capacity = DefaultSeenCapacity
	}
	return &MemorySeen{capacity: capacity, order: list.New(), keys: map[string]*list.Element{}}
}

func (s *MemorySeen) Claim(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.keys[key]; ok {
		s.order.MoveToFront(e)
		return false
	}
	s.keys[key] = s.order.PushFront(key)
	for s.order.Len() > s.capacity {
		oldest := s.order.Back()
		s.order.Remove(oldest)
		delete(s.keys, oldest.Value.(string))
	}
	return true
}

func (s *MemorySeen) Done(string) error { return nil }

func (s *MemorySeen) Release(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.keys[key]; ok {
		s.order.Remove(e)
		delete(s.keys, key)
	}
}

// Len is the number of keys held.
func (s *MemorySeen) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.order.Len()
}

// StateFile is a MemorySeen whose settled keys, and the feeds' validators
// (ETag, Last-Modified), are appended to a file and read back on the next
// start, so that a watcher run from cron with --once neither fetches an
// article again nor a feed that has not changed.
//
// The file is line-based, one tab-separated entry per line:
//
//	seen	URL-KEY
//	feed	FEED-URL	ETAG	LAST-MODIFIED
//
// A later feed line for the same feed wins. Lines of other kinds are
// skipped, so the format can grow.
type StateFile struct {
	*MemorySeen
	path string

	mu     sync.Mutex
	file   *os.File
	w      *bufio.Writer
	closed bool
	feeds  map[string]Validators
}

// Validators are what a conditional request of a feed sends back.
type Validators struct {
	ETag, LastModified string
}

// OpenStateFile reads path (when it exists) and opens it for appending.
func OpenStateFile(path string, capacity int) (*StateFile, error) {
	st := &StateFile{MemorySeen: NewMemorySeen(capacity), path: path, feeds: map[string]Validators{}}
	if f, err := os.Open(path); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		line := 0
		for sc.Scan() {
			line++
			fields := strings.Split(sc.Text(), "\t")
			switch {
			case fields[0] == "seen" && len(fields) == 2:
				st.MemorySeen.Claim(fields[1])
			case fields[0] == "feed" && len(fields) == 4:
				st.feeds[fields[1]] = Validators{ETag: fields[2], LastModified: fields[3]}
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("watch state %s: line %d: %w", path, line+1, err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("watch state %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("watch state %s: %w", path, err)
	}
	st.file, st.w = f, bufio.NewWriter(f)
	return st, nil
}

// Done appends key to the file.
func (st *StateFile) Done(key string) error {
	return st.append("seen\t" + clean(key) + "\n")
}

// FeedValidators returns what was last stored for a feed.
func (st *StateFile) FeedValidators(feed string) Validators {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.feeds[feed]
}

// SetFeedValidators stores a feed's validators.
func (st *StateFile) SetFeedValidators(feed string, v Validators) error {
	st.mu.Lock()
	old, ok := st.feeds[feed]
	st.feeds[feed] = v
	st.mu.Unlock()
	if ok && old == v {
		return nil
	}
	return st.append("feed\t" + clean(feed) + "\t" + clean(v.ETag) + "\t" + clean(v.LastModified) + "\n")
}

func (st *StateFile) append(line string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.closed {
		return fmt.Errorf("watch state %s: closed", st.path)
	}
	if _, err := st.w.WriteString(line); err != nil {
		return fmt.Errorf("watch state %s: %w", st.path, err)
	}
	return nil
}

// Flush writes buffered entries to the file.
func (st *StateFile) Flush() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.closed {
		return nil
	}
	if err := st.w.Flush(); err != nil {
		return fmt.Errorf("watch state %s: %w", st.path, err)
	}
	return nil
}

// Close flushes and closes the file; later Flush calls do nothing.
func (st *StateFile) Close() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.closed {
		return nil
	}
	st.closed = true
	err := st.w.Flush()
	if cerr := st.file.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("watch state %s: %w", st.path, err)
	}
	return nil
}

// clean keeps a value on its line and in its column.
func clean(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}
