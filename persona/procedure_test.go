package persona

import "testing"

func TestIsProcedural(t *testing.T) {
	tests := []struct {
		s     string
		want  bool
		floor bool
	}{
		// giving the floor, keeping time, opening and closing
		{"We'll now go to Ms. Shin.", true, true},
		{"We will now go to Mr. Kelloway.", true, true},
		{"Go ahead, Mr. Viersen.", true, true},
		{"Let's turn to Karen.", true, true},
		{"Over to you.", true, true},
		{"The honourable minister has the floor.", true, true},
		{"The next question goes to Mrs. Kusie.", true, true},
		{"Next is Mr. Saroya.", true, true},
		{"Mr. Harris, you have 40 seconds.", true, true},
		{"I call this meeting to order.", true, true},
		{"We'll now continue with Mr.Blanchette-Joncas.", true, true},
		{"We'll next go to the honourable member for Calgary Skyview, Ms. Sahota.", true, true},
		{"It is now over to Mrs.Gill, the member for Manicouagan.", true, true},
		{"Mr. Aboultaif, go ahead with your question.", true, true},
		{"Go ahead, the honourable government House leader.", true, true},
		{"Ms. Gazan, just a moment.", true, true},
		{"The five minutes are finished.", true, true},
		{"The honourable Minister of Public Safety.", true, false},
		{"We continue with the old export because the new one breaks.", false, false},
		{"The committee stands adjourned.", true, true},
		{"Five minutes to end of meeting.", true, true},
		{"Two minutes left.", true, true},
		{"Ten more minutes.", true, true},
		{"Five minutes to set up the export.", false, false},
		{"45 minutes.", false, false},
		{"Twenty minutes a day on manual reports.", false, false},
		{"I would remind members to direct their questions through the chair.", true, true},
		// courtesies
		{"I thank my colleague for his important question.", true, false},
		{"I want to thank the honourable member for the question.", true, false},
		{"Mr. Chair, I appreciate the question from the member opposite.", true, false},
		{"Thank you, Mr. Chair.", true, false},
		{"Thank you for the question.", true, false},
		{"Mr.Chair, I would like to thank the hon. member for his questions.", true, false},
		{"Madam Chair.", true, false},
		{"Chair, I'd like to begin by thanking the honourable member for his question.", true, false},
		{"The member for Rimouski-Neigette-Témiscouata-Les Basques, Mr. Blanchette-Joncas, has the floor.", true, true},
		{"The honourable minister.", true, false},
		{"I'd like to thank everyone for their time.", true, false},
		{"I want to thank the honourable member for that question.", true, false},
		{"Madam Chair, I totally agree with my colleague.", true, false},
		{"I agree with my colleague that the rollout was too slow.", false, false},
		// speech about the subject stays
		{"We go to production every week.", false, false},
		{"Then we move to the next step of the pipeline.", false, false},
		{"I really appreciate the export feature.", false, false},
		{"I appreciate that the dashboard saves me time.", false, false},
		{"Again I thank the member, because this is a very important issue and it's important to us as well.", false, false},
		{"Mr. Chair, we have contracts with multiple provinces for the production of protective equipment.", false, false},
		{"The wage subsidy takes too long to reach small firms.", false, false},
		{"I have five minutes a day to review the alerts.", false, false},
		{"I have two minutes a day for alerts.", false, false},
		{"Let's go to the cloud, that was the plan.", false, false},
		{"The chair of our board signs off on every purchase over ten thousand.", false, false},
	}
	for _, tc := range tests {
		if got := IsProcedural(tc.s); got != tc.want {
			t.Errorf("IsProcedural(%q) = %v; want %v", tc.s, got, tc.want)
		}
		if got := GivesFloor(tc.s); got != tc.floor {
			t.Errorf("GivesFloor(%q) = %v; want %v", tc.s, got, tc.floor)
		}
	}
}
