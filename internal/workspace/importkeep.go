package workspace

import (
	"sync"
	"time"
	"unsafe"

	"gapwise/internal/exchange"
	"gapwise/internal/model"
)

// A batch import validates every file before it writes any (importFiles).
// Decoding a file is most of the work outside SQLite, so the first pass
// keeps what it decoded in a compact form, and the write takes the file's
// content from there instead of decoding it again. The write still reads
// each file and refuses one whose bytes are not those validated (SHA-256):
// reading and hashing cost little beside decoding. The compact forms of a
// batch are held to keepBudget; files beyond it are decoded again, as
// before, so the import's memory is bounded whatever the number of files.

// keepBudget is how much memory a batch import may use for compact forms:
// 10,000 files of 150 ratings each rated at its own time (12 bytes a
// rating), more when ratings share a time. A variable for tests.
var keepBudget = 32 << 20

// keptFile is a validated file's content in compact form.
type keptFile struct {
	person     model.Person
	assessment model.Assessment
	items      []model.Item // the framework version's items (shared)
	ratings    []keptRating
	times      []int64 // each rating's time in Unix milliseconds, or one for all
	evidence   []keptEvidence
	targets    []model.Target
}

// keptRating is one rating: the item's index in items, level, confidence
// and interest.
type keptRating struct {
	item  uint16
	level uint8
	conf  uint8 // confidence, with keptInterest set for interest
}

const keptInterest = 0x80

// keptEvidence is the evidence of the rating at index rating.
type keptEvidence struct {
	rating int
	text   string
}

// size is about how much memory k holds, for keepBudget.
func (k *keptFile) size() int {
	n := int(unsafe.Sizeof(*k)) + len(k.ratings)*int(unsafe.Sizeof(keptRating{})) +
		len(k.times)*8 + len(k.targets)*int(unsafe.Sizeof(model.Target{})) +
		len(k.person.Name) + len(k.person.Role) + len(k.person.Organisation) + len(k.assessment.Assessor)
	for _, e := range k.evidence {
		n += int(unsafe.Sizeof(e)) + len(e.text)
	}
	for _, t := range k.targets {
		n += len(t.Source)
	}
	return n
}

// itemIndex numbers each framework version's items once per import, for
// keep; it is shared by the goroutines that read files.
type itemIndex struct {
	mu sync.Mutex
	at map[*model.Framework]map[string]uint16
}

func (x *itemIndex) of(fw *model.Framework) map[string]uint16 {
	x.mu.Lock()
	defer x.mu.Unlock()
	if m, ok := x.at[fw]; ok {
		return m
	}
	if x.at == nil {
		x.at = map[*model.Framework]map[string]uint16{}
	}
	var m map[string]uint16
	if len(fw.Items) <= 1<<16 {
		m = make(map[string]uint16, len(fw.Items))
		for i, it := range fw.Items {
			m[it.ID] = uint16(i)
		}
	}
	x.at[fw] = m
	return m
}

// keep makes the compact form of f, a file decoded and validated against
// fw; false when something does not fit the form (the file is then read
// again at the write). The form is checked against f before it is used:
// what it gives back is exactly what was decoded.
func keep(f *exchange.File, fw *model.Framework, index *itemIndex) (*keptFile, bool) {
	items := index.of(fw)
	if items == nil || len(f.Ratings) > 1<<16 {
		return nil, false
	}
	k := &keptFile{person: f.Person, assessment: f.Assessment, items: fw.Items, targets: f.Targets,
		ratings: make([]keptRating, len(f.Ratings))}
	same := true
	for i, r := range f.Ratings {
		idx, ok := items[r.Item]
		if !ok || r.Level < 0 || r.Level > 0xff || r.Confidence < 0 || r.Confidence >= keptInterest {
			return nil, false
		}
		kr := keptRating{item: idx, level: uint8(r.Level), conf: uint8(r.Confidence)}
		if r.Interest {
			kr.conf |= keptInterest
		}
		k.ratings[i] = kr
		if r.Evidence != "" {
			k.evidence = append(k.evidence, keptEvidence{i, r.Evidence})
		}
		same = same && r.RatedAt.Equal(f.Ratings[0].RatedAt)
	}
	if n := len(f.Ratings); n > 0 {
		if same {
			n = 1
		}
		k.times = make([]int64, n)
		for i := range k.times {
			k.times[i] = f.Ratings[i].RatedAt.UnixMilli()
		}
	}
	if !sameRatings(k.ratingList(), f.Ratings) {
		return nil, false
	}
	return k, true
}

// file gives back the decoded file k was made from.
func (k *keptFile) file() *exchange.File {
	return &exchange.File{Person: k.person, Assessment: k.assessment, Ratings: k.ratingList(), Targets: k.targets}
}

func (k *keptFile) ratingList() []model.Rating {
	out := make([]model.Rating, len(k.ratings))
	for i, r := range k.ratings {
		out[i] = model.Rating{Item: k.items[r.item].ID, Level: int(r.level), Confidence: int(r.conf &^ keptInterest),
			Interest: r.conf&keptInterest != 0, RatedAt: time.UnixMilli(k.times[min(i, len(k.times)-1)]).UTC()}
	}
	for _, e := range k.evidence {
		out[e.rating].Evidence = e.text
	}
	return out
}

// sameRatings says a and b are the same ratings, field for field.
func sameRatings(a, b []model.Rating) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
