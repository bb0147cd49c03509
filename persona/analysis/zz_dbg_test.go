package analysis
import "testing"
func TestZZDbg(t *testing.T){ st := loadRealStudy(t, "ml", realFiles(t, "ml_practitioner_interviews/Interview_*.txt"), oneGroup); st.in.Options.Seed = 1; a, err := Run(st.in); if err != nil { t.Fatal(err) }; for _, th := range a.Themes { t.Log(th.Label) } }
