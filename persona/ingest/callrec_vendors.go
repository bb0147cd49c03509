package ingest

import (
	"encoding/json"
	"strconv"
	"strings"
)

// The four vendors' shapes, from their public API references.

// Gong: POST /v2/calls/transcript answers callTranscripts; the speakers'
// names, titles and affiliation come from /v2/calls/extensive (calls[] with
// metaData and parties), which exports put beside it.
type gongExport struct {
	CallTranscripts []struct {
		CallID     string `json:"callId"`
		Transcript []struct {
			SpeakerID string `json:"speakerId"`
			Topic     string `json:"topic"`
			Sentences []struct {
				Start float64 `json:"start"`
				End   float64 `json:"end"`
				Text  string  `json:"text"`
			} `json:"sentences"`
		} `json:"transcript"`
	} `json:"callTranscripts"`
	Calls []gongCall `json:"calls"`
}

type gongCall struct {
	MetaData struct {
		ID      string `json:"id"`
		Title   string `json:"title"`
		Started string `json:"started"`
	} `json:"metaData"`
	Parties []struct {
		SpeakerID   string `json:"speakerId"`
		Name        string `json:"name"`
		Title       string `json:"title"`
		Affiliation string `json:"affiliation"`
	} `json:"parties"`
}

func parseGong(name string, data []byte) (*Document, error) {
	var g gongExport
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, jsonErr(name, err)
	}
	c := newCallBuilder()
	speakers := map[string]*callSpeaker{}
	calls := map[string]gongCall{}
	for _, call := range g.Calls {
		calls[call.MetaData.ID] = call
		for _, p := range call.Parties {
			sp := &callSpeaker{name: p.Name, title: p.Title}
			switch strings.ToLower(p.Affiliation) {
			case "internal":
				sp.role = RoleInterviewer
			case "external":
				sp.role = RoleParticipant
			}
			speakers[p.SpeakerID] = sp
		}
	}
	anon := map[string]*callSpeaker{}
	for _, ct := range g.CallTranscripts {
		if call, ok := calls[ct.CallID]; ok {
			c.setDate(call.MetaData.Started)
			if c.title == "" {
				c.title = call.MetaData.Title
			}
		}
		for _, mono := range ct.Transcript {
			sp := speakers[mono.SpeakerID]
			if sp == nil || sp.name == "" {
				if anon[mono.SpeakerID] == nil {
					anon[mono.SpeakerID] = &callSpeaker{name: "Speaker " + strconv.Itoa(len(anon)+1)}
				}
				sp = anon[mono.SpeakerID]
			}
			for _, s := range mono.Sentences {
				c.add(sp, s.Text, int64(s.Start), int64(s.End))
			}
		}
	}
	doc := c.doc(FormatGong)
	if len(g.CallTranscripts) > 1 {
		doc.Warnings = append(doc.Warnings, callCount(name, len(g.CallTranscripts)))
	}
	if len(anon) > 0 {
		doc.Warnings = append(doc.Warnings, "speakers without a party in calls[].parties are named Speaker 1, 2, …; export the calls with their parties (/v2/calls/extensive) to get names and sides")
	}
	return doc, nil
}

// Fathom: a meeting from GET /meetings (items[]) with its transcript, or
// the answer of GET /recordings/{id}/transcript.
type fathomMeeting struct {
	Title              string `json:"title"`
	RecordingStartTime string `json:"recording_start_time"`
	ScheduledStartTime string `json:"scheduled_start_time"`
	CreatedAt          string `json:"created_at"`
	Transcript         []struct {
		Speaker struct {
			DisplayName string `json:"display_name"`
			Email       string `json:"matched_calendar_invitee_email"`
		} `json:"speaker"`
		Text      string `json:"text"`
		Timestamp string `json:"timestamp"`
	} `json:"transcript"`
	CalendarInvitees []struct {
		Name       string `json:"name"`
		Email      string `json:"email"`
		IsExternal bool   `json:"is_external"`
	} `json:"calendar_invitees"`
	RecordedBy struct {
		Name  string `json:"name"`
		Email string `json:"email"`
	} `json:"recorded_by"`
}

func parseFathom(name string, data []byte) (*Document, error) {
	var list struct {
		Items []fathomMeeting `json:"items"`
	}
	var m fathomMeeting
	if err := json.Unmarshal(data, &list); err == nil && len(list.Items) > 0 {
		m = list.Items[0]
	} else if err := json.Unmarshal(data, &m); err != nil {
		return nil, jsonErr(name, err)
	}
	external := map[string]bool{}
	known := map[string]bool{}
	for _, inv := range m.CalendarInvitees {
		for _, k := range []string{strings.ToLower(inv.Email), strings.ToLower(inv.Name)} {
			if k != "" {
				external[k], known[k] = inv.IsExternal, true
			}
		}
	}
	if e := strings.ToLower(m.RecordedBy.Email); e != "" {
		external[e], known[e] = false, true
	}
	c := newCallBuilder()
	c.title = m.Title
	for _, s := range []string{m.RecordingStartTime, m.ScheduledStartTime, m.CreatedAt} {
		c.setDate(s)
	}
	for _, t := range m.Transcript {
		sp := &callSpeaker{name: t.Speaker.DisplayName}
		for _, k := range []string{strings.ToLower(t.Speaker.Email), strings.ToLower(t.Speaker.DisplayName)} {
			if known[k] {
				sp.role = RoleInterviewer
				if external[k] {
					sp.role = RoleParticipant
				}
				break
			}
		}
		c.add(sp, t.Text, clockMS(t.Timestamp), -1)
	}
	doc := c.doc(FormatFathom)
	if len(list.Items) > 1 {
		doc.Warnings = append(doc.Warnings, "only the first of "+strconv.Itoa(len(list.Items))+" meetings was read; export one meeting per file")
	}
	return doc, nil
}

// Fireflies: the GraphQL transcript (data.transcript) with sentences,
// speakers and attendees.
type firefliesTranscript struct {
	Title          string          `json:"title"`
	Date           json.RawMessage `json:"date"`
	HostEmail      string          `json:"host_email"`
	OrganizerEmail string          `json:"organizer_email"`
	Sentences      []struct {
		SpeakerName string  `json:"speaker_name"`
		Text        string  `json:"text"`
		RawText     string  `json:"raw_text"`
		StartTime   float64 `json:"start_time"`
		EndTime     float64 `json:"end_time"`
	} `json:"sentences"`
	MeetingAttendees []struct {
		DisplayName string `json:"displayName"`
		Name        string `json:"name"`
		Email       string `json:"email"`
	} `json:"meeting_attendees"`
}

func parseFireflies(name string, data []byte) (*Document, error) {
	var f firefliesTranscript
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, jsonErr(name, err)
	}
	// The host's e-mail domain is the seller's; attendees from it are too.
	home := emailDomain(f.OrganizerEmail)
	if home == "" {
		home = emailDomain(f.HostEmail)
	}
	side := map[string]string{}
	for _, a := range f.MeetingAttendees {
		d := emailDomain(a.Email)
		if home == "" || d == "" {
			continue
		}
		role := RoleParticipant
		if d == home {
			role = RoleInterviewer
		}
		for _, n := range []string{a.DisplayName, a.Name} {
			if n != "" {
				side[strings.ToLower(n)] = role
			}
		}
	}
	c := newCallBuilder()
	c.title = f.Title
	if len(f.Date) > 0 {
		c.setDate(epochOrISO(f.Date))
	}
	for _, s := range f.Sentences {
		text := s.Text
		if text == "" {
			text = s.RawText
		}
		c.add(&callSpeaker{name: s.SpeakerName, role: side[strings.ToLower(s.SpeakerName)]}, text, secondsMS(s.StartTime), secondsMS(s.EndTime))
	}
	return c.doc(FormatFireflies), nil
}

// Grain: GET /recordings/{id}/transcript?format=json, a list of segments
// (speaker, participant_id, start and end in milliseconds, text), bare or
// under "transcript" or "segments", with the recording's participants
// (scope internal/external) when an export adds them.
type grainSegment struct {
	Speaker       string  `json:"speaker"`
	ParticipantID string  `json:"participant_id"`
	Start         float64 `json:"start"`
	End           float64 `json:"end"`
	Text          string  `json:"text"`
}

type grainExport struct {
	Title        string         `json:"title"`
	StartDate    string         `json:"start_datetime"`
	Transcript   []grainSegment `json:"transcript"`
	Segments     []grainSegment `json:"segments"`
	Participants []struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Scope string `json:"scope"`
	} `json:"participants"`
}

func parseGrain(name string, data []byte) (*Document, error) {
	var g grainExport
	if err := json.Unmarshal(data, &g.Segments); err != nil {
		if err := json.Unmarshal(data, &g); err != nil {
			return nil, nil // neither shape: the caller lists what it reads
		}
	}
	segs := g.Segments
	if len(segs) == 0 {
		segs = g.Transcript
	}
	if len(segs) == 0 || segs[0].Text == "" && segs[0].Speaker == "" {
		return nil, nil
	}
	scope := map[string]string{}
	for _, p := range g.Participants {
		role := ""
		switch strings.ToLower(p.Scope) {
		case "internal":
			role = RoleInterviewer
		case "external":
			role = RoleParticipant
		}
		if p.ID != "" {
			scope[p.ID] = role
		}
		if p.Name != "" {
			scope[strings.ToLower(p.Name)] = role
		}
	}
	c := newCallBuilder()
	c.title = g.Title
	c.setDate(g.StartDate)
	for _, s := range segs {
		role := scope[s.ParticipantID]
		if role == "" {
			role = scope[strings.ToLower(s.Speaker)]
		}
		c.add(&callSpeaker{name: s.Speaker, role: role}, s.Text, int64(s.Start), int64(s.End))
	}
	return c.doc(FormatGrain), nil
}
