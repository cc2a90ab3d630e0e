package frameworkfile

import "testing"

func TestTitleSeniority(t *testing.T) {
	// Each list is most junior first within one role.
	tests := []struct {
		role   string
		titles []string
	}{
		{"Data scientist", []string{"Trainee data scientist", "Associate data scientist", "Data scientist", "Lead data scientist", "Principal data scientist", "Head of data science"}},
		{"Content designer", []string{"Associate content designer", "Junior content designer", "Content designer", "Senior content designer"}},
		{"Service desk manager", []string{"Service desk analyst", "Senior service desk analyst", "Service desk manager", "Head of service desk"}},
		{"Software developer", []string{"Apprentice developer", "Senior developer", "Senior developer - management", "Lead developer"}},
		{"Incident manager", []string{"Incident manager", "Major incident manager"}},
		{"Data architect", []string{"Senior data architect", "Chief data architect"}},
		{"Data ethicist", []string{"Data ethics lead", "Head of data ethics"}},
	}
	for _, tt := range tests {
		for i := 1; i < len(tt.titles); i++ {
			a, b := titleSeniority(tt.role, tt.titles[i-1]), titleSeniority(tt.role, tt.titles[i])
			if a.compare(b) >= 0 {
				t.Errorf("%s: %q (%+v) should rank below %q (%+v)", tt.role, tt.titles[i-1], a, tt.titles[i], b)
			}
		}
	}
}
