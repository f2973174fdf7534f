// Package dedup finds which articles are copies or rewrites of which: exact
// duplicates (a hash of the normalised text), near duplicates (MinHash over
// word shingles with LSH banding, confirmed by exact Jaccard and containment
// of the shingle sets) and rewrites (an in-order alignment of sentences scored
// by the paraphrase scorer Similarity). It also decides the direction of each
// derivation — which article is the original — from wire credits, publication
// times and containment asymmetry.
//
// The streaming entry point is Index (Add, Candidates); the batch entry point,
// for the articles of one story, is Find. Describe puts a derivation into words
// for the report views.
package dedup
