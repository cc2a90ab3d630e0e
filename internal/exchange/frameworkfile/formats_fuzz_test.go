package frameworkfile

import (
	"testing"

	"gapwise/internal/model"
)

// fuzzRead is the property every format reader keeps on arbitrary input: no
// panic, a refusal is the user's input error (never internal), and a
// framework it accepts passes the packs' validator (Read checks that) and
// has items. Detection runs too, and must not panic either.
func fuzzRead(t *testing.T, format Format, files []File) {
	for _, fm := range []Format{format, ""} {
		res, err := Read(files, fm)
		if err != nil {
			if k := model.KindOf(err); k != model.Invalid {
				t.Fatalf("%s: kind %v for %v", fm, k, err)
			}
			continue
		}
		if res.Framework == nil || len(res.Framework.Items) == 0 {
			t.Fatalf("%s: a framework with no items was accepted", fm)
		}
	}
}

func FuzzReadSFIA(f *testing.F) {
	f.Add(makeXLSX(f, sheet{"Skills", sfiaRows(sfiaRow("ITSP", "Strategic planning", "Three.", "Four."))}))
	f.Add(makeXLSX(f, sheet{"Skills", sfiaRows(sfiaRow("ITSP", "A", "x", ""), sfiaRow("ITSP", "B", "y", ""))},
		sheet{"Levels", [][]string{{"", "Autonomy"}, {"1 - Follow", "Works under direction."}}}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, FormatSFIA, []File{{Name: "sfia.xlsx", Data: data}})
	})
}

func FuzzReadTemplate(f *testing.F) {
	f.Add([]byte("group,group id,item id,title,description,level,descriptor\nData > Quality,D1,DQ1,Checking,\"What, it is\",1,Knows\nData > Quality,D1,DQ1,,,2,Does\n"), []byte("level,name\n1,Aware\n2,Able\n"))
	f.Add([]byte("Item ID;Title;Level\nq1;Qualité;1\n"), []byte("field,value\nid,acme\nversion,1\n"))
	f.Add([]byte("item id,title\nA,\"B\n"), []byte{})
	f.Fuzz(func(t *testing.T, items, other []byte) {
		files := []File{{Name: "items.csv", Data: items}}
		if len(other) > 0 {
			files = append(files, File{Name: "other.csv", Data: other})
		}
		fuzzRead(t, FormatTemplate, files)
	})
}

var (
	fuzzDirectDomain = []byte("name,description,slug,rank\nDonnées,Des données,donnees,10\n")
	fuzzDirectComp   = []byte("name,description,slug,competency_domain,rank\nGestion,Gérer,gestion,donnees,10\n")
)

func FuzzReadDirectCSV(f *testing.F) {
	f.Add([]byte("name,description,slug,competency,tools_languages_methodologies,learning_resources,related_skills,rank\nA,x,a,gestion,t1|t2,r1,b,1\nB,y,b,gestion,,,a,2\n"))
	f.Add([]byte("competency_domain,competency,skill,description,slug,related_skills,tools_languages_methodologies,learning_resources\nD,,,d,d,,,\n,C,,c,c,,,\n,,S,s,s,,x,\n"))
	f.Add([]byte("name,description,level,short_description,focus\nExpert,\"a\nb\",4,s,f\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, FormatDirectCSV, []File{{Name: "d.csv", Data: fuzzDirectDomain}, {Name: "c.csv", Data: fuzzDirectComp}, {Name: "s.csv", Data: data}})
		fuzzRead(t, FormatDirectCSV, []File{{Name: "aio.csv", Data: data}})
	})
}

func FuzzReadDirectJSON(f *testing.F) {
	f.Add([]byte(`{"competency_domains":[{"title":"D","description":"d","competencies":[{"title":"C","skills":[{"title":"S","description":"s","training_resources":"r"}]}]}]}`))
	f.Add([]byte(`[{"name":"A","slug":"a","competency":"c","related_skills":"b","rank":"1"},{"name":"B","slug":"b","competency":"c","rank":2}]`))
	f.Add([]byte(`[{"name":"Expert","level":"4","short_description":"x"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, FormatDirectJSON, []File{{Name: "all.json", Data: data}})
		fuzzRead(t, FormatDirectJSON, []File{
			{Name: "d.json", Data: []byte(`[{"name":"D","description":"d","slug":"d"}]`)},
			{Name: "c.json", Data: []byte(`[{"name":"C","description":"c","slug":"c","competency_domain":"d"}]`)},
			{Name: "s.json", Data: data}})
	})
}

func FuzzReadMoodle(f *testing.F) {
	f.Add([]byte(moodleHead + moodleFW + `A,A.1,"Données","<p>Vérifier</p>` + "\n" + `<ul><li>x</li></ul>",1,,,,,null,"A.2,B",12,0,` + "\n" +
		",A,Gérer,,1,,,core_competency\\competency_rule_all,1,null,,10,0,\n" +
		`A,A.2,P,"x",2,"Non,Oui","[{""scaleid"":""4""},{""id"":2,""scaledefault"":1,""proficient"":1}]",,,null,A.1,13,0,` + "\n"))
	f.Add([]byte(moodleHead + moodleFW + ",A,N,,1,,,,,null,,,0,\nC,B,N,,1,,,,,null,,,0,\nB,C,N,,1,,,,,null,,,0,\n"))
	f.Add(readTestFile(f, moodleFile).Data[:2000])
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, FormatMoodle, []File{{Name: "moodle.csv", Data: data}})
	})
}

func FuzzReadMahara(f *testing.F) {
	f.Add([]byte(maharaDeep))
	f.Add(readTestFile(f, "testdata/mahara/nace_usa.matrix").Data)
	f.Add([]byte(`{"framework":{"name":"S","standards":[{"name":"P","standardelement":[{"shortname":"1.1","name":"a"}]}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, FormatMahara, []File{{Name: "m.matrix", Data: data}})
	})
}
