package analysis

import (
	"path"
	"strings"
	"testing"
)

func TestExtractRole(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"And right now I am a data scientist at Company 1.", "data scientist"},
		{"So, um, I'm currently working as a lead data scientist for Company Y.", "data scientist"},
		{"I am currently, uh, machine learning engineer, uh, in, uh, company here.", "machine learning engineer"},
		{"Well, my main role is AI Delivery Manager.", "AI delivery manager"},
		{"My current position, uh, at Company X AI is that of technical expert to director ai.", "technical expert"},
		{"Uh, well, I work for Company X as a cloud solution architect in a specialized group.", "cloud solution architect"},
		{"I am, uh, I work as a web development, uh, web developer.", "web developer"},
		{"I'm the lead and I have two senior data scientists where I mentor them.", "lead"},
		{"Well, I'm the only Salesforce admin.", "salesforce admin"},
		{"I'm the CEO here.", "CEO"},
		{"I'm the pr project manager.", "project manager"},
		{"I am the m marketing expert here.", "marketing expert"},
		{"Uh, I've been, uh, data scientist for almost three years now.", "data scientist"},
		// a role denied, past, hypothetical, reported, or no role at all
		{"It's not my expertise since I'm not data scientist, but more on the engineering side.", ""},
		{"I was a data scientist before my current position.", ""},
		{"Let's say if I'm a data scientist, I'm thinking that some feature has an impact.", ""},
		{"Like everybody will say like, I, I am a data scientist.", ""},
		{"Uh, so for me, I'm, you, I'm a, I'm a big pusher of retraining.", ""},
		{"I can present myself, so I'm a X at Company X.", ""},
		{"I'm a bit ashamed to see that I don't know.", ""},
		{"I'm the one who gets handed the decision.", ""},
		{"I'm afraid his expert opinion is wrong.", ""},
	} {
		got, ok := extractRole(tc.text)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("extractRole(%q) = %q, %v; want %q", tc.text, got, ok, tc.want)
		}
	}
}

func TestStatedWho(t *testing.T) {
	said := func(roles ...string) []buyer {
		out := make([]buyer, len(roles))
		for i, r := range roles {
			out[i].said = statedRole{role: r, quote: int64(i + 1)}
		}
		return out
	}
	rest := said("analyst", "analyst", "product manager", "", "", "", "", "", "", "", "", "")
	for _, tc := range []struct {
		name    string
		members []buyer
		want    string
	}{
		{"most of them say it, few elsewhere", said("data scientist", "data scientist", "data scientist", "data scientist", "analyst", ""), "Data scientists"},
		{"no title is a majority of those who state one, their family is", said("data scientist", "data scientist", "data scientist", "analyst", "analyst", "designer"), "Practitioners"},
		{"fewer than half the members state a role", said("data scientist", "data scientist", "data scientist", "", "", "", "", "", ""), ""},
		{"most state one, a majority of them the same", said("data scientist", "data scientist", "data scientist", "", "", ""), "Data scientists"},
		{"no title repeats, but most are practitioners", said("data scientist", "machine learning engineer", "statistician", "engineer", "product manager", ""), "Practitioners"},
		{"no title and no family is a majority", said("data scientist", "engineer", "product manager", "project manager", "CEO", "founder"), ""},
		{"nobody states a role", said("", "", "", "", "", ""), ""},
		{"too few say it to name anyone", said("CEO", "CEO", "", ""), ""},
	} {
		all := append(append([]buyer{}, tc.members...), rest...)
		if got := upperFirst(statedWho(tc.members, all)); got != tc.want {
			t.Errorf("%s: statedWho = %q; want %q", tc.name, got, tc.want)
		}
	}
}

// statedRoleTruth is, per ML practitioner interview, the role the
// interviewee states about themselves, read by hand ("" when none is
// stated); indirect marks a role said only in passing ("mainly as a data
// scientist", "you can put down as data scientist"), which the extractor
// is not expected to find.
var statedRoleTruth = map[string]struct {
	role     string
	indirect bool
}{
	"Interview_10.txt": {"data scientist", false}, "Interview_11.txt": {"data scientist", false},
	"Interview_12.txt": {"project manager", false}, "Interview_13.txt": {"data scientist", false},
	"Interview_14.txt": {"", false}, "Interview_15.txt": {"statistician", false},
	"Interview_16.txt": {"machine learning engineer", false}, "Interview_17.txt": {"data scientist", true},
	"Interview_19.txt": {"data scientist", false}, "Interview_2.txt": {"", false},
	"Interview_20.txt": {"data scientist", false}, "Interview_21.txt": {"data scientist", false},
	"Interview_23.txt": {"technical expert", false}, "Interview_24.txt": {"associate", false},
	"Interview_25.txt": {"machine learning engineer", false}, "Interview_26.txt": {"", false},
	"Interview_27.txt": {"data scientist", true}, "Interview_29.txt": {"lead", false},
	"Interview_3.txt": {"AI delivery manager", false}, "Interview_30.txt": {"", false},
	"Interview_31.txt": {"master's student", false}, "Interview_32_-_PO.txt": {"", false},
	"Interview_33.txt": {"", false}, "Interview_34.txt": {"web developer", false},
	"Interview_35.txt": {"professor", false}, "Interview_36.txt": {"", false},
	"Interview_37.txt": {"engineer", false}, "Interview_38.txt": {"cloud solution architect", false},
	"Interview_4.txt": {"data scientist", false}, "Interview_40.txt": {"engineer", false},
	"Interview_43.txt": {"product manager", false}, "Interview_5.txt": {"data scientist", false},
	"Interview_6.txt": {"data scientist", true}, "Interview_7.txt": {"data scientist", false},
	"Interview_8.txt": {"software engineer", true}, "Interview_9.txt": {"data scientist", true},
}

// TestStatedRolesRealData checks the roles found in what the ML
// practitioners say about themselves against a reading by hand: at most
// one in ten found is wrong (precision), and at least four in five of
// the direct statements are found (recall).
func TestStatedRolesRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("heavy evaluation on real data: run without -race and -short")
	}
	t.Parallel() // with the other real-data evaluations, on both cores
	st := loadRealStudy(t, "ml", realFiles(t, "ml_practitioner_interviews/Interview_*.txt"), path.Base)
	c, err := newCorpus(st.in)
	if err != nil {
		t.Fatal(err)
	}
	buyers := themeProfiles(nil, c, st.in.Participants)
	text := map[int64]string{}
	for _, q := range st.in.Quotes {
		text[q.ID] = q.Text
	}
	var stating, direct, found, wrong, foundDirect int
	for _, tr := range statedRoleTruth {
		if tr.role != "" {
			stating++
			if !tr.indirect {
				direct++
			}
		}
	}
	for i, s := range statedRoles(c, buyers) {
		file := st.group[buyers[i].p.ID]
		tr, ok := statedRoleTruth[file]
		if !ok {
			t.Errorf("%s: not read by hand", file)
			continue
		}
		if s.role == "" {
			if tr.role != "" {
				t.Logf("%s: missed %q (indirect: %v)", file, tr.role, tr.indirect)
			}
			continue
		}
		found++
		if !strings.EqualFold(s.role, tr.role) {
			wrong++
			t.Errorf("%s: found %q in %q; read by hand: %q", file, s.role, text[s.quote], tr.role)
			continue
		}
		if !tr.indirect {
			foundDirect++
		}
		t.Logf("%s: %q in %q", file, s.role, text[s.quote])
	}
	t.Logf("interviewees %d, stating a role %d (directly %d); found %d, wrong %d; precision %.2f, recall %.2f (direct statements %.2f)",
		len(statedRoleTruth), stating, direct, found, wrong, float64(found-wrong)/float64(max(found, 1)),
		float64(found-wrong)/float64(max(stating, 1)), float64(foundDirect)/float64(max(direct, 1)))
	if 10*wrong > found {
		t.Errorf("%d of %d stated roles found are wrong; want at most a tenth", wrong, found)
	}
	if 5*foundDirect < 4*direct {
		t.Errorf("found %d of %d direct role statements; want four in five", foundDirect, direct)
	}
}
