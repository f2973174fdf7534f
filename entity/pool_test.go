package entity_test

import (
	"reflect"
	"sync"
	"testing"

	"github.com/crosscheck-news/crosscheck/entity"
)

// TestFindConcurrent checks that finders reused through the pool and the
// shared name memos give every goroutine the results of a serial run.
func TestFindConcurrent(t *testing.T) {
	stories := benchCorpus(t)
	type job struct {
		s    benchStory
		want [][]entity.Found
	}
	var jobs []job
	for _, s := range stories {
		j := job{s: s}
		for _, a := range s.Members {
			j.want = append(j.want, entity.Find(a))
		}
		jobs = append(jobs, j)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				for _, j := range jobs {
					for i, a := range j.s.Members {
						if got := entity.Find(a); !reflect.DeepEqual(got, j.want[i]) {
							t.Errorf("%s: concurrent Find differs from the serial one", a.ID)
						}
					}
					entity.Story(j.s.Members)
				}
			}
		}()
	}
	wg.Wait()
}
