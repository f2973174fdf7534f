package dedup

// ParaphraseModel is the sentence-pair model fitted on the MSRP training
// split only (labels of train; IDF over the unlabelled train and test
// sentences) by `crosscheck eval paraphrase --fit`, which prints this source.
var ParaphraseModel = Model{
	Bias: -2.2954046051693417,
	W: [NumFeatures]float64{
		-1.912919282739607,   // tfidf_cosine
		-2.496622548187918,   // idf_cover_min
		0.8003992789957942,   // idf_cover_max
		9.069896751975318,    // uni_min
		-2.3139371656700622,  // uni_max
		0.23620902934256263,  // bi_min
		-1.858400538368508,   // bi_max
		-2.330750779422627,   // tri_min
		-1.5067159594329822,  // tri_max
		9.68496192057898,     // lcs_min
		-3.549811128804717,   // lcs_max
		7.728170403156604,    // len_diff
		-0.41952274259305117, // num_mismatch
		-0.24476767946327133, // num_shared
		0.2684625547720654,   // cap_unmatched
		-0.829837557965898,   // neg_mismatch
		3.096230220421416,    // cos_x_len
		3.5527468823642887,   // char4_min
		0.8619320838140591,   // char4_max
		-0.26231120971872873, // unmatched_idf_min
		-2.316814457592613,   // unmatched_idf_max
		0.5878082033080042,   // unmatched_min
		1.7604230207112794,   // unmatched_max
	},
	Threshold: 0.5169152302064026,
}
