package crosscheck

import (
	"slices"
	"testing"
)

func TestSameText(t *testing.T) {
	arts := []*Article{
		{ID: "a", Language: "en", Text: "The ferry sank."},
		{ID: "b", Language: "en", Text: "The ferry sank at dawn."},
		nil,
		{ID: "c", Language: "en", Text: "The ferry sank."},
		{ID: "d", Language: "de", Text: "The ferry sank."},
		{ID: "e", Language: "en", Text: "The ferry sank."},
	}
	got := SameText(arts)
	want := []int{-1, -1, -1, 0, -1, 0}
	if !slices.Equal(got, want) {
		t.Fatalf("SameText = %v, want %v", got, want)
	}
}
