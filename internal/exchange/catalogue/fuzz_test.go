package catalogue

import (
	"net/url"
	"testing"

	"gapwise/internal/model"
)

// FuzzRead feeds the reader outside input: it must never panic, refuse only
// with model.Invalid, and what it accepts must hold only what the rules
// allow: a title, items of the framework, http(s) addresses, text every
// screen can show.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"Title,Provider,URL,Type,Items\nSafety,NHS,https://e.org/x,Course,1.2;3.4\n",
		"\ufeffname;supplier;link;type;develops\nA;B;http://h/;Workshop;clinical governance|1.1\n",
		"title,items\n\"two\nlines\",2.1\n",
		"Title,Items\nA,1.1\na,1.1\n",
		"Title,URL,Items\nA,javascript:x,1.1\n",
		"name,slug,language,url,provider\nA,a,en,https://x.org,p\n",
	} {
		f.Add([]byte(s))
	}
	fw := testFramework()
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Read([]File{{Name: "fuzz.csv", Data: data}}, fw)
		if err != nil {
			if k := model.KindOf(err); k != model.Invalid {
				t.Fatalf("refused with kind %v: %v", k, err)
			}
			return
		}
		for _, e := range res.Catalogue.Entries {
			if e.Title == "" || len(e.Items) == 0 {
				t.Fatalf("entry without a title or items: %+v", e)
			}
			for _, s := range []string{e.Title, e.Provider, e.Type, e.URL} {
				if err := model.CheckLine(s); err != nil {
					t.Fatalf("accepted text %q: %v", s, err)
				}
			}
			for _, id := range e.Items {
				if _, ok := fw.Item(id); !ok {
					t.Fatalf("accepted unknown item %q", id)
				}
			}
			if e.URL != "" {
				u, err := url.Parse(e.URL)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
					t.Fatalf("accepted address %q", e.URL)
				}
			}
		}
	})
}
