package persona

import "time"

// StudyMember is one grant to see a study (docs/ACCESS.md): either one
// user (UserID > 0, Role empty) or every user of a role (UserID 0, Role
// "researcher", "marketer" or "sales").
type StudyMember struct {
	StudyID   int64     `json:"study_id"`
	UserID    int64     `json:"user_id,omitempty"`
	UserName  string    `json:"user_name,omitempty"`
	Role      string    `json:"role,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// SharedRoles are the roles a study can be shared with as a whole; admins
// see every study and need no grant.
var SharedRoles = []string{"researcher", "marketer", "sales"}
