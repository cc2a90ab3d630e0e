package convert

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"gapwise/internal/model"
)

// FCI manifest. The FCI page carries no open licence, so this pack holds
// only a structure and Gapwise's own words: never the FCI's (or FEDIP's)
// competency statements.
const (
	fciSourceURL   = "https://fci.org.uk/work-we-do/professional-competencies/core-competency-framework.html"
	fciAttribution = "Structure after the Core Competency Framework for Clinical Informaticians (2020) of the " +
		"Faculty of Clinical Informatics (FCI), described in Davies A, Mueller J, Hassey A, Moulton G. Development " +
		"of a core competency framework for clinical informatics. BMJ Health Care Inform 2021;28:e100356. " +
		"Summaries, topics and the rating scale are Gapwise's own words, not FCI text."
	fciNotice = "The Core Competency Framework for Clinical Informaticians is (c) Faculty of Clinical Informatics. " +
		"No open licence was found for it, so this pack does not contain the FCI's competency statements. It holds " +
		"a provisional structure (domain and sub-domain numbers and short titles, some of them inferred) " +
		"reconstructed by Gapwise from public sources, with summaries, topics and a 0-4 rating scale written by " +
		"Gapwise in its own words. Gapwise claims no rights in the FCI framework. To use the official statements, " +
		"obtain them from the FCI with its permission, enter them in Gapwise's framework spreadsheet template and import it " +
		"(Frameworks > Import a framework, or gapwise-cli frameworks import) as a version of its own, e.g. fci@2020; " +
		"assessments made against this pack can then be carried forward to it."
)

// fciScale is Gapwise's own 0-4 scale: the FCI publishes none (its
// statements are pitched at Bloom levels). Written for clinicians rating
// themselves.
var fciScale = model.Scale{
	Name: "Gapwise proficiency scale",
	Description: "Defined by Gapwise for rating against the FCI framework, which publishes no proficiency scale " +
		"of its own. Level 0 is a real answer (not yet), different from leaving an item unrated.",
	Levels: []model.Level{
		{Value: 0, Name: "Not yet", Description: "I have not yet learned about or worked in this area. That is a normal starting point, not a failing."},
		{Value: 1, Name: "Aware", Description: "I know what this area covers and why it matters to patient care, and I can tell when it applies to my work, but I would need help to act on it."},
		{Value: 2, Name: "Developing", Description: "I can do the work in this area in familiar situations with guidance or support, and I am building experience."},
		{Value: 3, Name: "Competent", Description: "I work in this area confidently and without supervision in my usual setting, and can explain my decisions to colleagues."},
		{Value: 4, Name: "Expert / leads others", Description: "Others come to me in this area: I lead work on it, teach or supervise colleagues, and shape local practice or policy."},
	},
}

// fciNameStatus turns domains.csv's name_status into a remark for people.
var fciNameStatus = map[string]string{
	"verified":                      "Name as shown on the FCI web page.",
	"unverified-wording":            "Name not yet checked against the FCI's own wording.",
	"label-verified-via-FEDIP":      "Name as labelled in FEDIP's restatement of the framework; not seen on the FCI page.",
	"label-verified-via-FEDIP-slug": "Name supported only by the address of a FEDIP page; not seen on the FCI page.",
}

// fciConfidence lists the provenance grades an item may carry.
var fciConfidence = []string{"verified", "strong", "inferred"}

// FCI converts src/fci into the provisional fci@2020-provisional pack.
func FCI(src fs.FS) (*model.Framework, error) {
	f := &model.Framework{
		Ref:         model.FrameworkRef{ID: "fci", Version: "2020-provisional"},
		Name:        "Core Competency Framework for Clinical Informaticians (provisional structure)",
		ShortName:   "FCI",
		Publisher:   "Faculty of Clinical Informatics",
		SourceURL:   fciSourceURL,
		Licence:     "No open licence: framework (c) Faculty of Clinical Informatics; structure and own-words summaries by Gapwise",
		Attribution: fciAttribution,
		Provisional: true,
		Released:    "2020",
		Notice:      fciNotice,
		GroupKinds:  []string{"domain"},
		Scale:       fciScale,
	}
	domains, err := readTable(src, "fci/domains.csv", "domain_no", "domain_name", "name_status", "evidence")
	if err != nil {
		return nil, err
	}
	subs, err := readTable(src, "fci/subdomains.csv", "domain_no", "domain_name", "subdomain_no", "subdomain_title",
		"statement_count", "statement_ids", "bloom_levels", "topics", "summary_own_words", "title_source_url", "confidence")
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for i := range domains.rows {
		no, status := domains.get(i, "domain_no"), domains.get(i, "name_status")
		note, ok := fciNameStatus[status]
		if !ok {
			return nil, domains.errorf(i, "domain %s: unknown name_status %q", no, status)
		}
		names[no] = domains.get(i, "domain_name")
		f.Groups = append(f.Groups, model.Group{ID: no, Title: names[no], Kind: "domain", Note: note})
	}
	all := make([]int, 0, len(fciScale.Levels))
	for _, l := range fciScale.Levels {
		all = append(all, l.Value)
	}
	graded := map[string]int{}
	for i := range subs.rows {
		dom, no, conf := subs.get(i, "domain_no"), subs.get(i, "subdomain_no"), subs.get(i, "confidence")
		if names[dom] != subs.get(i, "domain_name") {
			return nil, subs.errorf(i, "sub-domain %s: domain %s is named %q here but %q in domains.csv", no, dom, subs.get(i, "domain_name"), names[dom])
		}
		if !strings.HasPrefix(no, dom+".") {
			return nil, subs.errorf(i, "sub-domain %s is not numbered within domain %s", no, dom)
		}
		if !slices.Contains(fciConfidence, conf) {
			return nil, subs.errorf(i, "sub-domain %s: confidence %q is not one of %v", no, conf, fciConfidence)
		}
		graded[conf]++
		f.Items = append(f.Items, model.Item{
			ID:          no,
			Title:       subs.get(i, "subdomain_title"),
			Group:       dom,
			Description: subs.text(i, "summary_own_words"),
			URL:         subs.get(i, "title_source_url"), // where the title was seen; empty when inferred
			Levels:      all,
			Confidence:  conf,
			Note:        subs.text(i, "topics"),
		})
	}
	f.ProvisionalNote = fmt.Sprintf("A provisional structure reconstructed by Gapwise from public sources (the FCI web "+
		"page, the BMJ Health & Care Informatics 2021 paper and FEDIP job-profile pages), not the FCI's official text. "+
		"Of the %d sub-domain titles, %d were verified on the FCI page, %d are supported by other public sources and "+
		"%d are inferred placeholders; the split of sub-domains between domains is a guess. The FCI's competency "+
		"statements are not included. An official pack can be imported later as a new version; ratings made "+
		"against this one are kept.", len(f.Items), graded["verified"], graded["strong"], graded["inferred"])
	return f, nil
}
